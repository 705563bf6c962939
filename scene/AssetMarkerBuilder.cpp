// buildAssetMarkers() and assetMarkerColour() (declared in scene/SceneBuilders.h).
#include "scene/AssetAlarmLayer.h"
#include "scene/FeatureId.h"
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/PointSprite>

namespace citytwin::scene {

namespace {

//! Markers float above the draped ground so the sprite is not half buried (as events do).
constexpr double kLiftM = 3.0;
//! Location of ct_alarm (AssetAlarmLayer.cpp writes the array): 7 is free in the asset program.
constexpr unsigned kAssetAlarmAttrib = 7;

//! The asset program with ct_alarm bound too; one shared copy (makeProgram's cached base keeps
//! the binding table other layers share untouched).
osg::ref_ptr<osg::Program> assetProgram()
{
    static const osg::ref_ptr<osg::Program> program = [] {
        osg::ref_ptr<osg::Program> base = makeProgram("asset_markers.vert", "asset_markers.frag");
        osg::ref_ptr<osg::Program> own = new osg::Program(*base, osg::CopyOp::SHALLOW_COPY);
        own->addBindAttribLocation("ct_alarm", kAssetAlarmAttrib);
        return own;
    }();
    return program;
}

//! Shape codes of shaders/asset_markers.frag.
float shapeOf(data::AssetType type)
{
    switch (type) {
    case data::AssetType::Cctv:
        return 1.0f; // square: a camera housing
    case data::AssetType::Sensor:
        return 2.0f; // diamond
    case data::AssetType::Shelter:
        return 3.0f; // triangle: a roof
    case data::AssetType::Hydrant:
    case data::AssetType::Other:
        break;
    }
    return 0.0f; // circle
}

} // namespace

osg::Vec3f assetMarkerColour(data::AssetType type)
{
    // Chosen away from the event states (red, orange, yellow, green) and from each other.
    switch (type) {
    case data::AssetType::Cctv:
        return {0.15f, 0.40f, 0.95f}; // blue
    case data::AssetType::Sensor:
        return {0.60f, 0.25f, 0.85f}; // purple
    case data::AssetType::Hydrant:
        return {0.85f, 0.15f, 0.45f}; // crimson, bluer than the "reported" red
    case data::AssetType::Shelter:
        return {0.05f, 0.60f, 0.50f}; // teal green, bluer than the "resolved" green
    case data::AssetType::Other:
        break;
    }
    return {0.55f, 0.55f, 0.55f}; // grey
}

osg::ref_ptr<osg::Node> buildAssetMarkers(const std::vector<data::Asset>& assets,
                                          const data::ProjectedPoint& origin)
{
    auto positions = new osg::Vec3Array;
    auto colours = new osg::Vec4Array;
    auto shapes = new osg::FloatArray;
    positions->reserve(assets.size());
    colours->reserve(assets.size());
    shapes->reserve(assets.size());
    // Sensor alarm flags (AssetAlarmLayer rewrites them as the time moves): zero without alarms.
    osg::ref_ptr<osg::FloatArray> alarms = new osg::FloatArray(unsigned(assets.size()));
    alarms->setDataVariance(osg::Object::DYNAMIC);
    osg::ref_ptr<FeatureIdTable> ids = new FeatureIdTable; // vertex i = one asset id
    for (const data::Asset& a : assets) {
        ids->beginFeature(unsigned(positions->size()), a.id);
        positions->push_back(osg::Vec3f(float(a.position.x - origin.x), float(a.position.y - origin.y),
                                        float(a.position.z - origin.z + kLiftM)));
        colours->push_back(osg::Vec4f(assetMarkerColour(a.type), 1.0f));
        shapes->push_back(shapeOf(a.type));
    }

    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("asset-markers");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(positions);
    geom->setColorArray(colours, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(attrib::kAssetShape, shapes, osg::Array::BIND_PER_VERTEX);
    geom->setVertexAttribArray(kAssetAlarmAttrib, alarms, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(new osg::DrawArrays(GL_POINTS, 0, GLsizei(positions->size())));
    geom->setUserData(ids);
    // Static assets need no time chunks: one geometry, one draw call for the whole city.
    // Culling stays off as for events (points have a zero-size bound that small-feature culling drops).
    geom->setCullingActive(false);

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName("asset-markers");
    geode->setCullingActive(false);
    if (!assets.empty())
        geode->addDrawable(geom);

    osg::StateSet* ss = geode->getOrCreateStateSet();
    ss->setAttributeAndModes(assetProgram());
    ss->setMode(GL_VERTEX_PROGRAM_POINT_SIZE, osg::StateAttribute::ON);
    osg::ref_ptr<osg::PointSprite> sprite = new osg::PointSprite;
    sprite->setCoordOriginMode(osg::PointSprite::UPPER_LEFT);
    ss->setTextureAttributeAndModes(0, sprite, osg::StateAttribute::ON);
    ss->addUniform(new osg::Uniform("ct_pointSize", kAssetMarkerSizePx));
    ss->addUniform(new osg::Uniform("ct_time", 0.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    // Overlays like the event markers: no depth test, drawn after the city. Events (bin 10) come
    // later still, so an incident at a camera is never hidden by the camera's marker.
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setRenderBinDetails(8, "RenderBin");
    return geode;
}

osg::ref_ptr<osg::Node> buildAssetMarkers(const std::vector<data::Asset>& assets,
                                          const data::ProjectedPoint& origin, data::SensorAlarms alarms,
                                          data::TimeMs epoch)
{
    osg::ref_ptr<osg::Node> node = buildAssetMarkers(assets, origin);
    AssetAlarmLayer::install(node.get(), assets, std::move(alarms), epoch);
    return node;
}

} // namespace citytwin::scene
