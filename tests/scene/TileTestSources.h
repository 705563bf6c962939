#pragma once

// Synthetic raster sources and a GL-free frame driver for the TileEngine suites.

#include "data/RasterSource.h"
#include "data/SavedView.h"
#include "scene/OrbitMath.h"

#include <QThread>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <osg/FrameStamp>
#include <osg/Viewport>
#include <osgUtil/CullVisitor>
#include <osgUtil/RenderStage>
#include <osgUtil/StateGraph>
#include <osgUtil/UpdateVisitor>

namespace citytwin::test {

struct Rgba
{
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

//! What the synthetic sources do besides returning data.
struct SourceBehaviour
{
    std::atomic<int> delayMs{0};   //!< per read, in 2 ms slices that watch the cancel token
    std::atomic<bool> fail{false}; //!< every read fails with IoError
    std::atomic<int> reads{0};
    std::atomic<int> cancelledReads{0};
};

//! Sleeps DELAYMS unless CANCEL is set first; false when cancelled.
inline bool waitOrCancel(int delayMs, const data::CancelToken& cancel)
{
    for (int waited = 0; waited < delayMs; waited += 2) {
        if (cancel.isCancelled())
            return false;
        QThread::msleep(2);
    }
    return !cancel.isCancelled();
}

//! Imagery over EXTENT with one colour per quadrant (NW, NE, SW, SE); transparent outside.
class QuadrantImagery : public data::ImagerySource
{
public:
    QuadrantImagery(const data::Extent2D& extent, double resolution, std::array<Rgba, 4> colours)
        : m_colours(colours)
    {
        m_info.name = QStringLiteral("quadrants");
        m_info.extent = extent;
        m_info.resolution = resolution;
    }
    const data::RasterSourceInfo& info() const override { return m_info; }
    data::Result<data::ImageRaster> readImage(const data::GridGeometry& target,
                                              const data::CancelToken& cancel) const override
    {
        ++behaviour.reads;
        if (!waitOrCancel(behaviour.delayMs, cancel)) {
            ++behaviour.cancelledReads;
            return data::Status::error(data::Status::Code::Cancelled, QStringLiteral("quadrants: cancelled"));
        }
        if (behaviour.fail)
            return data::Status::error(data::Status::Code::IoError,
                                       QStringLiteral("quadrants: cannot read (test)"));
        data::ImageRaster out;
        out.grid = target;
        out.rgba.resize(size_t(target.width) * size_t(target.height) * 4);
        const data::Extent2D& e = m_info.extent;
        for (int r = 0; r < target.height; ++r) {
            for (int c = 0; c < target.width; ++c) {
                const double x = target.extent.minX + (c + 0.5) * target.cellX();
                const double y = target.extent.maxY - (r + 0.5) * target.cellY();
                Rgba px{0, 0, 0, 0};
                if (e.contains(x, y))
                    px = m_colours[size_t((y < e.centerY() ? 2 : 0) + (x < e.centerX() ? 0 : 1))];
                std::uint8_t* p = &out.rgba[(size_t(r) * size_t(target.width) + size_t(c)) * 4];
                p[0] = px.r, p[1] = px.g, p[2] = px.b, p[3] = px.a;
            }
        }
        return out;
    }
    mutable SourceBehaviour behaviour;

private:
    data::RasterSourceInfo m_info;
    std::array<Rgba, 4> m_colours;
};

//! Heights base + slope·(x − minX) over EXTENT; NaN outside.
class SlopeElevation : public data::ElevationSource
{
public:
    SlopeElevation(const data::Extent2D& extent, double resolution, double base, double slope)
        : m_base(base), m_slope(slope)
    {
        m_info.name = QStringLiteral("slope");
        m_info.extent = extent;
        m_info.resolution = resolution;
    }
    const data::RasterSourceInfo& info() const override { return m_info; }
    double heightAt(double x) const { return m_base + m_slope * (x - m_info.extent.minX); }
    data::Result<data::ElevationGrid> readHeights(const data::GridGeometry& target,
                                                  const data::CancelToken& cancel) const override
    {
        ++behaviour.reads;
        if (!waitOrCancel(behaviour.delayMs, cancel)) {
            ++behaviour.cancelledReads;
            return data::Status::error(data::Status::Code::Cancelled, QStringLiteral("slope: cancelled"));
        }
        if (behaviour.fail)
            return data::Status::error(data::Status::Code::IoError,
                                       QStringLiteral("slope: cannot read (test)"));
        data::ElevationGrid out;
        out.grid = target;
        out.heights.resize(size_t(target.width) * size_t(target.height));
        for (int r = 0; r < target.height; ++r) {
            for (int c = 0; c < target.width; ++c) {
                const double x = target.extent.minX + (c + 0.5) * target.cellX();
                const double y = target.extent.maxY - (r + 0.5) * target.cellY();
                out.heights[size_t(r) * size_t(target.width) + size_t(c)] =
                    m_info.extent.contains(x, y) ? float(heightAt(x))
                                                 : std::numeric_limits<float>::quiet_NaN();
            }
        }
        return out;
    }
    mutable SourceBehaviour behaviour;

private:
    data::RasterSourceInfo m_info;
    double m_base;
    double m_slope;
};

//! Update + cull traversals of a scene without GL, as a viewer frame does them: enough to
//! drive a TileEngine (selection, loading, merging) in a test with no display.
class HeadlessFrames
{
public:
    HeadlessFrames(int width = 640, int height = 480) : m_width(width), m_height(height) {}

    void frame(osg::Node* root, const data::SavedView& view, double fovyDeg = 35.0, float lodScale = 1.0f)
    {
        ++m_frame;
        m_stamp->setFrameNumber(m_frame);
        osgUtil::UpdateVisitor update;
        update.setFrameStamp(m_stamp.get());
        update.setTraversalNumber(m_frame);
        root->accept(update);

        osg::ref_ptr<osgUtil::CullVisitor> cv = new osgUtil::CullVisitor;
        osg::ref_ptr<osgUtil::StateGraph> graph = new osgUtil::StateGraph;
        osg::ref_ptr<osgUtil::RenderStage> stage = new osgUtil::RenderStage;
        osg::ref_ptr<osg::Viewport> viewport = new osg::Viewport(0, 0, m_width, m_height);
        stage->setViewport(viewport.get());
        cv->setStateGraph(graph.get());
        cv->setRenderStage(stage.get());
        cv->setFrameStamp(m_stamp.get());
        cv->setTraversalNumber(m_frame);
        cv->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
        cv->reset();
        cv->setLODScale(lodScale);
        const double aspect = double(m_width) / double(m_height);
        cv->pushViewport(viewport.get());
        cv->pushProjectionMatrix(new osg::RefMatrix(osg::Matrixd::perspective(fovyDeg, aspect, 1.0, 1e6)));
        cv->pushModelViewMatrix(new osg::RefMatrix(scene::orbit::viewMatrix(view)),
                                osg::Transform::ABSOLUTE_RF);
        root->accept(*cv);
        cv->popModelViewMatrix();
        cv->popProjectionMatrix();
        cv->popViewport();
    }

private:
    osg::ref_ptr<osg::FrameStamp> m_stamp = new osg::FrameStamp;
    unsigned m_frame = 0;
    int m_width;
    int m_height;
};

} // namespace citytwin::test
