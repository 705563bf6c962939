#include "gis/DemoProject.h"

#include <QJsonObject>

namespace citytwin::gis::demo {

using namespace citytwin::data;

namespace {

LayerSettings layer(const char* name, LayerKind kind, const char* uri, LayerGroup group, int order)
{
    LayerSettings s;
    s.name = QString::fromUtf8(name);
    s.kind = kind;
    s.sourceUri = QString::fromUtf8(uri);
    s.group = group;
    s.order = order;
    return s;
}

} // namespace

Project makeDemoProject(const ProjectedPoint& origin, double sizeM, const TimeRange& period,
                        TimeMs initialTime, const std::vector<DemoBuilding>& buildings)
{
    Project p;
    p.name = QStringLiteral("平湖 Pinghu demo");
    p.crs = QStringLiteral("EPSG:4549");
    p.origin = origin;
    p.timeZone = QStringLiteral("Asia/Shanghai");
    p.timeExtent = period;
    p.initialTime = initialTime;

    p.addLayer(layer("地形 Terrain", LayerKind::Elevation, "dem.tif", LayerGroup::Basemap, 0));
    p.addLayer(layer("影像 Imagery", LayerKind::Imagery, "imagery.tif", LayerGroup::Basemap, 1));

    LayerSettings buildingsLayer =
        layer("建筑 Buildings", LayerKind::Buildings, "buildings.gpkg", LayerGroup::CityModels, 0);
    buildingsLayer.style =
        QJsonObject{{"heightField", "height"}, {"colorField", "use"}, {"nameField", "name"}};
    p.addLayer(buildingsLayer);

    LayerSettings pipes = layer("地下管线 Pipes", LayerKind::Pipes, "pipes.gpkg", LayerGroup::Underground, 0);
    pipes.visible = false;
    pipes.style =
        QJsonObject{{"networkField", "network"}, {"depthField", "depth_m"}, {"diameterField", "diameter_m"}};
    p.addLayer(pipes);

    // Hidden like the pipes: they show in Underground Mode or through see-through ground.
    LayerSettings manholes =
        layer("检查井 Manholes", LayerKind::Manholes, "manholes.gpkg", LayerGroup::Underground, 1);
    manholes.visible = false;
    p.addLayer(manholes);
    LayerSettings spaces = layer("地下空间 Underground spaces", LayerKind::UndergroundSpaces,
                                 "underground_spaces.gpkg", LayerGroup::Underground, 2);
    spaces.visible = false;
    p.addLayer(spaces);

    LayerSettings people =
        layer("人员 Field staff", LayerKind::People, "store:people", LayerGroup::People, 0);
    people.temporal.mode = TemporalMode::PointTimestamps;
    people.temporal.trailLengthMs = 10 * kMinuteMs;
    people.style = QJsonObject{{"colorField", "role"}, {"labelField", "name"}};
    p.addLayer(people);

    LayerSettings events = layer("事件 Events", LayerKind::Events, "store:events", LayerGroup::Events, 0);
    events.temporal.mode = TemporalMode::FeatureFields;
    events.temporal.startField = QStringLiteral("reported");
    events.temporal.endField = QStringLiteral("closed");
    events.style = QJsonObject{{"colorField", "category"}, {"sizeField", "severity"}};
    p.addLayer(events);

    LayerSettings assets = layer("设施 Assets", LayerKind::Assets, "store:assets", LayerGroup::Assets, 0);
    assets.style = QJsonObject{{"symbolField", "type"}, {"labelField", "name"}};
    p.addLayer(assets);

    // Views are in the local frame; ranges assume a ~30° vertical field of view.
    const double groundZ = 4.0;
    // {name, target, heading, pitch, range}
    p.setView({QStringLiteral("home"), {0.0, 0.0, groundZ}, 0.0, -40.0, 1.6 * sizeM});
    p.setView({QStringLiteral("top"), {0.0, 0.0, groundZ}, 0.0, -90.0, 1.9 * sizeM});
    SavedView centre{QStringLiteral("centre"), {0.0, 0.0, groundZ}, 20.0, -30.0, 700.0};
    for (const DemoBuilding& b : buildings)
        if (b.landmark) { // the first landmark is the tower near the origin: look at its middle
            centre.target = {b.bounds.cx(), b.bounds.cy(), groundZ + 0.4 * b.height};
            break;
        }
    p.setView(centre);
    return p;
}

} // namespace citytwin::gis::demo
