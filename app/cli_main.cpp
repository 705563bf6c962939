#include "app/Translations.h"
#include "app/cli/CliCommands.h"

#include <QCoreApplication>
#include <QLoggingCategory>

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

    // Same catalogue and language choice as the GUI (system locale; CITYTWIN_LANG=zh_CN|en overrides).
    using citytwin::app::Translations;
    Translations::install(Translations::chooseLanguage(qEnvironmentVariable("CITYTWIN_LANG")));

    return citytwin::app::cli::runCli(QCoreApplication::arguments());
}
