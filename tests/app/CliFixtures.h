#pragma once

// citytwin-cli run as a separate process, as users run it: the helpers of the CLI suites
// (tst_cli, tst_clirender, tst_clilayers, …). Needs CITYTWIN_CLI_PATH defined by CMake.
#include "SmallDemo.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace citytwin::test {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline Run runCli(const QStringList& args,
                  const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                  int timeoutMs = 240000)
{
    QProcess p;
    QProcessEnvironment english = env;
    english.insert(QStringLiteral("CITYTWIN_LANG"), QStringLiteral("en")); // the checks read English messages
    p.setProcessEnvironment(english);
    p.start(QStringLiteral(CITYTWIN_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

inline QString show(const Run& r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(r.out.left(2000), r.err.left(2000));
}

//! Runs `citytwin-cli make-demo DIR` with the small demo's options (SmallDemo.h) and returns the
//! project file it reports (its stdout's last line). Empty, with WHY set, when it failed, the file
//! is missing or its progress line never got to 100%.
inline QString makeSmallDemoWithCli(const QString& dir, QString* why)
{
    const gis::DemoCityOptions o = smallDemoOptions();
    const Run r =
        runCli({QStringLiteral("make-demo"), dir, QStringLiteral("--buildings"), QString::number(o.buildings),
                QStringLiteral("--people"), QString::number(o.people), QStringLiteral("--events"),
                QString::number(o.events), QStringLiteral("--days"), QString::number(o.eventDays)});
    const QString project = r.out.trimmed().split(QLatin1Char('\n')).last();
    if (r.exitCode != 0 || !QFileInfo(project).isFile() || !r.err.contains(QLatin1String("100%"))) {
        *why = show(r);
        return {};
    }
    return project;
}

inline QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

inline bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY");
}

//! Copies the files of folder FROM into TO (created); false on any failure.
inline bool copyFiles(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString file = it.next();
        if (!QFile::copy(file, to + QLatin1Char('/') + it.fileName()))
            return false;
    }
    return true;
}

//! The layer named NAME in `info --json` output, or an empty object.
inline QJsonObject layerNamed(const QString& infoJson, const QString& name)
{
    const QJsonArray layers =
        QJsonDocument::fromJson(infoJson.toUtf8()).object()[QStringLiteral("layers")].toArray();
    for (const QJsonValue& v : layers)
        if (v.toObject()[QStringLiteral("name")].toString() == name)
            return v.toObject();
    return {};
}

} // namespace citytwin::test
