#include "app/LayerLoader.h"
#include "app/ProjectSession.h"
#include "gis/GdalEnvironment.h"
#include "gis/ModelReader.h"
#include "gis/RasterReader.h"
#include "gis/VectorInspect.h"
#include "gis/RasterSourceFactory.h"
#include "gis/UndergroundReader.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

// The user's edits of the layer list: add (with a guess of the layer for a file or URL), remove
// and reorder. Each keeps the Project value, the live scene and the engine in step.

namespace citytwin::app {

using data::LayerId;
using data::LayerKind;
using data::Status;

namespace {

//! Sample types of a height grid. Byte is left out on purpose: one 8-bit band is a grey or
//! paletted picture far more often than a DEM (and 256 levels are too coarse for terrain).
const QStringList kHeightTypes{
    QStringLiteral("Int8"),   QStringLiteral("Int16"),   QStringLiteral("UInt16"),
    QStringLiteral("Int32"),  QStringLiteral("UInt32"),  QStringLiteral("Int64"),
    QStringLiteral("UInt64"), QStringLiteral("Float32"), QStringLiteral("Float64")};
//! Vector formats footprints are read from (a GeoPackage without raster tiles is one of them).
const QStringList kVectorSuffixes{QStringLiteral("shp"),  QStringLiteral("geojson"), QStringLiteral("json"),
                                  QStringLiteral("gpkg"), QStringLiteral("fgb"),     QStringLiteral("kml"),
                                  QStringLiteral("gml"),  QStringLiteral("sqlite"),  QStringLiteral("tab")};

bool isUrl(const QString& uri)
{
    return uri.contains(QLatin1String("://")) || uri.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive);
}

//! A readable name for a service: its host, the folder above {z} of a file:// template, or the
//! name of a local service description file.
QString serviceName(const QString& uri)
{
    QString url = uri;
    if (url.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive))
        url = url.mid(5);
    if (!url.contains(QLatin1String("://")))
        return QFileInfo(url).completeBaseName(); // a local GDAL WMS/WMTS description
    const QUrl parsed(url);
    if (!parsed.host().isEmpty())
        return parsed.host();
    const QString path = parsed.path().left(parsed.path().indexOf(QLatin1Char('{')));
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.isEmpty() ? QStringLiteral("service") : parts.last();
}

} // namespace

data::Result<data::LayerSettings> ProjectSession::layerForSource(const QString& uri)
{
    data::LayerSettings layer;
    layer.sourceUri = uri.trimmed();
    if (layer.sourceUri.isEmpty())
        return Status::error(Status::Code::InvalidArgument, tr("no file or URL given"));
    if (layer.sourceUri.startsWith(QLatin1String("PG:"), Qt::CaseInsensitive)) {
        // PostGIS footprints through OGR: "PG:host=… dbname=… tables=buildings".
        layer.kind = LayerKind::Buildings;
        layer.group = data::defaultGroup(LayerKind::Buildings);
        static const QRegularExpression kTables(QStringLiteral(R"(tables=([^\s,]+))"));
        const QRegularExpressionMatch table = kTables.match(layer.sourceUri);
        layer.name = table.hasMatch() ? table.captured(1) : QStringLiteral("PostGIS");
        return layer;
    }
    if (!isUrl(layer.sourceUri) && !QFileInfo::exists(layer.sourceUri))
        return Status::error(Status::Code::NotFound,
                             tr("%1: file not found").arg(QDir::toNativeSeparators(layer.sourceUri)));
    if (!isUrl(layer.sourceUri)) {
        if (const auto format = gis::detectModelFormat(layer.sourceUri)) {
            layer.kind = LayerKind::Model;
            layer.group = data::defaultGroup(LayerKind::Model);
            layer.style.insert(QStringLiteral("format"), data::toString(*format));
            const QFileInfo file(layer.sourceUri);
            // A tileset or an oblique folder is named after its folder, not "tileset"/"metadata".
            const bool generic = file.isDir() || file.fileName() == QLatin1String("tileset.json") ||
                                 file.fileName() == QLatin1String("metadata.xml");
            layer.name = file.isDir() ? file.fileName() : generic ? file.absoluteDir().dirName() : file.completeBaseName();
            return layer;
        }
    }
    if (gis::classifyRasterSource(layer.sourceUri) != gis::RasterSourceType::File) {
        layer.kind = LayerKind::Imagery; // services serve pictures (XYZ/WMTS basemaps)
        layer.group = data::LayerGroup::Basemap;
        layer.name = serviceName(layer.sourceUri);
        return layer;
    }
    const QFileInfo file(layer.sourceUri);
    layer.name = file.completeBaseName();
    auto raster = gis::inspectRaster(layer.sourceUri);
    if (raster) {
        // Decided by what band 1 holds, not by the driver: a 16-bit PNG or a GeoPackage gridded
        // coverage can be heights, an 8-bit GeoTIFF is a picture.
        const bool heights = raster->bands == 1 && kHeightTypes.contains(raster->dataType) &&
                             !raster->hasColorTable && !raster->isColourBand();
        layer.kind = heights ? LayerKind::Elevation : LayerKind::Imagery;
        layer.group = data::LayerGroup::Basemap;
        return layer;
    }
    if (kVectorSuffixes.contains(file.suffix().toLower())) {
        // Polygons are footprints (or underground spaces when their fields say top/bottom depth),
        // lines pipes (a pipe network's layer), points manholes, valves and hydrants.
        const auto geometry = gis::inspectVectorGeometry(layer.sourceUri);
        layer.kind = LayerKind::Buildings;
        if (geometry && *geometry == gis::VectorGeometry::Line)
            layer.kind = LayerKind::Pipes;
        else if (geometry && *geometry == gis::VectorGeometry::Point)
            layer.kind = LayerKind::Manholes;
        else if (const auto spaces = gis::hasUndergroundSpaceFields(layer.sourceUri); spaces && *spaces)
            layer.kind = LayerKind::UndergroundSpaces;
        layer.group = data::defaultGroup(layer.kind);
        return layer;
    }
    return raster.status();
}

data::Result<LayerId> ProjectSession::addLayer(data::LayerSettings layer)
{
    layer.sourceUri = layer.sourceUri.trimmed();
    const QString& uri = layer.sourceUri;
    if (uri.isEmpty())
        return Status::error(Status::Code::InvalidArgument, tr("layer '%1' has no source").arg(layer.name));
    const bool fromStore = uri.startsWith(QLatin1String("store:"));
    switch (layer.kind) {
    case LayerKind::Elevation:
    case LayerKind::Imagery:
    case LayerKind::Buildings:
    case LayerKind::Model:
    case LayerKind::Pipes:
    case LayerKind::Manholes:
    case LayerKind::UndergroundSpaces:
        if (fromStore)
            return Status::error(
                Status::Code::Unsupported,
                tr("%1: a %2 layer needs a file or a service").arg(uri, data::toString(layer.kind)));
        break;
    case LayerKind::Events:
    case LayerKind::Assets:
    case LayerKind::People:
        if (!fromStore)
            return Status::error(
                Status::Code::Unsupported,
                tr("%1: %2 can only come from the project file").arg(uri, data::toString(layer.kind)));
        break;
    default:
        return Status::error(Status::Code::Unsupported,
                             tr("%1: layers of kind '%2' are not available in this version")
                                 .arg(uri, data::toString(layer.kind)));
    }

    const QString projectFile = QFileInfo(m_store->path()).absoluteFilePath();
    const QString resolved = loader::resolveSource(uri, projectFile);
    if (!fromStore && !isUrl(uri) && !gis::isNetworkSource(uri)) {
        if (!QFileInfo(resolved).exists())
            return Status::error(Status::Code::NotFound,
                                 tr("%1: file not found").arg(QDir::toNativeSeparators(resolved)));
        // Inside the project's folder the path is kept relative: the folder can move as a whole.
        const QDir projectDir = QFileInfo(projectFile).absoluteDir();
        const QString relative = projectDir.relativeFilePath(resolved);
        layer.sourceUri = relative.startsWith(QLatin1String("..")) ? resolved : relative;
    }
    if (layer.kind == LayerKind::Imagery) {
        const auto imagery = std::count_if(m_project.layers().begin(), m_project.layers().end(),
                                           [](const auto& l) { return l.kind == LayerKind::Imagery; });
        if (imagery >= scene::kMaxImageryLayers)
            return Status::error(
                Status::Code::Unsupported,
                tr("%1: the project already has %2 imagery layers, the most the terrain draws")
                    .arg(uri)
                    .arg(scene::kMaxImageryLayers));
    }
    if (layer.kind == LayerKind::Model && !layer.style.contains(QStringLiteral("placement"))) {
        // glTF and a lone .osgb have no georeference at all: start them at the project origin.
        data::ModelFormat format;
        const bool known = data::fromString(layer.style.value(QStringLiteral("format")).toString(), format);
        const bool local = known && (format == data::ModelFormat::Gltf ||
                                     (format == data::ModelFormat::Osgb &&
                                      QFileInfo(resolved).suffix().compare(QLatin1String("osgb"), Qt::CaseInsensitive) == 0));
        if (local) {
            if (const auto placement = defaultPlacement())
                layer.style.insert(QStringLiteral("placement"), data::toJson(*placement));
        }
    }
    if (layer.name.trimmed().isEmpty())
        layer.name = isUrl(uri) ? serviceName(uri) : QFileInfo(resolved).completeBaseName();

    // On top of its group.
    int top = -1;
    for (const data::LayerSettings& other : m_project.layers()) {
        if (other.group == layer.group)
            top = std::max(top, other.order);
    }
    layer.order = top + 1;
    layer.id = {};
    const LayerId id = m_project.addLayer(layer);
    m_layers[id] = std::make_unique<LayerRuntime>();
    if (gis::needsNetwork(resolved) || gis::isNetworkSource(resolved))
        m_trustedUris.insert(resolved); // the user typed or dropped it: that is consent
    setModified(true);
    emit layersChanged();

    if (m_started) {
        beginLoadRound();
        startLayer(*m_project.layer(id));
        emit loadProgress(m_loadDone, m_loadTotal);
        checkFinished();
    }
    return id;
}

bool ProjectSession::removeLayer(LayerId id)
{
    if (!m_project.layer(id))
        return false;
    m_project.removeLayer(id);
    m_scene->removeLayer(id);
    m_styleLegends.erase(id);
    m_styleErrors.erase(id);
    m_styleGenerations.erase(id);
    m_untrusted.erase(id);
    m_waitingBuildings.erase(std::remove(m_waitingBuildings.begin(), m_waitingBuildings.end(), id),
                             m_waitingBuildings.end());
    if (const auto it = m_sources.find(id); it != m_sources.end()) {
        if (m_engine && it->second.inEngine)
            m_engine->removeSource(id);
        m_sources.erase(it);
    }
    if (id == m_demLayer) {
        m_demLayer = {};
        m_dem.reset(); // no stale heights under the cursor
    }
    bool counted = false;
    if (const auto it = m_layers.find(id); it != m_layers.end()) {
        counted = it->second->pending;
        m_layers.erase(it);
    }
    if (m_engine && m_sources.empty())
        dropEngine(true);
    else
        applyBasemapSettings();
    setModified(true);
    emit layersChanged();
    if (counted) { // its result will find no layer: count it as done now
        ++m_loadDone;
        emit loadProgress(m_loadDone, m_loadTotal);
        checkFinished();
    }
    return true;
}

bool ProjectSession::moveLayer(LayerId id, int step)
{
    const data::LayerSettings* layer = m_project.layer(id);
    if (!layer || step == 0)
        return false;
    std::vector<LayerId> group;
    for (const data::LayerSettings& l : m_project.layersInDrawOrder()) {
        if (l.group == layer->group)
            group.push_back(l.id);
    }
    const auto from = std::find(group.begin(), group.end(), id) - group.begin();
    const auto to = std::clamp<std::ptrdiff_t>(from + step, 0, std::ptrdiff_t(group.size()) - 1);
    if (to == from)
        return false;
    if (to > from)
        std::rotate(group.begin() + from, group.begin() + from + 1, group.begin() + to + 1);
    else
        std::rotate(group.begin() + to, group.begin() + from, group.begin() + from + 1);
    // Renumbered 0…n-1: equal orders (kept in insertion order) become explicit.
    for (size_t i = 0; i < group.size(); ++i)
        m_project.layer(group[i])->order = int(i);
    applyBasemapSettings();
    setModified(true);
    emit layersChanged();
    return true;
}

} // namespace citytwin::app
