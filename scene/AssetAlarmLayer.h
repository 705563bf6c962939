#pragma once

#include "data/Overlays.h"
#include "data/SensorAlarms.h"
#include "data/Time.h"
#include "scene/SceneTimeListener.h"

#include <QHash>
#include <QString>
#include <cstdint>
#include <osg/Array>
#include <osg/Node>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! Sensor alarms of an asset layer: follows the scene time (a SceneTimeListener, the user data
//! of the asset markers' Geode) and rewrites one per-vertex alarm flag (ct_alarm) for the
//! sensors that have a threshold; the shader draws flagged sensors in flashing red. Each update
//! is a binary search per watched sensor: moving the timeline never rebuilds geometry.
//! Built by buildAssetMarkers(assets, origin, alarms, epoch) in scene/SceneBuilders.h.
class AssetAlarmLayer : public SceneTimeListener
{
public:
    //! The layer of NODE (the asset markers' Geode or the CityScene layer group holding it), or nullptr.
    static AssetAlarmLayer* of(osg::Node* node);
    //! Installs a layer on the Geode GEODE from buildAssetMarkers (vertex i = ASSETS[i]);
    //! the initial state is update(0).
    static AssetAlarmLayer* install(osg::Node* geode, const std::vector<data::Asset>& assets,
                                    data::SensorAlarms alarms, data::TimeMs epoch);

    //! Flags the sensors in alarm at SECONDS since the epoch; returns how many are.
    int update(double seconds);
    void sceneTimeChanged(double seconds) override { update(seconds); }

    //! Live mode: adds READINGS and re-flags at the last update's time.
    void appendReadings(const std::vector<data::SensorReading>& readings);

    const data::SensorAlarms& alarms() const { return m_alarms; }
    data::TimeMs epoch() const { return m_epoch; }
    //! The scene time of the last update (UTC ms).
    data::TimeMs time() const;
    //! Whether asset ID's marker is flagged now (after update()).
    bool isFlagged(std::int64_t assetId) const;
    //! Name / subtype of asset ID ("" when unknown), for alarm lists.
    QString assetName(std::int64_t assetId) const { return m_names.value(assetId); }
    QString assetSubtype(std::int64_t assetId) const { return m_subtypes.value(assetId); }
    //! The per-vertex alarm flags (1 in alarm) — what the shader reads.
    const osg::FloatArray* flags() const { return m_flags.get(); }

private:
    AssetAlarmLayer() = default;

    data::SensorAlarms m_alarms;
    data::TimeMs m_epoch = 0;
    double m_seconds = 0.0;
    QHash<std::int64_t, unsigned> m_vertexOf; //!< watched sensors only
    QHash<std::int64_t, QString> m_names, m_subtypes;
    osg::ref_ptr<osg::FloatArray> m_flags;
};

} // namespace citytwin::scene
