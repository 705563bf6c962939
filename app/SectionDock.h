#pragma once

#include "app/MapSketchTool.h"
#include "app/SectionAnalysis.h"
#include "data/Status.h"

#include <QDockWidget>
#include <QPointer>
#include <memory>
#include <optional>
#include <osg/Group>
#include <osg/Node>
#include <osg/observer_ptr>
#include <osg/ref_ptr>

class QAction;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;
class QToolButton;

namespace citytwin::app {

class OsgViewWidget;
class ProjectSession;
class SectionProfileWidget;

//! Analysis → Vertical Section: draw a line on the map (double-click or Enter finishes) and see
//! the pipes it crosses — a profile drawing (ground, pipes to scale, depths), a table (network,
//! material, depth to top/centre, size, install year, distance, layer), Export CSV…, and in 3D the
//! line above the ground with a translucent curtain down to the deepest pipe (analysis group node
//! "section"). The lead adds the dock and its actions to MainWindow.
class SectionDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit SectionDock(OsgViewWidget* view, QWidget* parent = nullptr);
    ~SectionDock() override;

    //! The session whose pipes and ground are cut (nullptr: none); clears the current section.
    void setSession(ProjectSession* session);
    void retranslate();

    //! "Draw Section Line": starts the sketch on the map (checked while drawing).
    QAction* drawAction() const { return m_drawAction; }
    //! "Export CSV…" of the table (enabled with a section).
    QAction* exportAction() const { return m_exportAction; }
    //! "Clear Section": removes the section, its table and the 3D curtain.
    QAction* clearAction() const { return m_clearAction; }
    MapSketchTool* sketchTool() const { return m_tool.get(); }
    SectionProfileWidget* profileWidget() const { return m_profile; }
    QTableWidget* table() const { return m_table; }

    //! Computes and shows the section along LINE (project CRS); false (with the reason in the
    //! dock's status line) when it cannot be computed.
    bool showSection(const std::vector<data::ProjectedPoint>& line);
    //! The section shown, if any.
    const std::optional<SectionResult>& section() const;
    void clearSection();
    //! Writes the shown section's crossings as CSV to PATH.
    data::Status exportCsv(const QString& path) const;

signals:
    //! The user picked the crossing of pipe PIPEID of LAYER (table row or profile click).
    void crossingSelected(citytwin::data::LayerId layer, qint64 pipeId);

private:
    void startDrawing(bool checked);
    void sketchFinished(const std::vector<data::LocalPoint>& points);
    void exportWithDialog();
    void fillTable();
    void selectCrossing(int index);
    void updateCurtain();
    void removeCurtain();
    void setStatus(const QString& text);

    QPointer<OsgViewWidget> m_view;
    QPointer<ProjectSession> m_session;
    std::unique_ptr<MapSketchTool> m_tool;
    osg::ref_ptr<osg::Node> m_curtain;
    osg::observer_ptr<osg::Group> m_curtainParent;
    QAction* m_drawAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_clearAction = nullptr;
    QToolButton* m_drawButton = nullptr;
    QToolButton* m_exportButton = nullptr;
    QToolButton* m_clearButton = nullptr;
    QLabel* m_exaggerationLabel = nullptr;
    QDoubleSpinBox* m_exaggeration = nullptr;
    QLabel* m_status = nullptr;
    SectionProfileWidget* m_profile = nullptr;
    QTableWidget* m_table = nullptr;
    QString m_statusText; //!< untranslated state is rebuilt on retranslate from the section itself
};

} // namespace citytwin::app
