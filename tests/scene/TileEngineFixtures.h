#pragma once

// The synthetic tiling of the TileEngine suites driven without GL (tst_tileloading,
// tst_tileelevation): one 4096 m root tile around a fixed origin, small tiles, frames until idle,
// and what the cameras drew.
#include "TileTestSources.h"
#include "data/LayerId.h"
#include "data/Points.h"
#include "data/SavedView.h"
#include "data/TilingScheme.h"
#include "scene/TileEngine.h"
#include "scene/TileMeshBuilder.h"

#include <QElapsedTimer>
#include <QThread>
#include <array>
#include <limits>
#include <memory>
#include <osg/Geode>
#include <osg/Geometry>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

namespace citytwin::test {

inline const data::ProjectedPoint kOrigin{500000, 3400000, 0};

// 4096 m square around the origin: one root tile.
inline const data::Extent2D kExtent{498000, 3398000, 502096, 3402096};

inline const data::TilingScheme kScheme(kExtent.minX, kExtent.maxY, 4096, 1, 1);

inline const data::LayerId kImagery{1}, kElevation{2}, kBroken{3};

inline const std::array<Rgba, 4> kQuadrants{Rgba{200, 40, 40}, Rgba{40, 200, 40}, Rgba{40, 40, 200},
                                            Rgba{220, 220, 40}};

inline scene::TileEngineOptions smallOptions()
{
    scene::TileEngineOptions o;
    o.meshQuads = 16;
    o.textureSize = 64;
    o.workerThreads = 2;
    return o;
}

//! Looking almost straight down at local (X, Y) from RANGE metres.
inline data::SavedView topDown(double x, double y, double range)
{
    data::SavedView v;
    v.target = {x, y, 0};
    v.pitchDeg = -89.0;
    v.rangeM = range;
    return v;
}

//! Frames until ENGINE is idle; false after TIMEOUTMS.
inline bool runUntilIdle(HeadlessFrames& frames, scene::TileEngine& engine, const data::SavedView& view,
                         int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    frames.frame(&engine, view);
    while (!engine.isIdle()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(2);
        frames.frame(&engine, view);
    }
    return true;
}

//! Height of the terrain the cameras drew last, at local (X, Y); NaN where nothing was hit.
inline double terrainHeightAt(osg::Node& root, double x, double y)
{
    osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, 10000), osg::Vec3d(x, y, -10000));
    osgUtil::IntersectionVisitor visitor(ray.get());
    root.accept(visitor);
    if (!ray->containsIntersections())
        return std::numeric_limits<double>::quiet_NaN();
    return ray->getFirstIntersection().getWorldIntersectPoint().z();
}

//! The one geometry of a built tile (MatrixTransform > Geode > Geometry).
inline const osg::Geometry* tileGeometry(const scene::TileBuildResult& tile)
{
    if (!tile.node || tile.node->getNumChildren() != 1)
        return nullptr;
    const osg::Geode* geode = tile.node->getChild(0)->asGeode();
    return geode && geode->getNumDrawables() == 1 ? geode->getDrawable(0)->asGeometry() : nullptr;
}

//! The terrain options of the offscreen render suites over kScheme: 16 quads a side, 64 px textures.
inline scene::TileEngineOptions renderTileOptions()
{
    scene::TileEngineOptions o;
    o.meshQuads = 16;
    o.textureSize = 64;
    return o;
}

//! Flat terrain of one colour GROUND (imagery layer LAYER over kExtent), paged on kScheme around
//! kOrigin with renderTileOptions().
inline osg::ref_ptr<scene::TileEngine> flatGroundEngine(data::LayerId layer, const Rgba& ground)
{
    osg::ref_ptr<scene::TileEngine> engine = new scene::TileEngine(kScheme, kOrigin, renderTileOptions());
    engine->addImagerySource(layer, std::make_shared<QuadrantImagery>(
                                        kExtent, 8.0, std::array<Rgba, 4>{ground, ground, ground, ground}));
    return engine;
}

} // namespace citytwin::test
