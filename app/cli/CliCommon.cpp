#include "app/cli/CliCommon.h"

#include "app/ServiceSettings.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>
#include <cstdio>

namespace citytwin::app::cli {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString& command, const QString& message)
{
    const QString where = command.isEmpty()
                              ? QString::fromLatin1(kProgramName)
                              : QStringLiteral("%1 %2").arg(QLatin1String(kProgramName), command);
    err() << where << ": " << message << '\n'
          << Cli::tr("Try '%1 --help' for more information.").arg(where) << Qt::endl;
    return kExitUsage;
}

int failure(const QString& command, const QString& message)
{
    err() << kProgramName << ' ' << command << ": " << Cli::tr("error: %1").arg(message) << Qt::endl;
    return kExitFailure;
}

std::variant<ProjectArgument, int> openProjectArgument(const QCommandLineParser& parser, const QString& command)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(command, positional.isEmpty()
                                       ? Cli::tr("missing the project file")
                                       : Cli::tr("expected one project file, got %1").arg(positional.size()));
    ProjectArgument arg;
    arg.path = positional.first();
    if (!QFileInfo(arg.path).isFile())
        return failure(command, Cli::tr("%1: file not found").arg(QDir::toNativeSeparators(arg.path)));
    auto store = data::ProjectStore::open(arg.path, data::ProjectStore::Mode::ReadOnly);
    if (!store)
        return failure(command, store.status().message());
    auto project = (*store)->loadProject();
    if (!project)
        return failure(command, project.status().message());
    arg.store = std::move(store).value();
    arg.project = std::move(project).value();
    return arg;
}

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QString& command, const QString& syntax,
                                    const QStringList& args)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Cli::tr("Show this help."));
    parser.addOption(help);
    QStringList full{QString::fromLatin1(kProgramName)};
    full += args;
    if (!parser.parse(full))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        // QCommandLineParser's usage line knows neither the command nor the program's short name.
        QString text = parser.helpText();
        text = Cli::tr("Usage: %1 %2 %3").arg(QLatin1String(kProgramName), command, syntax) +
               text.mid(text.indexOf(QLatin1Char('\n')));
        out() << text << Qt::flush;
        return kExitOk;
    }
    return std::nullopt;
}

ServiceSettings guiServiceSettings()
{
    const QString cliName = QCoreApplication::applicationName();
    QCoreApplication::setApplicationName(QStringLiteral("citytwin"));
    ServiceSettings settings = ServiceSettings::load();
    settings.cacheDir = settings.effectiveCacheDir(); // QStandardPaths follows the application name too
    QCoreApplication::setApplicationName(cliName);
    return settings;
}

std::optional<QSize> parseSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int w = m.captured(1).toInt();
    const int h = m.captured(2).toInt();
    constexpr int kMaxSide = 16384;
    if (w < 1 || h < 1 || w > kMaxSide || h > kMaxSide)
        return std::nullopt;
    return QSize(w, h);
}

std::optional<qint64> parseCount(const QString& text, qint64 max)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0 || v > max)
        return std::nullopt;
    return v;
}

std::optional<data::TimeMs> parseIsoTime(const QString& text, const QString& timeZone)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?)?"
                       "(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QString ms = m.captured(7).leftJustified(3, QLatin1Char('0'));
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms.toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;

    const QString zone = m.captured(8);
    QDateTime dt;
    if (zone == QLatin1String("Z")) {
        dt = QDateTime(date, time, QTimeZone::utc());
    } else if (!zone.isEmpty()) {
        const QString digits = QString(zone).remove(QLatin1Char(':'));
        const int hours = digits.mid(1, 2).toInt();
        const int minutes = digits.size() > 3 ? digits.mid(3, 2).toInt() : 0;
        if (hours > 14 || minutes > 59)
            return std::nullopt;
        const int sign = zone.startsWith(QLatin1Char('-')) ? -1 : 1;
        dt = QDateTime(date, time, QTimeZone(sign * (hours * 3600 + minutes * 60)));
    } else {
        const QTimeZone tz(timeZone.toUtf8());
        if (!tz.isValid())
            return std::nullopt;
        dt = QDateTime(date, time, tz);
    }
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

QString formatUtc(data::TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate); // Qt::UTC prints "Z"
}

QString formatLocal(data::TimeMs t, const QString& timeZone)
{
    QTimeZone tz(timeZone.toUtf8());
    if (!tz.isValid())
        tz = QTimeZone::utc();
    return QDateTime::fromMSecsSinceEpoch(t, tz).toString(Qt::ISODate);
}

} // namespace citytwin::app::cli
