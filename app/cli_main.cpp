#include "app/cli/CliCommands.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

#ifndef CITYTWIN_VERSION
#define CITYTWIN_VERSION "0.1.0" // keep in step with project(VERSION) until CMake passes it in
#endif

// citytwin-cli: no widgets, so a QCoreApplication; `render` makes its own GL context (OSG pbuffer).
int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("citytwin-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("citytwin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYTWIN_VERSION));

    // Output is for users: module chatter stays off unless QT_LOGGING_RULES asks for it, and layer
    // failures are reported by the commands themselves.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\ncitytwin.*.info=false\n"
                                                        "citytwin.app.warning=false"));

    // The GUI's translations (resources/translations, embedded under :/i18n) cover the CLI strings too.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("citytwin"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    return citytwin::app::cli::runCli(QCoreApplication::arguments());
}
