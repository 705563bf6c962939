#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace citytwin::test {

//! ../shared/data relative to the repo root: real public sample data (may be absent → QSKIP).
inline QString sharedDataDir()
{
    return QDir(QStringLiteral(CITYTWIN_SOURCE_DIR "/../shared/data")).absolutePath();
}

//! Path of FILE under shared data, or an empty string when it is not there.
inline QString sharedDataFile(const QString& relative)
{
    const QString p = sharedDataDir() + QLatin1Char('/') + relative;
    return QFileInfo::exists(p) ? p : QString();
}

//! Where tests write artefacts (rendered PNGs, failing images); created on demand.
inline QString testOutputDir(const QString& sub = {})
{
    QString p = QStringLiteral(CITYTWIN_TEST_OUTPUT_DIR);
    if (!sub.isEmpty())
        p += QLatin1Char('/') + sub;
    QDir().mkpath(p);
    return p;
}

inline QString sourceDir() { return QStringLiteral(CITYTWIN_SOURCE_DIR); }
inline QString binaryDir() { return QStringLiteral(CITYTWIN_BINARY_DIR); }

} // namespace citytwin::test
