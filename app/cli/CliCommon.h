#pragma once

#include "data/Project.h"
#include "data/ProjectStore.h"
#include "data/Time.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <memory>
#include <optional>
#include <variant>

namespace citytwin::app {
struct ServiceSettings;
}

namespace citytwin::app::cli {

//! Exit statuses of citytwin-cli: 2 for a bad command line, 1 when the work itself failed.
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

inline constexpr const char* kProgramName = "citytwin-cli";

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::Cli)
};

QTextStream& out();
QTextStream& err();

//! Prints "citytwin-cli COMMAND: MESSAGE" and a pointer to the command's --help; returns kExitUsage.
int usageError(const QString& command, const QString& message);
//! Prints "citytwin-cli COMMAND: error: MESSAGE"; returns kExitFailure.
int failure(const QString& command, const QString& message);

//! Parses ARGS (the words after the command name) with PARSER, which gets --help added.
//! Returns nullopt to go on, or the exit code: help was printed (0) or the line was wrong (2).
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QString& command, const QString& syntax,
                                    const QStringList& args);

//! A project opened read-only from the command line.
struct ProjectArgument
{
    QString path;
    std::unique_ptr<data::ProjectStore> store;
    data::Project project;
};
//! Opens the single PROJECT positional of PARSER (after parseCommandLine) read-only, so inspecting
//! a project never changes it (no migration, no WAL checkpoint). On a wrong line or a bad file it
//! prints the usage error / failure for COMMAND and returns that exit code instead.
std::variant<ProjectArgument, int> openProjectArgument(const QCommandLineParser& parser, const QString& command);
//! The GUI's basemap service settings (API key, cache size) with cacheDir resolved to the folder the
//! app uses: they are kept under the GUI's application name, so `cache seed` fills the app's cache
//! and `render` reads it.
ServiceSettings guiServiceSettings();

//! "WIDTHxHEIGHT" with both sides in [1, 16384].
std::optional<QSize> parseSize(const QString& text);
//! A non-negative integer no larger than MAX.
std::optional<qint64> parseCount(const QString& text, qint64 max);

//! ISO 8601 date-time ("2026-11-02T08:30", seconds and milliseconds optional) with "Z" or a
//! "+08:00" offset; without one it is local time in TIMEZONE (IANA id). Nullopt if malformed.
std::optional<data::TimeMs> parseIsoTime(const QString& text, const QString& timeZone);
//! "2026-11-02T00:30:00Z".
QString formatUtc(data::TimeMs t);
//! "2026-11-02T08:30:00+08:00" in TIMEZONE (falls back to UTC for an unknown zone).
QString formatLocal(data::TimeMs t, const QString& timeZone);

} // namespace citytwin::app::cli
