#pragma once

#include "data/Points.h"

#include <QObject>
#include <QPoint>
#include <QPointer>
#include <optional>
#include <osg/ref_ptr>
#include <vector>

namespace osg {
class Geometry;
class Group;
} // namespace osg
namespace citytwin::scene {
class CityScene;
}

namespace citytwin::app {

class OsgViewWidget;

//! Draws a line or a polygon on the map for an analysis tool (vertical section, excavation pit,
//! clearance between two picks). While active, each click in the view (press and release in
//! about one place) adds the point under the cursor — terrain, roof, pipe, whatever is hit; a
//! rubber band follows the cursor; a double-click or Enter finishes, Backspace removes the last
//! point, Esc cancels. Drags still orbit and zoom the camera, and the Inspector does not select
//! meanwhile (the view's "citytwin.sketching" property is true). The sketch is drawn on top of
//! everything in the scene's analysis group (node "sketch") and removed when the tool stops.
class MapSketchTool : public QObject
{
    Q_OBJECT
public:
    enum class Shape {
        Polyline, //!< at least 2 points
        Polygon   //!< at least 3 points, drawn closed
    };

    MapSketchTool(OsgViewWidget* view, QObject* parent = nullptr);
    ~MapSketchTool() override;

    //! The scene the sketch is drawn in (the session's); a running sketch is cancelled on change.
    void setScene(scene::CityScene* scene);

    //! Starts a sketch of SHAPE. With MAXPOINTS > 0 it finishes by itself at that many points
    //! (2 for a straight section line). A running sketch is cancelled first.
    void start(Shape shape, int maxPoints = 0);
    //! Stops without a result (cancelled() is emitted if a sketch was running).
    void cancel();
    //! Finishes now: finished() with the points when there are enough for the shape, else cancel().
    void finish();
    bool isActive() const { return m_active; }
    Shape shape() const { return m_shape; }
    //! The points so far (local frame).
    const std::vector<data::LocalPoint>& points() const { return m_points; }

    //! Adds POINT as a click would (tests, and the keyboard-free path).
    void addPoint(const data::LocalPoint& point);

signals:
    //! The sketch is done: POINTS in the local frame (a polygon's ring is not closed).
    void finished(const std::vector<citytwin::data::LocalPoint>& points, citytwin::app::MapSketchTool::Shape shape);
    void cancelled();
    //! A point was added or removed (or the sketch started): a hint for the status bar.
    void pointsChanged(int count);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void stop();
    void setRubberBand(const std::optional<data::LocalPoint>& cursor);
    void updateGraphics();

    QPointer<OsgViewWidget> m_view;
    scene::CityScene* m_scene = nullptr;
    osg::ref_ptr<osg::Group> m_node; //!< "sketch" in the analysis group while active
    osg::ref_ptr<osg::Geometry> m_lines;
    osg::ref_ptr<osg::Geometry> m_dots;
    Shape m_shape = Shape::Polyline;
    int m_maxPoints = 0;
    bool m_active = false;
    bool m_pressed = false;
    QPoint m_pressPos;
    std::vector<data::LocalPoint> m_points;
    std::optional<data::LocalPoint> m_cursor;
};

} // namespace citytwin::app
