#include "scene/AssetAlarmLayer.h"

#include <cmath>
#include <osg/Geode>
#include <osg/Geometry>

namespace citytwin::scene {

namespace {

//! Location of ct_alarm in the asset program (AssetMarkerBuilder.cpp binds it).
constexpr unsigned kAssetAlarmAttrib = 7;

} // namespace

AssetAlarmLayer* AssetAlarmLayer::of(osg::Node* node)
{
    if (!node)
        return nullptr;
    if (auto* layer = dynamic_cast<AssetAlarmLayer*>(sceneTimeListenerOf(node)))
        return layer;
    if (osg::Group* group = node->asGroup(); group && group->getNumChildren() == 1)
        return dynamic_cast<AssetAlarmLayer*>(sceneTimeListenerOf(group->getChild(0)));
    return nullptr;
}

AssetAlarmLayer* AssetAlarmLayer::install(osg::Node* node, const std::vector<data::Asset>& assets,
                                          data::SensorAlarms alarms, data::TimeMs epoch)
{
    osg::Geode* geode = node ? node->asGeode() : nullptr;
    if (!geode)
        return nullptr;
    osg::ref_ptr<AssetAlarmLayer> layer = new AssetAlarmLayer;
    layer->m_alarms = std::move(alarms);
    layer->m_epoch = epoch;
    for (std::size_t i = 0; i < assets.size(); ++i) {
        layer->m_names.insert(assets[i].id, assets[i].name);
        layer->m_subtypes.insert(assets[i].id, assets[i].subtype);
    }
    QHash<std::int64_t, unsigned> vertexOfAsset;
    for (std::size_t i = 0; i < assets.size(); ++i)
        if (!vertexOfAsset.contains(assets[i].id))
            vertexOfAsset.insert(assets[i].id, unsigned(i));
    for (std::int64_t id : layer->m_alarms.watchedSensors())
        if (const auto it = vertexOfAsset.constFind(id); it != vertexOfAsset.constEnd())
            layer->m_vertexOf.insert(id, it.value());
    if (geode->getNumDrawables() > 0)
        if (osg::Geometry* geom = geode->getDrawable(0)->asGeometry())
            layer->m_flags = dynamic_cast<osg::FloatArray*>(geom->getVertexAttribArray(kAssetAlarmAttrib));
    geode->setUserData(layer); // the node owns the layer; CityScene finds it there
    layer->update(0.0);
    return layer.get();
}

data::TimeMs AssetAlarmLayer::time() const
{
    return m_epoch + data::TimeMs(std::llround(m_seconds * 1000.0));
}

int AssetAlarmLayer::update(double seconds)
{
    m_seconds = seconds;
    const data::TimeMs t = time();
    int inAlarm = 0;
    bool changed = false;
    for (auto it = m_vertexOf.constBegin(); it != m_vertexOf.constEnd(); ++it) {
        const bool alarm = m_alarms.isInAlarmAt(it.key(), t);
        inAlarm += alarm ? 1 : 0;
        if (!m_flags)
            continue;
        float& flag = (*m_flags)[it.value()];
        const float value = alarm ? 1.0f : 0.0f;
        if (flag != value) {
            flag = value;
            changed = true;
        }
    }
    if (changed)
        m_flags->dirty();
    return inAlarm;
}

void AssetAlarmLayer::appendReadings(const std::vector<data::SensorReading>& readings)
{
    m_alarms.addReadings(readings);
    update(m_seconds);
}

bool AssetAlarmLayer::isFlagged(std::int64_t assetId) const
{
    const auto it = m_vertexOf.constFind(assetId);
    return it != m_vertexOf.constEnd() && m_flags && (*m_flags)[it.value()] > 0.5f;
}

} // namespace citytwin::scene
