#pragma once

// Model layers in a session on real public files: the shared pieces of tst_sessionmodels and
// tst_sessionmodelrender (an empty project at a lon/lat, model layers and their placement, pixels
// of an offscreen render).
#include "app/ProjectSession.h"
#include "data/Model.h"
#include "gis/CrsTransformer.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "tests/common/TestPaths.h"

#include <QPointF>
#include <QString>
#include <cmath>
#include <memory>
#include <optional>
#include <osg/Image>
#include <osg/Viewport>

namespace citytwin::test {

inline constexpr int kImageSize = 320;
inline constexpr double kLon0 = 121.0;
inline constexpr double kLat0 = 30.7;

inline QString shared(const char* relative)
{
    return sharedDataFile(QString::fromLatin1(relative));
}

//! An empty project in PROJECTCRS whose origin is LON/LAT.
inline data::Result<std::unique_ptr<app::ProjectSession>>
emptyProject(const QString& path, const QString& projectCrs, double lon, double lat)
{
    auto toProject = gis::CrsTransformer::create(QStringLiteral("EPSG:4326"), projectCrs);
    if (!toProject)
        return toProject.status();
    auto origin = toProject->forward({lon, lat, 0.0});
    if (!origin)
        return origin.status();
    data::Project project;
    project.name = QStringLiteral("models");
    project.crs = projectCrs;
    project.origin = {std::round(origin->x), std::round(origin->y), 0.0};
    return app::ProjectSession::create(path, project);
}

inline data::LayerSettings modelLayer(const QString& uri, std::optional<data::ModelPlacement> placement)
{
    auto guessed = app::ProjectSession::layerForSource(uri);
    data::LayerSettings layer = guessed ? *guessed : data::LayerSettings{};
    layer.kind = data::LayerKind::Model;
    layer.group = data::LayerGroup::CityModels;
    layer.sourceUri = uri;
    if (placement)
        layer.style.insert(QStringLiteral("placement"), data::toJson(*placement));
    return layer;
}

inline data::ModelPlacement placementAt(double lon, double lat, double height = 0.0)
{
    data::ModelPlacement p;
    p.origin = {lon, lat, height};
    return p;
}

//! Window position (y from the top) of local point P in RENDERER's last view.
inline QPointF screenOf(const scene::OffscreenRenderer& renderer, const osg::Vec3d& p)
{
    const osg::Camera& cam = *renderer.camera();
    const osg::Matrixd m =
        cam.getViewMatrix() * cam.getProjectionMatrix() * cam.getViewport()->computeWindowMatrix();
    const osg::Vec3d w = p * m;
    return {w.x(), renderer.height() - w.y()};
}

inline bool isSky(QRgb p)
{
    const osg::Vec4 sky = scene::CityScene::clearColour();
    return std::abs(qRed(p) - int(sky.r() * 255)) < 6 && std::abs(qGreen(p) - int(sky.g() * 255)) < 6 &&
           std::abs(qBlue(p) - int(sky.b() * 255)) < 6;
}

inline QRgb pixelAt(const osg::Image& image, const QPointF& pos)
{
    const int x = int(pos.x());
    const int row = image.t() - 1 - int(pos.y()); // OSG images are bottom-up
    const unsigned char* px = image.data(x, row);
    return qRgb(px[0], px[1], px[2]);
}

//! Keeps IMAGE under the test output folder for a look by eye.
inline void savePng(const osg::Image& image, const QString& name)
{
    scene::OffscreenRenderer::writeImage(image,
                                         testOutputDir(QStringLiteral("models")) + QLatin1Char('/') + name);
}

//! Centroid of every vertex of FEATURE in MODEL, local frame of ORIGIN.
inline std::optional<osg::Vec3d> featureCentroid(const data::Model& model, std::int64_t feature,
                                                 const data::ProjectedPoint& origin)
{
    osg::Vec3d sum;
    int n = 0;
    for (const data::ModelMesh& mesh : model.meshes) {
        for (size_t v = 0; v < mesh.vertexCount(); ++v) {
            const std::int64_t f = mesh.vertexFeature.empty() ? mesh.feature : mesh.vertexFeature[v];
            if (f != feature)
                continue;
            sum += osg::Vec3d(mesh.anchor.x - origin.x + mesh.positions[3 * v],
                              mesh.anchor.y - origin.y + mesh.positions[3 * v + 1],
                              mesh.anchor.z - origin.z + mesh.positions[3 * v + 2]);
            ++n;
        }
    }
    if (n == 0)
        return std::nullopt;
    return sum / n;
}

} // namespace citytwin::test
