#pragma once

#include "data/LayerId.h"
#include "data/PipeClearance.h"
#include "data/PipeFilter.h"

#include <QList>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <cstdint>
#include <optional>
#include <osg/ref_ptr>
#include <utility>
#include <vector>

class QAction;
class QWidget;
namespace osg {
class Group;
}

namespace citytwin::app {

class OsgViewWidget;
class PipeFilterDialog;
class ProjectSession;

//! The ageing-network analysis of the loaded pipe layers. "Pipe Filter…" opens a form (age ≥ N
//! years, materials, networks); Apply colours the matching pipes of every loaded pipe layer in a
//! warning colour and dims the others (scene/FeatureStyler, no rebuild) and reports "N of M pipes,
//! X.X km"; Clear gives each layer its own feature style back. Ages count at the year of the scene
//! clock (today when the clock is unset), so a replay of 2015 shows the network as it was in
//! 2015. "Measure Clearance": the next two clicks on pipes measure the clearance between them
//! (data::pipeClearance), drawn as a segment with its value in the scene's analysis group (node
//! "clearance") and reported by message(); Esc cancels. Main thread only.
class PipeAnalysisController : public QObject
{
    Q_OBJECT
public:
    //! Picks in VIEW; the filter form is a child of DIALOGPARENT.
    PipeAnalysisController(OsgViewWidget* view, QWidget* dialogParent, QObject* parent = nullptr);
    ~PipeAnalysisController() override;

    //! The session analysed (null: none); drops the filter and the clearance of the previous one.
    void setSession(ProjectSession* session);
    //! The Analysis menu's actions: Pipe Filter…, Measure Clearance, Clear Pipe Analysis.
    QList<QAction*> actions() const;
    QAction* filterAction() const { return m_filterAction; }
    QAction* clearanceAction() const { return m_clearanceAction; }
    QAction* clearAction() const { return m_clearAction; }
    void retranslate();

    struct FilterResult
    {
        int matched = 0;
        int total = 0;
        double lengthM = 0.0; //!< plan length of the matching pipes
    };
    //! Applies FILTER to every loaded pipe layer (as the form's Apply does).
    FilterResult applyFilter(const data::PipeFilter& filter);
    //! Restores every pipe layer's own feature style (as the form's Clear does).
    void clearFilter();
    std::optional<data::PipeFilter> appliedFilter() const { return m_filter; }
    //! "N of M pipes, X.X km", or empty without a filter.
    QString filterSummary() const;
    //! The year ages count at: the scene clock's (data::referenceYearOf).
    int referenceYear() const;
    //! Materials of the loaded pipes (first spelling of each, case-insensitive), sorted.
    QStringList materials() const;
    std::vector<data::PipeNetwork> networks() const;
    //! The form (null until first opened).
    PipeFilterDialog* dialog() const;

    //! Starts picking two pipes in the view (as the action does).
    void startClearance();
    void cancelClearance();
    bool isPickingClearance() const { return m_picking; }
    //! Measures and draws the clearance between pipe IDA of LAYERA and IDB of LAYERB. Nullopt (and
    //! message() says why) when a pipe is not loaded or has no usable centre line.
    std::optional<data::PipeClearance> measureClearance(data::LayerId layerA, std::int64_t idA,
                                                        data::LayerId layerB, std::int64_t idB);
    //! The last measurement as text (empty when none).
    QString clearanceText() const { return m_clearanceText; }
    //! Removes the drawn clearance.
    void clearClearance();

signals:
    //! A line for the status bar (filter summary, clearance, picking hints).
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showDialog();
    void applyToLayer(data::LayerId id);
    void pickAt(const QPoint& pos);
    void removeClearanceNode();
    void drawClearance(const data::PipeClearance& clearance, const QString& label);
    QString describe(const data::PipeClearance& clearance) const;

    QPointer<OsgViewWidget> m_view;
    QPointer<QWidget> m_dialogParent;
    QPointer<ProjectSession> m_session;
    QPointer<PipeFilterDialog> m_dialog;
    QAction* m_filterAction = nullptr;
    QAction* m_clearanceAction = nullptr;
    QAction* m_clearAction = nullptr;
    std::optional<data::PipeFilter> m_filter;
    FilterResult m_result;
    bool m_clearing = false; //!< restoring styles: their featureStyleApplied must not re-apply the filter
    bool m_picking = false;
    bool m_pressed = false;
    QPoint m_pressPos;
    std::vector<std::pair<data::LayerId, std::int64_t>> m_picks;
    osg::ref_ptr<osg::Group> m_clearanceNode; //!< "clearance" in the analysis group
    QString m_clearanceText;
    QList<QMetaObject::Connection> m_sessionConnections;
};

//! "23 years (installed 2003)" for the Inspector; "installed 2030 (after REFERENCEYEAR)" or
//! empty when there is no install year.
QString pipeAgeText(int installYear, int referenceYear);

} // namespace citytwin::app
