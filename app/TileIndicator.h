#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace citytwin::app {

class ProjectSession;

//! The status bar's tile indicator: "Tiles: 12" and a busy bar while basemap tiles are queued or
//! loading (ProjectSession::tileActivity); hidden when the view is fully refined.
class TileIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit TileIndicator(QWidget* parent = nullptr);

    void setSession(ProjectSession* session);
    //! Shows IN_FLIGHT tiles (hides at 0).
    void setInFlight(int inFlight);
    int inFlight() const { return m_inFlight; }
    QLabel* label() const { return m_label; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QPointer<ProjectSession> m_session;
    QLabel* m_label = nullptr;
    QProgressBar* m_busy = nullptr;
    int m_inFlight = 0;
};

} // namespace citytwin::app
