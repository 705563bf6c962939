#pragma once

#include "data/Points.h"
#include "scene/ClipBoxGizmo.h"
#include "scene/CutAway.h"
#include "scene/ExcavationPitBuilder.h"

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <optional>
#include <vector>

class QAction;
class QMenu;
class QWidget;

namespace citytwin::scene {
class CityScene;
}

namespace citytwin::app {

class MapSketchTool;
class OsgViewWidget;
class ProjectSession;

//! Cuts away the ground to show what is under it (Analysis menu): Clip Box (checkable) puts a
//! box around the view target whose terrain, buildings and models vanish while pipes, manholes
//! and underground spaces inside stay; dragging one of its six face handles moves that face
//! along its axis. Excavation Pit… draws a polygon on the map (MapSketchTool), asks a depth
//! (default 5 m) and digs a pit with soil walls there. Clear Cut-Away removes both. A view
//! setting: not saved in the project, dropped when the session changes.
class CutAwayController : public QObject
{
    Q_OBJECT
public:
    static constexpr double kDefaultPitDepthM = 5.0;

    //! VIEW gets the handle dragging; SKETCH draws the pit outline (null: an own tool on VIEW).
    CutAwayController(OsgViewWidget* view, MapSketchTool* sketch, QObject* parent = nullptr);
    ~CutAwayController() override;

    void setSession(ProjectSession* session);
    //! The scene cut and the ground height the pit walls start from (setSession() calls it with
    //! the session's scene and DEM; tests with their own). Null SCENE detaches.
    void setScene(scene::CityScene* scene, scene::SurfaceHeight surface);

    QAction* clipBoxAction() const { return m_clipBoxAction; }
    QAction* pitAction() const { return m_pitAction; }
    QAction* clearAction() const { return m_clearAction; }
    //! "Cut-Away" submenu with the three actions (for the Analysis menu).
    QMenu* menu() const { return m_menu; }

    //! Shows (around the view target) or hides the clip box, as the action does.
    void setClipBoxEnabled(bool on);
    //! Sets the box (shown, the action checked); an invalid box is ignored.
    void setClipBox(const scene::ClipBox& box);
    std::optional<scene::ClipBox> clipBox() const { return m_cut.clipBox(); }
    //! Starts drawing the pit outline (as the action does).
    void startPit();
    //! Digs a pit inside RING (local x/y) DEPTHM below its lowest ground point.
    void setPit(const std::vector<osg::Vec2d>& ring, double depthM);
    std::optional<scene::ExcavationPit> pit() const { return m_cut.pit(); }
    void clear();
    const scene::CutAway& cutAway() const { return m_cut; }
    MapSketchTool* sketchTool() const { return m_sketch; }

    //! false: the pit takes pitDepth() without asking (tests, scripted use).
    void setAskForDepth(bool ask) { m_askDepth = ask; }
    void setPitDepth(double depthM) { m_pitDepth = depthM; }
    double pitDepth() const { return m_pitDepth; }
    //! The face being dragged, if any.
    std::optional<scene::BoxFace> draggedFace() const { return m_drag ? std::optional(m_drag->face) : std::nullopt; }

    void retranslate();

signals:
    void clipBoxChanged();
    void pitChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Drag
    {
        scene::BoxFace face;
        scene::ClipBox startBox;
        QPointF startPos;
        QPointF screenAxis;   //!< unit direction of the face's outward axis on screen
        double pixelsPerMetre; //!< along that axis, at the face
    };
    bool beginDrag(const QPointF& pos);
    //! The face whose handle is under widget position POS (logical px).
    std::optional<scene::BoxFace> handleAt(const QPointF& pos) const;
    void updateHoverCursor(const QPointF& pos, Qt::MouseButtons buttons);
    std::optional<QPointF> toWidget(const osg::Vec3d& p) const;
    void sketchFinished(const std::vector<data::LocalPoint>& points);
    void updateGraphics();

    QPointer<OsgViewWidget> m_view;
    MapSketchTool* m_sketch = nullptr;
    bool m_sketchPending = false; //!< the sketch running is ours (the tool may be shared)
    QPointer<ProjectSession> m_session;
    scene::CityScene* m_scene = nullptr;
    scene::SurfaceHeight m_surface;
    scene::CutAway m_cut;
    scene::ClipBoxGizmo m_gizmo;
    osg::ref_ptr<osg::Group> m_pitNode;
    std::optional<Drag> m_drag;
    double m_pitDepth = kDefaultPitDepthM;
    bool m_askDepth = true;
    bool m_hoverCursor = false; //!< the view's cursor is ours (over a handle)
    QMenu* m_menu = nullptr;
    QAction* m_clipBoxAction = nullptr;
    QAction* m_pitAction = nullptr;
    QAction* m_clearAction = nullptr;
};

} // namespace citytwin::app
