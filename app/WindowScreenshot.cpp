#include "app/WindowScreenshot.h"

#include "app/GuiLog.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"

#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace citytwin::app {

namespace {
constexpr int kSettleFrames = 3; // the first frames upload geometry; let the picture settle
constexpr int kPollMs = 100;
constexpr int kGiveUpMs = 120 * 1000;

void saveAndQuit(MainWindow* window, const QString& file)
{
    const QPixmap shot = window->grab();
    const bool ok = !shot.isNull() && shot.save(file);
    if (ok)
        std::fprintf(stdout, "citytwin: saved %s (%dx%d)\n", qPrintable(QDir::toNativeSeparators(file)),
                     shot.width(), shot.height());
    else
        std::fprintf(stderr, "citytwin: could not write the screenshot %s\n", qPrintable(file));
    QCoreApplication::exit(ok ? 0 : 1);
}
} // namespace

void WindowScreenshot::saveWhenLoaded(MainWindow* window, const QString& file, bool projectOpened)
{
    auto* timer = new QTimer(window);
    timer->setInterval(kPollMs);
    struct Progress
    {
        int waitedMs = 0;
        int framesAtLoad = -1;
    };
    auto progress = std::make_shared<Progress>();
    QObject::connect(timer, &QTimer::timeout, window, [=] {
        progress->waitedMs += kPollMs;
        ProjectSession* s = window->session();
        const bool loaded = !projectOpened || (s && !s->isLoading());
        if (loaded && progress->framesAtLoad < 0)
            progress->framesAtLoad = window->view()->frameCount();
        window->view()->update();
        const bool settled = progress->framesAtLoad >= 0 &&
                             window->view()->frameCount() >= progress->framesAtLoad + kSettleFrames;
        if (settled || progress->waitedMs >= kGiveUpMs) {
            if (!settled)
                qCWarning(lcGui) << "screenshot: project still loading after" << kGiveUpMs / 1000 << "s";
            timer->stop();
            saveAndQuit(window, file);
        }
    });
    timer->start();
}

} // namespace citytwin::app
