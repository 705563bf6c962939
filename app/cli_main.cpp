#include "app/Translations.h"
#include "app/cli/CliCommands.h"

#include <QGuiApplication>
#include <QLoggingCategory>

// citytwin-cli: no widgets and no window, but a QGuiApplication on Qt's offscreen platform so that
// painted output (`section --png`) can draw text (fonts need a GUI application); it needs no
// display. `render` makes its own GL context (OSG pbuffer, which does need X).
namespace {

QtMessageHandler g_defaultHandler = nullptr;

//! Qt's GUI start-up notes that a headless CLI run cannot act on ("XDG_RUNTIME_DIR not set") would
//! read as errors on stderr, which scripts (and tests) treat as the command's own complaints.
void cliMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    g_defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_defaultHandler = qInstallMessageHandler(cliMessageHandler);
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("citytwin-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("citytwin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYTWIN_VERSION));

    // Output is for users: module chatter stays off unless QT_LOGGING_RULES asks for it, and layer
    // failures are reported by the commands themselves.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\ncitytwin.*.info=false\n"
                                                        "citytwin.app.warning=false"));

    // Same catalogue and language choice as the GUI (system locale; CITYTWIN_LANG=zh_CN|en overrides).
    using citytwin::app::Translations;
    Translations::install(Translations::chooseLanguage(qEnvironmentVariable("CITYTWIN_LANG")));

    return citytwin::app::cli::runCli(QCoreApplication::arguments());
}
