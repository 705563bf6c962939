#pragma once

// Helpers shared by the offscreen render suites (tst_scenerender, tst_overlayrender, tst_peoplerender, …).

#include "data/SavedView.h"
#include "scene/CityScene.h"
#include "scene/OffscreenRenderer.h"
#include "tests/common/TestPaths.h"

#include <QDebug>
#include <QPoint>
#include <QString>
#include <osg/Viewport>

namespace citytwin::test {

//! The camera of the fixture-terrain render suites: straight down on the local point (0, 0, 10)
//! from 900 m, north up (the fixture DEM's 1.6 × 1.2 km fills most of the frame).
inline data::SavedView topDownFixtureView()
{
    data::SavedView view;
    view.target = {0, 0, 10};
    view.headingDeg = 0;
    view.pitchDeg = -90;
    view.rangeM = 900;
    return view;
}

//! Renders SCENE at time T from VIEW, saves it as test-output/scene/NAME.png, returns the image
//! (null on failure, with the reason logged).
inline osg::ref_ptr<osg::Image> renderSceneAt(scene::OffscreenRenderer& renderer, scene::CityScene& scene,
                                              const data::SavedView& view, data::TimeMs t, const QString& name,
                                              scene::OffscreenRenderer::Stats* stats = nullptr)
{
    scene.setTime(t);
    auto result = renderer.renderImage(scene.root(), view, stats);
    if (!result) {
        qWarning() << result.status().message();
        return nullptr;
    }
    const QString path = testOutputDir(QStringLiteral("scene")) + QLatin1Char('/') + name + QStringLiteral(".png");
    if (const data::Status written = scene::OffscreenRenderer::writeImage(*result.value(), path); !written)
        qWarning() << written.message();
    return result.value();
}

//! Pixel (x, row from the top) where local point P appears in CAMERA's last render.
inline QPoint screenPixel(const osg::Camera& camera, const osg::Vec3d& p)
{
    const osg::Viewport& vp = *camera.getViewport();
    const osg::Vec3d w = p * camera.getViewMatrix() * camera.getProjectionMatrix() * vp.computeWindowMatrix();
    return {int(w.x()), int(vp.height()) - 1 - int(w.y())};
}

} // namespace citytwin::test
