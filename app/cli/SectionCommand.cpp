#include "app/cli/CliCommands.h"

#include <QTextStream>

// Interim: the command lands with its analysis.
namespace citytwin::app::cli {

int runSection(const QStringList&)
{
    QTextStream(stderr) << "citytwin-cli: this command is not available yet\n";
    return 1;
}

} // namespace citytwin::app::cli
