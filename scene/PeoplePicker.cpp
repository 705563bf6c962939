#include "scene/PeoplePicker.h"

#include "scene/CityScene.h"
#include "scene/PeopleLayer.h"

#include <osg/Geode>
#include <osg/NodeVisitor>
#include <osg/Viewport>

namespace citytwin::scene {

namespace {

class PeoplePickVisitor : public osg::NodeVisitor
{
public:
    PeoplePickVisitor(const osg::Matrixd& viewProjection, const osg::Matrixd& window,
                      const osg::Vec2d& cursor, double radiusPx)
        : osg::NodeVisitor(TRAVERSE_ACTIVE_CHILDREN), m_viewProjection(viewProjection), m_window(window),
          m_cursor(cursor), m_best2(radiusPx * radiusPx)
    {
    }

    void apply(osg::Geode& geode) override
    {
        PeopleLayer* layer = PeopleLayer::of(&geode);
        if (!layer)
            return;
        const osg::Matrixd toClip = osg::computeLocalToWorld(getNodePath()) * m_viewProjection;
        for (std::size_t i = 0; i < layer->personCount(); ++i) {
            if (!layer->isVisible(i))
                continue;
            const osg::Vec4d clip = osg::Vec4d(osg::Vec3d(layer->position(i)), 1.0) * toClip;
            if (clip.w() <= 0.0)
                continue; // behind the eye
            const osg::Vec3d ndc(clip.x() / clip.w(), clip.y() / clip.w(), clip.z() / clip.w());
            const osg::Vec3d win = ndc * m_window;
            const double d2 = (osg::Vec2d(win.x(), win.y()) - m_cursor).length2();
            if (d2 <= m_best2) {
                m_best2 = d2;
                best = PersonPick{layer, i, CityScene::layerIdOf(getNodePath()), std::sqrt(d2)};
            }
        }
    }

    std::optional<PersonPick> best;

private:
    osg::Matrixd m_viewProjection;
    osg::Matrixd m_window;
    osg::Vec2d m_cursor;
    double m_best2;
};

} // namespace

std::optional<PersonPick> pickPerson(const osg::Camera& camera, osg::Node* scene, double x, double yFromTop,
                                     double radiusPx)
{
    const osg::Viewport* viewport = camera.getViewport();
    if (!scene || !viewport)
        return std::nullopt;
    const osg::Vec2d cursor(viewport->x() + x, viewport->y() + viewport->height() - yFromTop);
    PeoplePickVisitor visitor(camera.getViewMatrix() * camera.getProjectionMatrix(),
                              viewport->computeWindowMatrix(), cursor, radiusPx);
    scene->accept(visitor);
    return visitor.best;
}

} // namespace citytwin::scene
