#include "app/cli/CliCommands.h"
#include "app/cli/CliCommon.h"
#include "gis/DemoCity.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <unistd.h>

namespace citytwin::app::cli {

namespace {

class MakeDemo
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::cli::MakeDemo)
public:
    static int run(const QStringList& args);
};

//! One progress line on stderr: rewritten in place on a terminal, one line per step otherwise (logs).
class ProgressLine
{
public:
    ProgressLine() : m_tty(::isatty(::fileno(stderr)) != 0) {}

    void update(double fraction, const QString& step)
    {
        const int percent = int(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0));
        if (percent == m_percent && step == m_step)
            return;
        const bool newStep = step != m_step;
        m_percent = percent;
        m_step = step;
        const QString line = QStringLiteral("[%1%] %2").arg(percent, 3).arg(step);
        if (m_tty)
            err() << '\r' << line.leftJustified(m_width) << Qt::flush;
        else if (newStep)
            err() << line << Qt::endl;
        m_width = std::max<int>(m_width, line.size());
    }

    void finish()
    {
        if (m_tty && m_percent >= 0)
            err() << Qt::endl;
    }

private:
    bool m_tty = false;
    int m_percent = -1;
    int m_width = 0;
    QString m_step;
};

int MakeDemo::run(const QStringList& args)
{
    const QString command = QStringLiteral("make-demo");
    const gis::DemoCityOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Generates the deterministic synthetic demo city of Pinghu (DEM, imagery, buildings, pipes, people,"
        " events, assets) into DIR and prints the path of its project file."));
    const QCommandLineOption seed(QStringLiteral("seed"), tr("Random seed (default %1).").arg(defaults.seed),
                                  QStringLiteral("N"));
    const QCommandLineOption buildings(QStringLiteral("buildings"),
                                       tr("Number of buildings (default %1).").arg(defaults.buildings),
                                       QStringLiteral("N"));
    const QCommandLineOption people(
        QStringLiteral("people"), tr("Number of field staff with tracks (default %1).").arg(defaults.people),
        QStringLiteral("N"));
    const QCommandLineOption events(QStringLiteral("events"),
                                    tr("Number of events (default %1).").arg(defaults.events),
                                    QStringLiteral("N"));
    const QCommandLineOption days(QStringLiteral("days"),
                                  tr("Days of event history (default %1).").arg(defaults.eventDays),
                                  QStringLiteral("N"));
    const QCommandLineOption area(
        QStringLiteral("size-m"),
        tr("Side of the square city area in metres (default %1).").arg(defaults.sizeM), QStringLiteral("M"));
    const QCommandLineOption pipes(QStringLiteral("pipes-km"),
                                   tr("Length of underground pipes in km (default %1).").arg(defaults.pipeKm),
                                   QStringLiteral("KM"));
    parser.addOptions({seed, buildings, people, events, days, area, pipes});
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 tr("Folder to write the demo into (created if needed)."));
    if (auto exit = parseCommandLine(parser, command, QStringLiteral("DIR"), args))
        return *exit;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty()
                                       ? tr("missing the output folder DIR")
                                       : tr("expected one folder, got %1").arg(positional.size()));

    gis::DemoCityOptions options;
    auto readCount = [&](const QCommandLineOption& option, qint64 min, qint64 max, auto& target) -> bool {
        if (!parser.isSet(option))
            return true;
        const QString text = parser.value(option);
        const auto v = parseCount(text, max);
        if (!v || *v < min) {
            usageError(command, tr("--%1 wants a whole number from %2 to %3, not '%4'")
                                    .arg(option.names().constFirst())
                                    .arg(min)
                                    .arg(max)
                                    .arg(text));
            return false;
        }
        target = static_cast<std::remove_reference_t<decltype(target)>>(*v);
        return true;
    };
    if (!readCount(seed, 0, std::numeric_limits<std::uint32_t>::max(), options.seed) ||
        !readCount(buildings, 0, 1'000'000, options.buildings) ||
        !readCount(people, 0, 100'000, options.people) || !readCount(events, 0, 10'000'000, options.events) ||
        !readCount(days, 1, 3650, options.eventDays) || !readCount(area, 500, 20'000, options.sizeM) ||
        !readCount(pipes, 0, 1000, options.pipeKm))
        return kExitUsage;

    const QString dir = positional.first();
    if (QFileInfo(dir).exists() && !QFileInfo(dir).isDir())
        return failure(command, tr("%1 exists and is not a folder").arg(QDir::toNativeSeparators(dir)));

    ProgressLine progress;
    auto result = gis::makeDemoCity(dir, options, [&progress](double fraction, const QString& step) {
        progress.update(fraction, step);
        return true;
    });
    progress.finish();
    if (!result)
        return failure(command, result.status().message());
    out() << QDir::toNativeSeparators(*result) << Qt::endl;
    return kExitOk;
}

} // namespace

int runMakeDemo(const QStringList& args)
{
    return MakeDemo::run(args);
}

} // namespace citytwin::app::cli
