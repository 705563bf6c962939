#include "app/ProjectFileCopy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace citytwin::app {

using data::Status;

namespace {

struct ProjectFileCopy
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::ProjectFileCopy)
};

void removeDatabase(const QString& path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

} // namespace

QString rebaseSourceUri(const QString& sourceUri, const QString& fromFile, const QString& toFile)
{
    if (sourceUri.isEmpty() || QDir::isAbsolutePath(sourceUri) ||
        sourceUri.startsWith(QLatin1String("store:")) || sourceUri.contains(QLatin1String("://")))
        return sourceUri;
    const QString absolute = QDir::cleanPath(QFileInfo(fromFile).absoluteDir().filePath(sourceUri));
    return QFileInfo(toFile).absoluteDir().relativeFilePath(absolute);
}

data::Result<data::Project> copyProjectFile(const data::ProjectStore& from, const data::Project& project,
                                            const QString& target)
{
    const QString targetPath = QFileInfo(target).absoluteFilePath();
    if (!QFileInfo(QFileInfo(targetPath).absolutePath()).isDir())
        return Status::error(
            Status::Code::NotFound,
            ProjectFileCopy::tr("%1: the folder does not exist").arg(QDir::toNativeSeparators(targetPath)));

    data::Project rebased = project;
    for (const data::LayerSettings& layer : project.layers())
        rebased.layer(layer.id)->sourceUri = rebaseSourceUri(layer.sourceUri, from.path(), targetPath);

    // Write next to the target and swap at the end: a failed copy never destroys an existing file.
    const QString temporary = targetPath + QStringLiteral(".saving");
    removeDatabase(temporary);
    // A snapshot of the whole database keeps every table (overlays, sensor data, anything newer).
    if (Status s = from.copyTo(temporary); !s)
        return s;
    {
        auto store = data::ProjectStore::open(temporary, data::ProjectStore::Mode::ReadWrite);
        Status saved = store ? (*store)->saveProject(rebased) : store.status();
        data::Result<data::Project> written =
            saved ? (*store)->loadProject() : data::Result<data::Project>(saved);
        if (!written) {
            if (store)
                store->reset();
            removeDatabase(temporary);
            return written.status().withContext(QDir::toNativeSeparators(targetPath));
        }
        rebased = std::move(*written);
    } // closing the store checkpoints the WAL into the main file
    removeDatabase(targetPath);
    if (QFileInfo::exists(targetPath) || !QFile::rename(temporary, targetPath)) {
        removeDatabase(temporary);
        return Status::error(
            Status::Code::IoError,
            ProjectFileCopy::tr("%1: cannot replace the file").arg(QDir::toNativeSeparators(targetPath)));
    }
    return rebased;
}

} // namespace citytwin::app
