#include "scene/OffscreenRenderer.h"

#include "scene/CityScene.h"
#include "scene/FrameStats.h"
#include "scene/TileTerrainProgram.h"
#include "scene/SceneLog.h"
#include "scene/PagedNode.h"
#include "scene/TileEngine.h"
#include "scene/ViewCamera.h"

#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <cstring>
#include <osg/GraphicsContext>
#include <osgDB/DatabasePager>
#include <osgDB/WriteFile>
#include <osgViewer/Viewer>

namespace citytwin::scene {

namespace {
//! Tries at opening the pbuffer context (250 ms apart) before the renderer reports failure.
constexpr int kContextAttempts = 3;
} // namespace

struct OffscreenRenderer::Impl
{
    osg::ref_ptr<osg::GraphicsContext> context;
    osg::ref_ptr<osgViewer::Viewer> viewer;
    osg::ref_ptr<osg::Image> target; // attached to the colour buffer, bottom-up as GL reads it
    osg::ref_ptr<osg::Node> root;

    //! Frees ROOT's buffers/textures/programs of this context: the context id may be reused by
    //! a later renderer, which must not inherit names of a dead context.
    void releaseRoot()
    {
        if (root && context && context->makeCurrent()) {
            root->releaseGLObjects(context->getState());
            releaseTileTerrainPrograms(context->getState()); // variants the scene dropped too
            context->releaseContext();
        }
        root = nullptr;
    }

    ~Impl()
    {
        releaseRoot();
        if (viewer)
            viewer->setSceneData(nullptr);
        viewer = nullptr; // closes the context
    }
};

OffscreenRenderer::OffscreenRenderer(int width, int height)
    : m_impl(new Impl), m_width(width), m_height(height)
{
    if (width <= 0 || height <= 0) {
        m_status = data::Status::error(
            data::Status::Code::InvalidArgument,
            QStringLiteral("offscreen render size %1x%2 is empty").arg(width).arg(height));
        return;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        m_status = data::Status::error(data::Status::Code::Unsupported,
                                       QStringLiteral("no X display: run under Xvfb / set DISPLAY"));
        return;
    }
    osg::ref_ptr<osg::GraphicsContext::Traits> traits = new osg::GraphicsContext::Traits;
    traits->readDISPLAY(); // OSG defaults to ":0.0", wrong under xvfb-run -a
    traits->setUndefinedScreenDetailsToDefaultScreen();
    traits->x = 0;
    traits->y = 0;
    traits->width = width;
    traits->height = height;
    traits->red = traits->green = traits->blue = 8;
    traits->alpha = 0; // alpha=8 makes Xvfb/Mesa raise X BadMatch on every frame
    traits->depth = 24;
    traits->pbuffer = true;
    traits->doubleBuffer = false;
    traits->windowDecoration = false;
    m_impl->context = osg::GraphicsContext::createGraphicsContext(traits.get());
    // Opening the X display can fail for a moment on a busy server (seen once on Xvfb in CI while
    // another suite opened many connections): try again briefly before giving up. Without a
    // DISPLAY there is nothing to wait for.
    for (int attempt = 1; attempt < kContextAttempts && !qEnvironmentVariableIsEmpty("DISPLAY") &&
                          (!m_impl->context || !m_impl->context->valid());
         ++attempt) {
        QThread::msleep(250);
        m_impl->context = osg::GraphicsContext::createGraphicsContext(traits.get());
    }
    if (!m_impl->context || !m_impl->context->valid()) {
        m_impl->context = nullptr;
        m_status = data::Status::error(
            data::Status::Code::Unsupported,
            QStringLiteral(
                "cannot create a %1x%2 OpenGL pbuffer on display \"%3\" (is it an X server with GLX?)")
                .arg(width)
                .arg(height)
                .arg(qEnvironmentVariable("DISPLAY")));
        return;
    }

    m_impl->viewer = new osgViewer::Viewer;
    osgViewer::Viewer& viewer = *m_impl->viewer;
    viewer.setThreadingModel(osgViewer::Viewer::SingleThreaded);
    viewer.setKeyEventSetsDone(0);
    viewer.setQuitEventSetsDone(false);
    osg::Camera* camera = viewer.getCamera();
    camera->setGraphicsContext(m_impl->context.get());
    camera->setViewport(0, 0, width, height);
    camera->setDrawBuffer(GL_FRONT); // single-buffered pbuffer
    camera->setReadBuffer(GL_FRONT);
    camera->setClearColor(CityScene::clearColour());
    camera->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
    m_impl->target = new osg::Image;
    m_impl->target->allocateImage(width, height, 1, GL_RGBA, GL_UNSIGNED_BYTE);
    camera->attach(osg::Camera::COLOR_BUFFER, m_impl->target.get());
    viewer.realize();
    if (!viewer.isRealized()) {
        m_status = data::Status::error(data::Status::Code::Internal,
                                       QStringLiteral("the offscreen viewer could not be realized"));
        m_impl->viewer = nullptr;
    }
}

OffscreenRenderer::~OffscreenRenderer() = default;

bool OffscreenRenderer::refineUntilIdle(osgViewer::Viewer& viewer, osg::Node& root,
                                        const data::SavedView& view, int& frames)
{
    // OSG's own paging (osg::PagedLOD in OSGB tiles) runs on the viewer's DatabasePager: it is
    // done when nothing is queued, being read or waiting to be merged. A child file that cannot
    // be read is asked for again by the next cull only, so waiting without frames ends.
    const osgDB::DatabasePager* pager = viewer.getDatabasePager();
    auto pagerIdle = [pager] { return !pager || !pager->getRequestsInProgress(); };
    auto pagerNeedsFrame = [pager] { return pager && pager->requiresUpdateSceneGraph(); };
    QElapsedTimer timer;
    timer.start();
    while (!pagedNodesIdle(&root) || !pagerIdle()) {
        if (double(timer.elapsed()) / 1000.0 >= m_refineTimeoutS) {
            qCWarning(lcScene) << "offscreen render: paged content still loading after" << m_refineTimeoutS
                               << "s, drawing what is there";
            return false;
        }
        if (!pagedNodesNeedFrame(&root) && !pagerNeedsFrame()) {
            QThread::msleep(2); // loads run: a frame now would only take their CPU
            continue;
        }
        // Loaded heights can grow the scene's bound: keep near/far enclosing it.
        applyViewToCamera(*viewer.getCamera(), root, view, kFovyDeg, double(m_width) / double(m_height));
        viewer.frame();
        ++frames;
    }
    return true;
}

bool OffscreenRenderer::isValid() const
{
    return m_status.isOk() && m_impl->viewer;
}

void OffscreenRenderer::setClearColour(const osg::Vec4& colour)
{
    if (m_impl->viewer)
        m_impl->viewer->getCamera()->setClearColor(colour);
}

osg::Camera* OffscreenRenderer::camera() const
{
    return m_impl->viewer ? m_impl->viewer->getCamera() : nullptr;
}

data::Result<osg::ref_ptr<osg::Image>>
OffscreenRenderer::renderImage(osg::Node* root, const data::SavedView& view, Stats* stats)
{
    if (!isValid())
        return m_status.isOk()
                   ? data::Status::error(data::Status::Code::Internal, QStringLiteral("no viewer"))
                   : m_status;
    if (!root)
        return data::Status::error(data::Status::Code::InvalidArgument,
                                   QStringLiteral("nothing to render (null root)"));

    osgViewer::Viewer& viewer = *m_impl->viewer;
    if (m_impl->root != root) {
        m_impl->releaseRoot();
        m_impl->root = root;
        viewer.setSceneData(root);
    }
    osg::Camera* camera = viewer.getCamera();
    applyViewToCamera(*camera, *root, view, kFovyDeg, double(m_width) / double(m_height));

    QElapsedTimer timer;
    timer.start();
    int frames = 0;
    for (; frames < kFrames; ++frames) {
        viewer.frame();
        if (frames == 0 && stats)
            stats->firstFrameMs = double(timer.nsecsElapsed()) / 1e6;
    }
    // Paged terrain loads on workers: keep drawing (its merges happen in frames) until it has
    // refined this view, so the picture is the finished one.
    const bool refined = refineUntilIdle(viewer, *root, view, frames);
    if (stats) {
        const FrameStats frame = frameStats(camera);
        stats->drawCalls = frame.drawCalls;
        stats->triangles = frame.triangles;
        stats->frames = frames;
        stats->refined = refined;
    }

    // GL rows run bottom-up; hand out a top-down copy so pixel (x, y) means what a user sees.
    const osg::Image& src = *m_impl->target;
    osg::ref_ptr<osg::Image> out = new osg::Image;
    out->allocateImage(src.s(), src.t(), 1, GL_RGBA, GL_UNSIGNED_BYTE);
    const size_t rowBytes = src.getRowSizeInBytes();
    for (int row = 0; row < src.t(); ++row)
        std::memcpy(out->data(0, row), src.data(0, src.t() - 1 - row), rowBytes);
    out->setOrigin(osg::Image::TOP_LEFT);
    return out;
}

data::Status OffscreenRenderer::writeImage(const osg::Image& image, const QString& path)
{
    // osgDB's writers store rows bottom-up whatever the origin says: give them a GL-order copy.
    osg::ref_ptr<osg::Image> glOrder = new osg::Image(image, osg::CopyOp::DEEP_COPY_ALL);
    if (image.getOrigin() == osg::Image::TOP_LEFT) {
        glOrder->flipVertical();
        glOrder->setOrigin(osg::Image::BOTTOM_LEFT);
    }
    if (!osgDB::writeImageFile(*glOrder, QFile::encodeName(path).toStdString()))
        return data::Status::error(
            data::Status::Code::IoError,
            QStringLiteral("%1: cannot write the image (unknown extension or unwritable folder)").arg(path));
    return data::Status::ok();
}

data::Result<osg::ref_ptr<osg::Image>> OffscreenRenderer::render(osg::Node* root, const data::SavedView& view,
                                                                 int width, int height, Stats* stats)
{
    OffscreenRenderer renderer(width, height);
    if (!renderer.isValid())
        return renderer.status();
    return renderer.renderImage(root, view, stats);
}

} // namespace citytwin::scene
