#include "tests/bench/BenchWindow.h"

#include <QFile>
#include <QString>
#include <osg/GraphicsContext>

namespace citytwin::bench {

data::Result<osg::ref_ptr<osgViewer::Viewer>> openBenchWindow(int width, int height)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return data::Status::error(data::Status::Code::Unsupported,
                                   QStringLiteral("no X display: run under xvfb-run (./run.sh bench does)"));
    osg::ref_ptr<osg::GraphicsContext::Traits> traits = new osg::GraphicsContext::Traits;
    traits->readDISPLAY();
    traits->setUndefinedScreenDetailsToDefaultScreen();
    traits->x = 0;
    traits->y = 0;
    traits->width = width;
    traits->height = height;
    traits->alpha = 0;
    traits->depth = 24;
    traits->doubleBuffer = true;
    traits->vsync = false;
    traits->windowDecoration = false;
    osg::ref_ptr<osg::GraphicsContext> gc = osg::GraphicsContext::createGraphicsContext(traits.get());
    if (!gc || !gc->valid())
        return data::Status::error(data::Status::Code::Unsupported,
                                   QStringLiteral("cannot open a %1x%2 GL window").arg(width).arg(height));
    osg::ref_ptr<osgViewer::Viewer> viewer = new osgViewer::Viewer;
    viewer->setThreadingModel(osgViewer::Viewer::SingleThreaded);
    viewer->setKeyEventSetsDone(0);
    viewer->setQuitEventSetsDone(false);
    osg::Camera* camera = viewer->getCamera();
    camera->setGraphicsContext(gc.get());
    camera->setViewport(0, 0, width, height);
    camera->setDrawBuffer(GL_BACK);
    camera->setReadBuffer(GL_BACK);
    camera->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
    viewer->realize();
    if (!viewer->isRealized())
        return data::Status::error(data::Status::Code::Internal, QStringLiteral("viewer not realized"));
    return viewer;
}

static double statusFieldMiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0.0;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0.0;
}

double currentRssMiB() { return statusFieldMiB("VmRSS"); }
double peakRssMiB() { return statusFieldMiB("VmHWM"); }

} // namespace citytwin::bench
