#include "app/LayerLoader.h"

#include "gis/CrsTransformer.h"
#include "gis/LocalFrame.h"
#include "gis/ModelPlacementFrame.h"
#include "gis/ModelReader.h"
#include "gis/ObliqueDataset.h"
#include "gis/Tileset.h"
#include "scene/ModelBuilder.h"
#include "scene/ObliqueLayer.h"
#include "scene/TilesetNode.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

// Model layers: single-file models read whole, 3D Tiles and oblique datasets paged.

namespace citytwin::app::loader {

namespace {

using data::Status;

struct ModelLoader
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::ModelLoader)
};

const QString kPlacementKey = QStringLiteral("placement");
const QString kFormatKey = QStringLiteral("format");

//! PLACEMENT with its height taken from DEM when it stands on the terrain.
data::Result<data::ModelPlacement> resolvePlacement(data::ModelPlacement placement, const JobContext& ctx,
                                                    const data::ElevationGrid* dem)
{
    if (!placement.heightFromTerrain)
        return placement;
    placement.origin.height = 0.0;
    if (!dem)
        return placement;
    auto toProject = gis::CrsTransformer::create(QString::fromLatin1(gis::LocalFrame::kGeographicCrs), ctx.crs);
    if (!toProject)
        return toProject.status();
    auto projected = toProject->forward(data::ProjectedPoint{placement.origin.lon, placement.origin.lat, 0.0});
    if (!projected)
        return projected.status();
    if (auto h = dem->heightAt(projected->x, projected->y))
        placement.origin.height = *h;
    return placement;
}

//! The tiles of TILESET as the scene pages them.
std::vector<scene::TilesetNodeTile> sceneTiles(const gis::Tileset& tileset)
{
    std::vector<scene::TilesetNodeTile> tiles;
    tiles.reserve(tileset.tiles.size());
    for (const gis::TilesetTile& t : tileset.tiles) {
        scene::TilesetNodeTile s;
        s.parent = t.parent;
        s.children = t.children;
        s.centre = t.centre;
        s.radius = t.radius;
        s.geometricError = t.geometricError;
        s.refineAdd = t.refineAdd;
        s.hasContent = !t.contentPath.isEmpty();
        tiles.push_back(std::move(s));
    }
    return tiles;
}

NodeResult loadTileset(const QString& path, const JobContext& ctx)
{
    auto tileset = gis::readTileset(path, ctx.crs, data::CancelToken::fromFlag(ctx.cancel));
    if (!tileset)
        return tileset.status();
    auto shared = std::make_shared<const gis::Tileset>(std::move(tileset).value());
    const QString crs = ctx.crs;
    scene::TileContentLoader contentLoader = [shared, crs](int index, const data::CancelToken& cancel) {
        return gis::readTileContent(shared->tiles[size_t(index)], crs, cancel);
    };
    osg::ref_ptr<osg::Node> node = new scene::TilesetNode(sceneTiles(*shared), std::move(contentLoader), ctx.origin);
    return node;
}

//! The affine of FRAME (exact: the placement frame is affine) as a column-major matrix.
std::array<double, 16> placementMatrix(const gis::ModelPlacementFrame& frame)
{
    const data::ProjectedPoint o = frame.toProjected(0, 0, 0);
    const data::ProjectedPoint ex = frame.toProjected(1, 0, 0);
    const data::ProjectedPoint ey = frame.toProjected(0, 1, 0);
    const data::ProjectedPoint ez = frame.toProjected(0, 0, 1);
    return {ex.x - o.x, ex.y - o.y, ex.z - o.z, 0, //
            ey.x - o.x, ey.y - o.y, ey.z - o.z, 0, //
            ez.x - o.x, ez.y - o.y, ez.z - o.z, 0, //
            o.x,        o.y,        o.z,        1};
}

NodeResult loadOblique(const QString& path, const JobContext& ctx,
                       const std::optional<data::ModelPlacement>& placement)
{
    auto dataset = gis::openObliqueDataset(path, ctx.crs);
    if (!dataset)
        return dataset.status();
    std::array<double, 16> toProject = dataset->toProject;
    if (placement) { // the user's placement wins over metadata.xml (and places a lone .osgb)
        auto frame = gis::ModelPlacementFrame::create(*placement, ctx.crs);
        if (!frame)
            return frame.status();
        toProject = placementMatrix(*frame);
    } else if (!dataset->georeferenced) {
        return Status::error(Status::Code::InvalidArgument,
                             ModelLoader::tr("%1: the oblique model has no metadata.xml georeference; "
                                             "give it a placement (lon, lat) in the layer properties")
                                 .arg(QDir::toNativeSeparators(path)));
    }
    if (ctx.cancelled())
        return Status::error(Status::Code::Cancelled, ModelLoader::tr("loading cancelled"));
    auto node = scene::buildObliqueLayer(dataset->rootTiles, toProject, ctx.origin);
    if (node) {
        if (const QString warning = scene::obliqueLayerWarning(**node); !warning.isEmpty())
            (*node)->setUserValue(kLayerWarningKey, warning.toStdString());
    }
    return node;
}

} // namespace

std::optional<data::ModelPlacement> layerPlacement(const data::LayerSettings& layer)
{
    const QJsonObject json = layer.style.value(kPlacementKey).toObject();
    data::ModelPlacement placement;
    if (json.isEmpty() || !data::fromJson(json, placement))
        return std::nullopt;
    return placement;
}

NodeResult loadModel(const data::LayerSettings& layer, const JobContext& ctx, const data::ElevationGrid* dem)
{
    const QString path = resolveSource(layer.sourceUri, ctx.projectFile);
    if (path.isEmpty() || !QFileInfo::exists(path))
        return Status::error(Status::Code::NotFound,
                             ModelLoader::tr("%1: file not found").arg(QDir::toNativeSeparators(path)));
    std::optional<data::ModelFormat> format;
    data::ModelFormat stored;
    if (data::fromString(layer.style.value(kFormatKey).toString(), stored))
        format = stored;
    else
        format = gis::detectModelFormat(path);
    if (!format)
        return Status::error(Status::Code::FormatError,
                             ModelLoader::tr("%1: not a model format citytwin reads (CityGML, IFC, glTF/GLB, "
                                             "3D Tiles tileset.json, OSGB)")
                                 .arg(QDir::toNativeSeparators(path)));

    std::optional<data::ModelPlacement> placement = layerPlacement(layer);
    if (placement) {
        auto resolved = resolvePlacement(*placement, ctx, dem);
        if (!resolved)
            return resolved.status();
        placement = *resolved;
    }
    switch (*format) {
    case data::ModelFormat::Tiles3d:
        return loadTileset(path, ctx);
    case data::ModelFormat::Osgb:
        return loadOblique(path, ctx, placement);
    default:
        break;
    }
    gis::ModelReadOptions options;
    options.projectCrs = ctx.crs;
    options.placement = placement;
    options.assumedSourceCrs = layer.style.value(QStringLiteral("sourceCrs")).toString();
    options.cancel = data::CancelToken::fromFlag(ctx.cancel);
    auto model = gis::readModel(path, options);
    if (!model)
        return model.status();
    if (model->meshes.empty())
        return Status::error(Status::Code::FormatError,
                             ModelLoader::tr("%1: the model has no geometry to draw").arg(QDir::toNativeSeparators(path)));
    if (ctx.cancelled())
        return Status::error(Status::Code::Cancelled, ModelLoader::tr("loading cancelled"));
    osg::ref_ptr<osg::Node> node = scene::buildModel(*model, ctx.origin);
    if (!node)
        return Status::error(Status::Code::Internal,
                             ModelLoader::tr("%1: the model could not be built").arg(QDir::toNativeSeparators(path)));
    return node;
}

} // namespace citytwin::app::loader
