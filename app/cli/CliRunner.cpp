#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"

#include <QCoreApplication>
#include <array>

namespace citytwin::app::cli {

namespace {

const std::array<Command, 8> kCommands{{
    {"make-demo", QT_TRANSLATE_NOOP("citytwin::app::cli::Cli", "Generate the synthetic demo city of Pinghu"),
     &runMakeDemo},
    {"info",
     QT_TRANSLATE_NOOP("citytwin::app::cli::Cli", "Describe a project: CRS, origin, time, layers, views"),
     &runInfo},
    {"render", QT_TRANSLATE_NOOP("citytwin::app::cli::Cli", "Render a view of a project to a PNG file"),
     &runRender},
    {"layer",
     QT_TRANSLATE_NOOP("citytwin::app::cli::Cli",
                       "Add a layer (file or service URL) to a project, or list its layers"),
     &runLayer},
    {"cache",
     QT_TRANSLATE_NOOP("citytwin::app::cli::Cli", "Pre-fetch service tiles of an area into the disk cache"),
     &runCache},
    {"section",
     QT_TRANSLATE_NOOP("citytwin::app::cli::Cli", "List the pipes a vertical section line crosses, with their depths"),
     &runSection},
    {"pipes",
     QT_TRANSLATE_NOOP("citytwin::app::cli::Cli",
                       "Query a project's pipes: filter by age, material or network; clearance between two pipes"),
     &runPipes},
    {"import",
     QT_TRANSLATE_NOOP("citytwin::app::cli::Cli",
                       "Import tracks, events, assets or sensor readings (CSV, GeoJSON, GeoPackage, …) into a project"),
     &runImport},
}};

void printHelp()
{
    out() << Cli::tr("Usage: %1 COMMAND [options] [arguments]").arg(QLatin1String(kProgramName)) << "\n\n"
          << Cli::tr("citytwin command-line tools: demo data, project inspection and headless rendering.")
          << "\n\n"
          << Cli::tr("Commands:") << '\n';
    for (const Command& c : kCommands)
        out() << "  " << QString::fromLatin1(c.name).leftJustified(12) << Cli::tr(c.summary) << '\n';
    out() << '\n'
          << Cli::tr("Options:") << '\n'
          << "  -h, --help     " << Cli::tr("Show this help.") << '\n'
          << "  -v, --version  " << Cli::tr("Show the version.") << "\n\n"
          << Cli::tr("Run '%1 COMMAND --help' for the options of a command.").arg(QLatin1String(kProgramName))
          << Qt::endl;
}

} // namespace

std::span<const Command> commands()
{
    return kCommands;
}

int runCli(const QStringList& arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty())
        return usageError({}, Cli::tr("no command given"));
    const QString& first = args.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        printHelp();
        return kExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out() << kProgramName << ' ' << QCoreApplication::applicationVersion() << Qt::endl;
        return kExitOk;
    }
    for (const Command& c : kCommands) {
        if (first == QLatin1String(c.name))
            return c.run(args.mid(1));
    }
    if (first.startsWith(QLatin1Char('-')))
        return usageError({}, Cli::tr("unknown option '%1'").arg(first));
    return usageError({}, Cli::tr("unknown command '%1'").arg(first));
}

} // namespace citytwin::app::cli
