#include "gis/GltfReader.h"
#include "gis/Tileset.h"

#include <QFile>
#include <QFileInfo>

namespace citytwin::gis {

using data::Result;
using data::Status;

Result<data::Model> readTileContent(const TilesetTile& tile, const QString& projectCrs,
                                    const data::CancelToken& cancel)
{
    const QString name = QFileInfo(tile.contentPath).fileName();
    if (tile.contentPath.isEmpty())
        return Status::error(Status::Code::InvalidArgument, QStringLiteral("the tile has no content"));
    QFile file(tile.contentPath);
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(file.exists() ? Status::Code::IoError : Status::Code::NotFound,
                             QStringLiteral("%1: cannot open: %2").arg(tile.contentPath, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (cancel.isCancelled())
        return Status::error(Status::Code::Cancelled, QStringLiteral("%1: cancelled").arg(name));
    EcefContentFrame frame;
    frame.tileTransform = tile.transform;
    frame.projectCrs = projectCrs;
    const QByteArray magic = bytes.left(4);
    if (magic == "b3dm")
        return readB3dm(bytes, name, frame);
    if (magic == "glTF")
        return readGlbContent(bytes, name, frame);
    struct Known
    {
        const char* magic;
        const char* what;
    };
    static constexpr Known kUnsupported[] = {{"pnts", "point cloud"},
                                             {"i3dm", "instanced 3D model"},
                                             {"cmpt", "composite"},
                                             {"subt", "implicit tiling subtree"}};
    for (const Known& known : kUnsupported)
        if (magic == known.magic)
            return Status::error(Status::Code::Unsupported,
                                 QStringLiteral("%1: 3D Tiles content format '%2' (%3) is not supported")
                                     .arg(name, QLatin1String(known.magic), QLatin1String(known.what)));
    if (bytes.isEmpty())
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: the content file is empty").arg(name));
    QString shown;
    for (const char c : magic)
        shown += (c >= 32 && c < 127) ? QChar(c) : QLatin1Char('?');
    return Status::error(Status::Code::Unsupported,
                         QStringLiteral("%1: unknown 3D Tiles content format (magic '%2')").arg(name, shown));
}

} // namespace citytwin::gis
