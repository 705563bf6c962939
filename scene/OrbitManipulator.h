#pragma once

#include "data/Points.h"
#include "data/SavedView.h"

#include <functional>
#include <optional>
#include <osg/observer_ptr>
#include <osgGA/CameraManipulator>

namespace citytwin::scene {

//! Orbits a target point in the local frame (the SavedView model: target, heading, pitch, range).
//! Mouse: left-drag orbits (pitch kept in [-89, -5] deg; up to +60 in underground mode), right- or middle-drag pans on the
//! horizontal plane, the wheel zooms towards the point under the cursor. Keys: Space/H home,
//! N north-up, arrows pan, PageUp/PageDown raise/lower the target. The maths lives in scene/OrbitMath.h (testable without GL).
class OrbitManipulator : public osgGA::CameraManipulator
{
public:
    static constexpr double kMinPitchDeg = -89.0;
    static constexpr double kMaxPitchDeg = -5.0;
    static constexpr double kMinRangeM = 2.0;
    //! Underground mode lets the camera look up at pipes from below (pitch up to this).
    static constexpr double kMaxPitchUndergroundDeg = 60.0;
    //! Above ground the eye keeps this height over the ground (m).
    static constexpr double kMinEyeClearanceM = 1.0;

    //! The ground height (local frame z) at local (x, y), or nullopt where there is no ground.
    using GroundHeightFunction = std::function<std::optional<double>(double x, double y)>;

    //! Finds the scene point under window position (x, y) in OSG window coordinates (origin at
    //! the bottom left, as GUIEventAdapter::getX/getY with Y_INCREASING_UPWARDS), or nullopt.
    using IntersectFunction = std::function<std::optional<data::LocalPoint>(const osgGA::GUIEventAdapter&,
                                                                            osgGA::GUIActionAdapter&)>;

    OrbitManipulator();

    const char* className() const override { return "CitytwinOrbitManipulator"; }

    //! Jumps to VIEW (no clamping: saved views may look straight down); stops any flight.
    void setView(const data::SavedView& view);
    data::SavedView view() const { return m_view; }
    void setHomeView(const data::SavedView& view);
    std::optional<data::SavedView> homeView() const { return m_home; }
    //! Back to the home view (or a view of the whole scene when none was set).
    void home();
    //! Keeps target and range, turns the camera to look north.
    void northUp();
    //! Animated flight to TARGET at RANGEM over SECONDS (0: jump); heading/pitch are kept.
    void flyTo(const data::LocalPoint& target, double rangeM, double seconds);
    bool isFlying() const { return m_flight.has_value(); }
    //! Advances a flight to time NOW (seconds, the event clock). Called on every FRAME event.
    void advanceFlight(double now);

    //! Replaces the default zoom pick (the view's scene intersection, else the plane z = target.z).
    void setIntersectFunction(IntersectFunction fn) { m_intersect = std::move(fn); }

    //! Underground mode: the target and the eye may go below the ground, the pitch may look up
    //! (to kMaxPitchUndergroundDeg). Off (the default): after each interaction the target is
    //! raised onto the ground and the eye kept kMinEyeClearanceM above it (when a ground
    //! function is set), and the pitch goes back into [kMinPitchDeg, kMaxPitchDeg].
    void setAllowBelowGround(bool allow);
    bool allowBelowGround() const { return m_allowBelowGround; }
    //! Where the ground is, for the clamping above (none: no clamping).
    void setGroundHeightFunction(GroundHeightFunction fn) { m_groundHeight = std::move(fn); }
    //! A ground function that intersects GROUND (e.g. the terrain TileEngine, local frame, no
    //! transform above it) along the vertical at (x, y); nullopt once GROUND is gone or missed.
    static GroundHeightFunction groundOf(osg::Node* ground);
    //! Raises/lowers the target by DZ metres (PageUp/PageDown: 10 % of the range), e.g. to
    //! descend to a pipe's depth in underground mode.
    void moveVertically(double dz);
    //! The current pitch limit (kMaxPitchDeg, or kMaxPitchUndergroundDeg underground).
    double maxPitchDeg() const { return m_allowBelowGround ? kMaxPitchUndergroundDeg : kMaxPitchDeg; }

    //! Rotate (orbit) by pixel-independent amounts (normalized window units, as from a drag).
    void rotate(double dxNormalized, double dyNormalized);
    //! Pan by normalized window units with the camera's vertical field of view FOVYDEG.
    void pan(double dxNormalized, double dyNormalized, double fovyDeg, double aspect);
    //! Zoom by FACTOR (< 1 closer) about POINT.
    void zoomTowards(const data::LocalPoint& point, double factor);

    // osgGA::CameraManipulator
    void setByMatrix(const osg::Matrixd& matrix) override;
    void setByInverseMatrix(const osg::Matrixd& matrix) override;
    osg::Matrixd getMatrix() const override;
    osg::Matrixd getInverseMatrix() const override;
    void home(const osgGA::GUIEventAdapter& ea, osgGA::GUIActionAdapter& aa) override;
    void home(double currentTime) override;
    void setNode(osg::Node* node) override { m_node = node; }
    const osg::Node* getNode() const override { return m_node.get(); }
    osg::Node* getNode() override { return m_node.get(); }
    bool handle(const osgGA::GUIEventAdapter& ea, osgGA::GUIActionAdapter& aa) override;

private:
    struct Flight
    {
        data::SavedView from;
        data::SavedView to;
        double seconds;
        std::optional<double> start;
    };

    std::optional<data::LocalPoint> pointUnderCursor(const osgGA::GUIEventAdapter& ea,
                                                     osgGA::GUIActionAdapter& aa) const;
    bool handleKey(int key, osgGA::GUIActionAdapter& aa);
    data::SavedView sceneHomeView() const;
    //! Applies the above-ground rules to m_view (no-op in underground mode).
    void keepAboveGround();

    data::SavedView m_view;
    std::optional<data::SavedView> m_home;
    std::optional<Flight> m_flight;
    IntersectFunction m_intersect;
    GroundHeightFunction m_groundHeight;
    bool m_allowBelowGround = false;
    osg::observer_ptr<osg::Node> m_node; // the scene, for a home view when none was set
    double m_lastX = 0.0;
    double m_lastY = 0.0;
};

} // namespace citytwin::scene
