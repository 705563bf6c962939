#pragma once

#include "data/LayerId.h"
#include "data/TimeRange.h"

#include <QJsonObject>
#include <QString>

namespace citytwin::data {

//! What a layer shows; decides which gis/ source and scene/ builder serve it.
//! Manholes: point facilities of the pipe networks (manholes/wells, valves, hydrants);
//! UndergroundSpaces: polygons extruded below ground (utility tunnels 综合管廊, parking, shelters).
enum class LayerKind { Imagery, Elevation, Buildings, Model, Pipes, People, Events, Assets, Heatmap, Manholes, UndergroundSpaces };

//! The groups users see in the layer tree (ARCHITECTURE.md "Layers").
enum class LayerGroup { Basemap, CityModels, Underground, People, Events, Assets, Analysis };

//! How a layer relates to the clock.
enum class TemporalMode {
    None,           //!< always shown
    FixedRange,     //!< the whole layer exists during `range`
    FeatureFields,  //!< each feature has start/end fields (e.g. event reported/closed)
    PointTimestamps //!< timestamped samples (tracks), interpolated
};

struct TemporalSettings
{
    TemporalMode mode = TemporalMode::None;
    TimeRange range;          //!< FixedRange only
    QString startField;       //!< FeatureFields: field holding the start time
    QString endField;         //!< FeatureFields: field holding the end time (empty: durationMs, else open-ended)
    //! FeatureFields without an endField: each feature lasts this long from its start
    //! ("a single timestamp + duration"); 0: open-ended (exists from its start on).
    TimeMs durationMs = 0;
    TimeMs trailLengthMs = 0; //!< PointTimestamps: length of the fading trail
    bool accumulate = false;  //!< true: show everything started so far; false: only what is active now
    bool operator==(const TemporalSettings&) const = default;
};

//! The persisted description of a layer (what is saved), separate from the live layer in scene/.
struct LayerSettings
{
    LayerId id;
    QString name;
    LayerKind kind = LayerKind::Imagery;
    QString sourceUri; //!< file path relative to the project file, or "store:events" etc. for overlay tables
    bool visible = true;
    double opacity = 1.0; //!< 0..1
    int order = 0;        //!< draw order within the group, ascending
    LayerGroup group = LayerGroup::Basemap;
    QJsonObject style; //!< kind-specific style (colours, height field, …)
    TemporalSettings temporal;
    bool operator==(const LayerSettings&) const = default;
};

//! Stable lower-case names used in files, the CLI and the store ("imagery", "events", …).
//! Note for tests: QCOMPARE on these enums does not compile (QTest's toString finds these overloads by
//! ADL and expects char*); compare toString(a) with toString(b) instead.
QString toString(LayerKind kind);
QString toString(LayerGroup group);
QString toString(TemporalMode mode);
bool fromString(const QString& s, LayerKind& out);
bool fromString(const QString& s, LayerGroup& out);
bool fromString(const QString& s, TemporalMode& out);

//! TemporalSettings as a JSON object ({"mode": "fixed_range", "start": …}); how the store and files keep it.
QJsonObject toJson(const TemporalSettings& temporal);
//! Reads what toJson wrote (missing keys keep their defaults). False on an unknown mode or a bad value.
bool fromJson(const QJsonObject& json, TemporalSettings& out);

//! The group a layer of KIND goes into by default.
LayerGroup defaultGroup(LayerKind kind);

} // namespace citytwin::data
