// citytwin: the desktop GUI. Usage: citytwin [--lang zh_CN|en] [PROJECT.citytwin]
#include "app/MainWindow.h"
#include "app/Translations.h"
#include "app/WindowScreenshot.h"
#include "app/SurfaceFormat.h"

#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>
#include <cstdlib>

#ifndef CITYTWIN_VERSION
#define CITYTWIN_VERSION "0.1-dev" // app/CMakeLists.txt may pass PROJECT_VERSION
#endif

namespace {

//! QApplication aborts without a display; say what to do instead of Qt's platform-plugin dump.
bool haveDisplay()
{
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform)
        return true; // the user chose a platform (wayland, xcb with an explicit display…)
    return (std::getenv("DISPLAY") && *std::getenv("DISPLAY")) ||
           (std::getenv("WAYLAND_DISPLAY") && *std::getenv("WAYLAND_DISPLAY"));
}

//! --lang must be known before QApplication exists only for the message; parse it again properly later.
QString languageArgument(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == QLatin1String("--lang") && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    if (!haveDisplay()) {
        std::fprintf(stderr,
                     "citytwin: no display (DISPLAY is not set).\n"
                     "  Run it in a desktop session, or headless with: xvfb-run -a citytwin [PROJECT]\n"
                     "  For a picture without a window: xvfb-run -a citytwin --screenshot out.png PROJECT\n"
                     "  (./run.sh demo does this automatically).\n");
        return 2;
    }
    citytwin::app::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("citytwin"));
    QApplication::setApplicationDisplayName(QStringLiteral("citytwin"));
    QApplication::setOrganizationName(QStringLiteral("citytwin"));
    QApplication::setOrganizationDomain(QStringLiteral("citytwin.example.org"));
    QApplication::setApplicationVersion(QStringLiteral(CITYTWIN_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("citytwin"));

    using citytwin::app::Translations;
    // --lang wins, then the choice made in View → Language, then the system locale.
    QString language = languageArgument(argc, argv);
    if (language.isEmpty())
        language = Translations::savedLanguage();
    Translations::install(Translations::chooseLanguage(language));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main",
        "3D digital twin of a city: terrain, buildings, underground, people and events on a timeline."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(
        QStringLiteral("lang"), QApplication::translate("main", "User interface language: zh_CN or en."),
        QStringLiteral("language"));
    parser.addOption(langOption);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QApplication::translate("main", "Project file (*.citytwin) to open."),
                                 QStringLiteral("[project]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate(
            "main", "Save a picture of the window to FILE once the project has loaded, then quit."),
        QStringLiteral("file"));
    parser.addOption(screenshotOption);
    parser.process(app);

    const bool screenshot = parser.isSet(screenshotOption);
    citytwin::app::MainWindow window;
    // A scripted screenshot must never wait on a dialog nobody will answer.
    window.setModalErrors(!screenshot);
    window.show();
    const QStringList files = parser.positionalArguments();
    bool opened = false;
    if (!files.isEmpty())
        opened = window.openProject(files.first());
    if (screenshot) {
        if (!files.isEmpty() && !opened) {
            std::fprintf(stderr, "citytwin: %s\n", qPrintable(window.lastError()));
            return 1;
        }
        citytwin::app::WindowScreenshot::saveWhenLoaded(&window, parser.value(screenshotOption), opened);
    }
    return app.exec();
}
