#pragma once

// citytwin-cli run as a separate process, as users run it: the helpers of the CLI suites
// (tst_cli, tst_clilayers). Needs CITYTWIN_CLI_PATH defined by CMake.
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
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
