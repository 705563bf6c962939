#pragma once

#include "scene/TileEngine.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>

class QAction;

namespace citytwin::app {

class ProjectSession;

//! View → Tile Statistics: a small label over the 3D view with the basemap engine's numbers
//! (TileEngine::stats(): resident/drawn tiles, queue, memory, totals, deepest level, merge time),
//! refreshed 4× a second while shown. The toggle is remembered in QSettings.
class TileStatsOverlay : public QLabel
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 250;

    //! VIEW is the widget the label floats over (its parent).
    explicit TileStatsOverlay(QWidget* view);

    void setSession(ProjectSession* session);
    //! The checkable View-menu action (state saved in QSettings "view/tileStatistics").
    QAction* toggleAction() const { return m_toggle; }

    //! The overlay text for STATS (translated).
    static QString formatStats(const scene::TileEngine::Stats& stats);
    //! Re-reads the statistics now (the timer does this while visible).
    void refresh();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setShown(bool shown);
    void retranslate();
    void place();

    QPointer<ProjectSession> m_session;
    QAction* m_toggle = nullptr;
    QTimer m_timer;
};

} // namespace citytwin::app
