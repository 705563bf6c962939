#pragma once

#include "data/Points.h"
#include "data/SavedView.h"
#include "scene/Picker.h"

#include <QElapsedTimer>
#include <QOpenGLWidget>
#include <QPoint>
#include <QTimer>
#include <optional>
#include <osg/ref_ptr>

namespace osg {
class Node;
}
namespace citytwin::scene {
class OrbitManipulator;
}
namespace osgViewer {
class GraphicsWindowEmbedded;
class Viewer;
} // namespace osgViewer

namespace citytwin::app {

//! The 3D view: a QOpenGLWidget hosting a single-threaded osgViewer::Viewer on an embedded
//! graphics window (TOOLCHAIN.md step 3). Renders on demand — after input, a scene change or
//! while something animates (continuous rendering requested, a fly-to, paging) — never in a busy loop.
class OsgViewWidget : public QOpenGLWidget
{
    Q_OBJECT
public:
    explicit OsgViewWidget(QWidget* parent = nullptr);
    ~OsgViewWidget() override;

    //! Shows ROOT (may be null) from its home view; the view keeps a reference.
    void setSceneData(osg::Node* root);
    osgViewer::Viewer* viewer() const { return m_viewer.get(); }

    //! The current camera as an orbit view in the local frame.
    data::SavedView view() const;
    //! Moves the camera to VIEW, at once or with a short fly-to animation.
    void setView(const data::SavedView& view, bool animate = false);
    //! Where Home goes (until the next setSceneData); without one, a view of the whole scene.
    void setHomeView(const data::SavedView& view);
    std::optional<data::SavedView> homeView() const;
    //! Goes to the home view (a view of the whole scene when none was set).
    void home(bool animate = true);
    //! Turns the camera to look north, keeping target, pitch and range.
    void northUp(bool animate = true);

    //! Keeps repainting at ~60 Hz while ON (e.g. the clock plays); otherwise only on demand.
    void setContinuousRendering(bool on);
    bool continuousRendering() const { return m_continuous; }
    bool isAnimating() const;

    //! Frames rendered so far (tests wait on it).
    int frameCount() const { return m_frames; }
    //! What lies under widget position POS (logical px): nearest hit (local frame), layer, feature.
    std::optional<scene::PickResult> pick(const QPoint& pos) const;
    scene::OrbitManipulator* manipulator() const { return m_manipulator.get(); }

signals:
    //! The scene point under the mouse, or nullopt over the sky / off the widget.
    void cursorMoved(std::optional<citytwin::data::LocalPoint> hit);
    //! The same moment with what was hit (layer, feature id), for readouts that name it.
    void cursorPicked(const std::optional<citytwin::scene::PickResult>& pick);
    //! The camera moved (input or animation).
    void viewChanged();
    void frameRendered();

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void releaseGL();
    void scheduleFrame();
    void applyAnimationStep();
    void pickUnderCursor();
    double dpr() const;

    osg::ref_ptr<osgViewer::Viewer> m_viewer;
    osg::ref_ptr<osgViewer::GraphicsWindowEmbedded> m_window;
    osg::ref_ptr<scene::OrbitManipulator> m_manipulator;
    bool m_initialized = false;
    bool m_continuous = false;
    int m_frames = 0;
    int m_pixelWidth = 100;
    int m_pixelHeight = 100;

    struct Flight
    {
        data::SavedView from, to;
        QElapsedTimer clock;
        int durationMs = 0;
    };
    std::optional<Flight> m_flight;
    data::SavedView m_lastEmittedView;

    QTimer m_frameTimer; //!< paces continuous rendering
    QTimer m_pickTimer;  //!< throttles cursor picking
    QPoint m_cursorPos;
    bool m_cursorInside = false;
};

} // namespace citytwin::app
