#include "scene/ObliqueLayer.h"

#include "scene/SceneLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <istream>
#include <mutex>
#include <osg/MatrixTransform>
#include <osg/PagedLOD>
#include <osgDB/FileNameUtils>
#include <osgDB/Options>
#include <osgDB/ReadFile>
#include <osgDB/Registry>
#include <set>
#include <streambuf>
#include <string>

namespace citytwin::scene {

namespace {

constexpr const char* kWarningKey = "citytwin.obliqueWarning";

//! The bytes of a file, then zeros: OSG 3.6's binary reader keeps going on a stream that has
//! failed and takes the garbage it did not read as array sizes, so a truncated .osgb can loop for
//! hours. Zeros read as empty arrays and end the read; having served any of them marks the file
//! as truncated. Capped, so a reader that wants endless bytes still meets the end.
class ZeroPaddedBuffer : public std::streambuf
{
public:
    explicit ZeroPaddedBuffer(QByteArray bytes) : m_bytes(std::move(bytes))
    {
        char* begin = m_bytes.data();
        setg(begin, begin, begin + m_bytes.size());
    }
    bool overran() const { return m_padded > 0; }

protected:
    int_type underflow() override
    {
        if (m_padded >= kMaxPadding)
            return traits_type::eof();
        m_padded += sizeof(m_zeros);
        setg(m_zeros, m_zeros, m_zeros + sizeof(m_zeros));
        return traits_type::to_int_type(m_zeros[0]);
    }
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override
    {
        if (!(which & std::ios_base::in))
            return pos_type(off_type(-1));
        const bool inBytes = eback() == m_bytes.data();
        const off_type current = inBytes ? off_type(gptr() - eback()) : off_type(m_bytes.size());
        const off_type target = dir == std::ios_base::beg   ? off
                                : dir == std::ios_base::cur ? current + off
                                                            : m_bytes.size() + off;
        return seekpos(pos_type(target), which);
    }
    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override
    {
        if (!(which & std::ios_base::in) || off_type(pos) < 0 || off_type(pos) > off_type(m_bytes.size()))
            return pos_type(off_type(-1));
        char* begin = m_bytes.data();
        setg(begin, begin + off_type(pos), begin + m_bytes.size());
        return pos;
    }

private:
    static constexpr std::size_t kMaxPadding = std::size_t(1) << 20;
    QByteArray m_bytes;
    char m_zeros[4096] = {};
    std::size_t m_padded = 0;
};

//! Reads one root tile with READER (the osgb plugin), through ZeroPaddedBuffer.
data::Result<osg::ref_ptr<osg::Node>> readRootTile(osgDB::ReaderWriter& reader, const QString& path,
                                                   const osgDB::Options* options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return data::Status::error(data::Status::Code::NotFound,
                                   QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    ZeroPaddedBuffer buffer(bytes);
    std::istream in(&buffer);
    osgDB::ReaderWriter::ReadResult result = reader.readNode(in, options);
    osg::ref_ptr<osg::Node> node = result.takeNode();
    if (buffer.overran())
        return data::Status::error(
            data::Status::Code::FormatError,
            QStringLiteral("%1: truncated OSGB file (%2 bytes end in the middle of the scene)")
                .arg(path)
                .arg(bytes.size()));
    if (!node) {
        const QString why = QString::fromStdString(result.message());
        return data::Status::error(
            data::Status::Code::FormatError,
            QStringLiteral("%1: not an OSGB file OpenSceneGraph can read%2")
                .arg(path, why.isEmpty() ? QString() : QStringLiteral(" (") + why + QLatin1Char(')')));
    }
    return node;
}

//! Gives every PagedLOD under a node the layer's read options, so the pager reads their pages
//! through SafeOsgbReads too (PagedLOD hands its database options to each request).
class DatabaseOptionsVisitor : public osg::NodeVisitor
{
public:
    explicit DatabaseOptionsVisitor(osgDB::Options* options)
        : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), m_options(options)
    {
    }
    void apply(osg::PagedLOD& lod) override
    {
        lod.setDatabaseOptions(m_options);
        traverse(lod);
    }

private:
    osgDB::Options* m_options;
};

//! Reads the pages the DatabasePager asks for as readRootTile() reads roots: a truncated page
//! fails instead of holding a pager thread, and its own PagedLODs keep these options.
class SafeOsgbReads : public osgDB::ReadFileCallback
{
public:
    osgDB::ReaderWriter::ReadResult readNode(const std::string& file, const osgDB::Options* options) override
    {
        osgDB::ReaderWriter* reader = osgDB::Registry::instance()->getReaderWriterForExtension("osgb");
        if (!reader || osgDB::getLowerCaseFileExtension(file) != "osgb")
            return osgDB::ReadFileCallback::readNode(file, options);
        const QString path = QFile::decodeName(QByteArray::fromStdString(file));
        osg::ref_ptr<osgDB::Options> local = options ? options->cloneOptions() : new osgDB::Options;
        local->getDatabasePathList().push_front(
            QFile::encodeName(QFileInfo(path).absolutePath()).toStdString());
        data::Result<osg::ref_ptr<osg::Node>> node = readRootTile(*reader, path, local.get());
        if (!node) {
            // The pager asks again in every frame that wants the page: say it once.
            const std::lock_guard lock(m_mutex);
            if (m_reported.insert(file).second)
                qCWarning(lcScene) << "oblique page:" << node.status().message();
            return osgDB::ReaderWriter::ReadResult(node.status().message().toStdString());
        }
        DatabaseOptionsVisitor visitor(const_cast<osgDB::Options*>(options));
        node.value()->accept(visitor);
        return osgDB::ReaderWriter::ReadResult(node.value());
    }

private:
    std::mutex m_mutex; // pager threads read in parallel
    std::set<std::string> m_reported;
};

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
    osgDB::ReaderWriter* reader = osgDB::Registry::instance()->getReaderWriterForExtension("osgb");
    if (!reader)
        return data::Status::error(
            data::Status::Code::Unsupported,
            QStringLiteral(
                "%1: OpenSceneGraph has no reader for .osgb (the osgdb_osg plugin is not installed)")
                .arg(rootTiles.front()));

    osg::ref_ptr<osg::MatrixTransform> layer = new osg::MatrixTransform(toLocal(toProject, origin));
    QStringList failures;
    osg::ref_ptr<SafeOsgbReads> safeReads = new SafeOsgbReads;
    for (const QString& path : rootTiles) {
        const QFileInfo info(path);
        // PagedLOD children are file names relative to their root tile's folder; the pager reads
        // them with these options, wherever the process's working directory is.
        osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
        options->getDatabasePathList().push_front(QFile::encodeName(info.absolutePath()).toStdString());
        options->setReadFileCallback(safeReads.get());
        data::Result<osg::ref_ptr<osg::Node>> read = readRootTile(*reader, path, options.get());
        if (!read) {
            failures << read.status().message();
            continue;
        }
        osg::ref_ptr<osg::Node> node = read.value();
        DatabaseOptionsVisitor visitor(options.get());
        node->accept(visitor);
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
