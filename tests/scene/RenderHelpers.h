#pragma once

// Helpers shared by the offscreen render suites (tst_scenerender, tst_overlayrender, tst_peoplerender, …).

#include "GridSources.h"
#include "SceneFixtures.h"
#include "data/SavedView.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "tests/common/TestPaths.h"

#include <QDebug>
#include <QPoint>
#include <QString>
#include <cstdint>
#include <memory>
#include <osg/Viewport>

namespace citytwin::test {

//! A camera orbiting local point TARGET: PITCHDEG (negative looks down), RANGEM away, heading
//! HEADINGDEG.
inline data::SavedView orbitView(const data::LocalPoint& target, double pitchDeg, double rangeM,
                                 double headingDeg = 0)
{
    data::SavedView view;
    view.target = target;
    view.headingDeg = headingDeg;
    view.pitchDeg = pitchDeg;
    view.rangeM = rangeM;
    return view;
}

//! The camera of the fixture-terrain render suites: straight down on the local point (0, 0, 10)
//! from 900 m, north up (the fixture DEM's 1.6 × 1.2 km fills most of the frame).
inline data::SavedView topDownFixtureView()
{
    return orbitView({0, 0, 10}, -90, 900);
}

//! The fixture terrain of the render suites: the fixture DEM (64 × 48 cells of 25 m around
//! fixtureOrigin(), layer DEMID) draped with imagery of one colour (R, G, B; layer IMAGERYID),
//! paged by a TileEngine as the app pages its basemap layers.
inline osg::ref_ptr<scene::TileEngine> fixtureTerrain(data::LayerId demId, data::LayerId imageryId,
                                                      std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    const data::ElevationGrid dem = fixtureDem(64, 48, 25.0);
    const data::ImageRaster imagery = fixtureImagery(dem.grid.extent, r, g, b);
    return gridTerrain(dem, &imagery, fixtureOrigin(), demId, imageryId);
}

//! A scene at EPOCH whose terrain is fixtureTerrain(DEMID, IMAGERYID, R, G, B).
inline std::unique_ptr<scene::CityScene> fixtureTerrainScene(data::TimeMs epoch, data::LayerId demId,
                                                             data::LayerId imageryId, std::uint8_t r,
                                                             std::uint8_t g, std::uint8_t b)
{
    auto scene = std::make_unique<scene::CityScene>(epoch);
    scene->setTerrain(fixtureTerrain(demId, imageryId, r, g, b));
    return scene;
}

//! The projected point at local offset P from fixtureOrigin().
inline data::ProjectedPoint fixtureProjected(const osg::Vec3d& p)
{
    const data::ProjectedPoint o = fixtureOrigin();
    return {o.x + p.x(), o.y + p.y(), o.z + p.z()};
}

//! Renders ROOT from VIEW, saves it as test-output/scene/NAME.png, returns the image (null on
//! failure, with the reason logged).
inline osg::ref_ptr<osg::Image> renderNode(scene::OffscreenRenderer& renderer, osg::Node* root,
                                           const data::SavedView& view, const QString& name,
                                           scene::OffscreenRenderer::Stats* stats = nullptr)
{
    auto result = renderer.renderImage(root, view, stats);
    if (!result) {
        qWarning() << result.status().message();
        return nullptr;
    }
    const QString path = testOutputDir(QStringLiteral("scene")) + QLatin1Char('/') + name + QStringLiteral(".png");
    if (const data::Status written = scene::OffscreenRenderer::writeImage(*result.value(), path); !written)
        qWarning() << written.message();
    return result.value();
}

//! Renders SCENE at time T from VIEW, saves it as test-output/scene/NAME.png, returns the image
//! (null on failure, with the reason logged).
inline osg::ref_ptr<osg::Image> renderSceneAt(scene::OffscreenRenderer& renderer, scene::CityScene& scene,
                                              const data::SavedView& view, data::TimeMs t,
                                              const QString& name,
                                              scene::OffscreenRenderer::Stats* stats = nullptr)
{
    scene.setTime(t);
    return renderNode(renderer, scene.root(), view, name, stats);
}

//! Pixel (x, row from the top) where local point P appears in CAMERA's last render.
inline QPoint screenPixel(const osg::Camera& camera, const osg::Vec3d& p)
{
    const osg::Viewport& vp = *camera.getViewport();
    const osg::Vec3d w = p * camera.getViewMatrix() * camera.getProjectionMatrix() * vp.computeWindowMatrix();
    return {int(w.x()), int(vp.height()) - 1 - int(w.y())};
}

} // namespace citytwin::test
