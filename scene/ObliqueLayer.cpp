#include "scene/ObliqueLayer.h"

#include "scene/SceneLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <osg/MatrixTransform>
#include <osgDB/Options>
#include <osgDB/ReadFile>
#include <osgDB/Registry>
#include <string>

namespace citytwin::scene {

namespace {

constexpr const char* kWarningKey = "citytwin.obliqueWarning";

//! Why osgDB gave no node for PATH, in words a user can act on.
QString readFailure(const QString& path, const osgDB::ReaderWriter::ReadResult& result)
{
    const QString name = QFileInfo(path).fileName();
    QString why = QString::fromStdString(result.message());
    switch (result.status()) {
    case osgDB::ReaderWriter::ReadResult::FILE_NOT_FOUND:
        return QStringLiteral("%1: file not found").arg(path);
    case osgDB::ReaderWriter::ReadResult::FILE_NOT_HANDLED:
        return QStringLiteral("%1: not an OSGB file OpenSceneGraph can read%2")
            .arg(path, why.isEmpty() ? QString() : QStringLiteral(" (") + why + QLatin1Char(')'));
    default:
        break;
    }
    if (why.isEmpty())
        why = QStringLiteral("not OSGB or truncated");
    return QStringLiteral("%1: cannot read %2: %3").arg(path, name, why);
}

//! Tile coordinates → local frame: TOPROJECT (column-major, column vectors), then − ORIGIN.
osg::Matrixd toLocal(const std::array<double, 16>& toProject, const data::ProjectedPoint& origin)
{
    // OSG multiplies row vectors (v · M): its row-major M is the transpose of the column-major
    // matrix, which is the same 16 numbers in the same order.
    osg::Matrixd m(toProject.data());
    m.postMultTranslate(osg::Vec3d(-origin.x, -origin.y, -origin.z));
    return m;
}

} // namespace

data::Result<osg::ref_ptr<osg::Node>> buildObliqueLayer(const QStringList& rootTiles,
                                                        const std::array<double, 16>& toProject,
                                                        const data::ProjectedPoint& origin)
{
    if (rootTiles.isEmpty())
        return data::Status::error(data::Status::Code::InvalidArgument,
                                   QStringLiteral("oblique layer: no root tiles to read"));
    // The stock "osg" plugin reads .osgb; without it every tile would fail with a vaguer message.
    if (!osgDB::Registry::instance()->getReaderWriterForExtension("osgb"))
        return data::Status::error(
            data::Status::Code::Unsupported,
            QStringLiteral("%1: OpenSceneGraph has no reader for .osgb (the osgdb_osg plugin is not installed)")
                .arg(rootTiles.front()));

    osg::ref_ptr<osg::MatrixTransform> layer = new osg::MatrixTransform(toLocal(toProject, origin));
    QStringList failures;
    for (const QString& path : rootTiles) {
        const QFileInfo info(path);
        // PagedLOD children are file names relative to their root tile's folder; the pager reads
        // them with these options, wherever the process's working directory is.
        osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
        options->getDatabasePathList().push_front(QFile::encodeName(info.absolutePath()).toStdString());
        const std::string file = QFile::encodeName(info.absoluteFilePath()).toStdString();
        osgDB::ReaderWriter::ReadResult result = osgDB::Registry::instance()->readNode(file, options.get());
        osg::ref_ptr<osg::Node> node = result.takeNode();
        if (!node) {
            failures << readFailure(path, result);
            continue;
        }
        node->setName(info.completeBaseName().toStdString());
        layer->addChild(node);
    }
    if (layer->getNumChildren() == 0) {
        QString message = failures.front();
        if (failures.size() > 1)
            message += QStringLiteral(" (and %1 more root tiles could not be read)").arg(failures.size() - 1);
        return data::Status::error(data::Status::Code::FormatError, message);
    }
    if (!failures.isEmpty()) {
        const QString warning = QStringLiteral("%1; %2 of %3 root tiles could not be read")
                                    .arg(failures.front())
                                    .arg(failures.size())
                                    .arg(rootTiles.size());
        qCWarning(lcScene) << "oblique layer:" << warning;
        layer->setUserValue(kWarningKey, warning.toStdString());
    }
    return osg::ref_ptr<osg::Node>(layer);
}

QString obliqueLayerWarning(const osg::Node& layer)
{
    std::string warning;
    return layer.getUserValue(kWarningKey, warning) ? QString::fromStdString(warning) : QString();
}

} // namespace citytwin::scene
