#include "gis/ObliqueDataset.h"

#include "gis/CrsTransformer.h"
#include "gis/GisLog.h"
#include "gis/ModelPlacementFrame.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>
#include <cmath>
#include <functional>

namespace citytwin::gis {

using data::ProjectedPoint;
using data::Result;
using data::Status;

namespace {

//! Tile coordinates (metres from SRSOrigin) → a point of the project CRS.
using PointMap = std::function<Result<ProjectedPoint>(double x, double y, double z)>;

struct Metadata
{
    QString srs;
    ProjectedPoint origin;
};

//! The entry of DIR named NAME whatever its case (exports differ: metadata.xml / Metadata.xml).
QString findEntry(const QString& dir, const QString& name, QDir::Filters filters)
{
    const QStringList entries = QDir(dir).entryList(filters);
    for (const QString& e : entries)
        if (e.compare(name, Qt::CaseInsensitive) == 0)
            return QDir(dir).absoluteFilePath(e);
    return {};
}

Result<Metadata> readMetadata(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    QXmlStreamReader xml(&file);
    Metadata m;
    bool haveRoot = false;
    bool haveSrs = false;
    QString originText;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (!haveRoot) {
            haveRoot = true;
            if (xml.name().compare(QLatin1String("ModelMetadata"), Qt::CaseInsensitive) != 0)
                return Status::error(Status::Code::FormatError,
                                     QStringLiteral("%1: root element is <%2>, expected <ModelMetadata>")
                                         .arg(path, xml.name().toString()));
            continue;
        }
        if (xml.name().compare(QLatin1String("SRS"), Qt::CaseInsensitive) == 0) {
            m.srs = xml.readElementText().trimmed();
            haveSrs = true;
        } else if (xml.name().compare(QLatin1String("SRSOrigin"), Qt::CaseInsensitive) == 0) {
            originText = xml.readElementText().trimmed();
        }
    }
    if (xml.hasError())
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: not well-formed XML at line %2: %3")
                                 .arg(path)
                                 .arg(xml.lineNumber())
                                 .arg(xml.errorString()));
    if (!haveRoot)
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: empty, no <ModelMetadata>").arg(path));
    if (!haveSrs || m.srs.isEmpty())
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: no <SRS> in <ModelMetadata>").arg(path));
    if (!originText.isEmpty()) {
        const QStringList parts = originText.split(QLatin1Char(','));
        bool ok = parts.size() == 3;
        double v[3] = {0, 0, 0};
        for (int i = 0; ok && i < 3; ++i) {
            v[i] = parts[i].trimmed().toDouble(&ok);
            ok = ok && std::isfinite(v[i]);
        }
        if (!ok)
            return Status::error(
                Status::Code::FormatError,
                QStringLiteral("%1: <SRSOrigin> \"%2\" is not three numbers x,y,z").arg(path, originText));
        m.origin = {v[0], v[1], v[2]};
    }
    return m;
}

//! "ENU:lat,lon": tile coordinates are metres east/north/up of that point (plus SRSOrigin).
Result<PointMap> enuMap(const QString& metadataPath, const Metadata& m, const QString& projectCrs)
{
    const QStringList parts = m.srs.mid(4).split(QLatin1Char(','));
    bool okLat = false;
    bool okLon = false;
    const double lat = parts.size() == 2 ? parts[0].trimmed().toDouble(&okLat) : 0.0;
    const double lon = parts.size() == 2 ? parts[1].trimmed().toDouble(&okLon) : 0.0;
    if (!okLat || !okLon || std::abs(lat) > 90.0 || std::abs(lon) > 180.0)
        return Status::error(
            Status::Code::FormatError,
            QStringLiteral("%1: SRS \"%2\" is not ENU:lat,lon in degrees").arg(metadataPath, m.srs));
    data::ModelPlacement placement;
    placement.origin = {lon, lat, 0.0};
    Result<ModelPlacementFrame> frame = ModelPlacementFrame::create(placement, projectCrs);
    if (!frame)
        return frame.status().withContext(metadataPath);
    const ModelPlacementFrame f = frame.value();
    const ProjectedPoint o = m.origin;
    return PointMap([f, o](double x, double y, double z) -> Result<ProjectedPoint> {
        return f.toProjected(x + o.x, y + o.y, z + o.z);
    });
}

//! "EPSG:nnnn", WKT or a PROJ string: tile coordinates are SRS units from SRSOrigin.
Result<PointMap> crsMap(const QString& metadataPath, const Metadata& m, const QString& projectCrs)
{
    Result<CrsTransformer> t = CrsTransformer::create(m.srs, projectCrs);
    if (!t)
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("%1: unknown SRS \"%2\": %3")
                                 .arg(metadataPath, m.srs.left(80), t.status().message()));
    auto transformer = std::make_shared<CrsTransformer>(std::move(t.value()));
    const ProjectedPoint o = m.origin;
    return PointMap([transformer, o](double x, double y, double z) {
        return transformer->forward({x + o.x, y + o.y, z + o.z});
    });
}

//! The affine that MAP is at the origin: translation MAP(0,0,0), horizontal axes by central
//! differences (grid convergence and point scale; MAP is smooth over a dataset's extent), heights
//! kept as heights.
Result<std::array<double, 16>> affineAt(const PointMap& map, const QString& metadataPath, const QString& srs)
{
    constexpr double kStep = 1.0;
    Result<ProjectedPoint> o = map(0, 0, 0);
    Result<ProjectedPoint> xp = map(kStep, 0, 0);
    Result<ProjectedPoint> xm = map(-kStep, 0, 0);
    Result<ProjectedPoint> yp = map(0, kStep, 0);
    Result<ProjectedPoint> ym = map(0, -kStep, 0);
    for (const auto* r : {&o, &xp, &xm, &yp, &ym})
        if (!*r)
            return r->status().withContext(
                QStringLiteral("%1: SRSOrigin in \"%2\"").arg(metadataPath, srs.left(80)));
    const double ex[2] = {(xp->x - xm->x) / (2 * kStep), (xp->y - xm->y) / (2 * kStep)};
    const double ny[2] = {(yp->x - ym->x) / (2 * kStep), (yp->y - ym->y) / (2 * kStep)};
    const double scaleX = std::hypot(ex[0], ex[1]);
    const double scaleY = std::hypot(ny[0], ny[1]);
    // Degrees (a geographic SRS) or feet would stretch the tiles by 1e5 or 3.28.
    if (!std::isfinite(scaleX) || !std::isfinite(scaleY) || scaleX < 0.5 || scaleX > 2.0 || scaleY < 0.5 ||
        scaleY > 2.0)
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: SRS \"%2\" is not in metres (geographic?); OSGB tiles need a projected "
                           "SRS or ENU:lat,lon")
                .arg(metadataPath, srs.left(80)));
    return std::array<double, 16>{ex[0], ex[1], 0, 0, ny[0], ny[1], 0, 0, 0, 0, 1, 0, o->x, o->y, o->z, 1};
}

//! Data/Tile_*/Tile_*.osgb: in each tile folder the root is the file named like the folder.
QStringList findRootTiles(const QString& dataDir)
{
    QStringList roots;
    const QDir data(dataDir);
    for (const QString& sub : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString root =
            findEntry(data.absoluteFilePath(sub), sub + QStringLiteral(".osgb"), QDir::Files);
        if (!root.isEmpty())
            roots << root;
    }
    roots.sort();
    return roots;
}

} // namespace

Result<ObliqueDataset> openObliqueDataset(const QString& path, const QString& projectCrs)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Status::error(Status::Code::NotFound, QStringLiteral("%1: no such file or folder").arg(path));
    ObliqueDataset d;
    if (info.isFile()) {
        if (info.suffix().compare(QLatin1String("osgb"), Qt::CaseInsensitive) == 0) {
            d.folder = info.absolutePath();
            d.rootTiles = {info.absoluteFilePath()};
            return d; // a lone tile: local coordinates, placed by the caller
        }
        if (info.fileName().compare(QLatin1String("metadata.xml"), Qt::CaseInsensitive) != 0)
            return Status::error(
                Status::Code::InvalidArgument,
                QStringLiteral("%1: not an oblique dataset (expected its folder, its metadata.xml, "
                               "its Data folder or an .osgb file)")
                    .arg(path));
        d.folder = info.absolutePath();
    } else {
        d.folder = info.absoluteFilePath();
        // The Data folder itself: the dataset is the folder above it.
        if (info.fileName().compare(QLatin1String("Data"), Qt::CaseInsensitive) == 0 &&
            findEntry(d.folder, QStringLiteral("Data"), QDir::Dirs | QDir::NoDotAndDotDot).isEmpty())
            d.folder = QFileInfo(d.folder).absolutePath();
    }

    const QString dataDir = findEntry(d.folder, QStringLiteral("Data"), QDir::Dirs | QDir::NoDotAndDotDot);
    if (dataDir.isEmpty())
        return Status::error(
            Status::Code::NotFound,
            QStringLiteral("%1: no Data folder (expected Data/Tile_xxx/Tile_xxx.osgb)").arg(d.folder));
    d.rootTiles = findRootTiles(dataDir);
    if (d.rootTiles.isEmpty())
        return Status::error(
            Status::Code::NotFound,
            QStringLiteral("%1: no .osgb root tiles found (expected Tile_xxx/Tile_xxx.osgb)").arg(dataDir));

    const QString metadataPath = findEntry(d.folder, QStringLiteral("metadata.xml"), QDir::Files);
    if (metadataPath.isEmpty()) {
        qCInfo(lcGis) << d.folder << "has no metadata.xml: the tiles need a placement";
        return d;
    }
    Result<Metadata> m = readMetadata(metadataPath);
    if (!m)
        return m.status();
    d.srs = m->srs;
    d.srsOrigin = m->origin;
    Result<PointMap> map = m->srs.startsWith(QLatin1String("ENU:"), Qt::CaseInsensitive)
                               ? enuMap(metadataPath, *m, projectCrs)
                               : crsMap(metadataPath, *m, projectCrs);
    if (!map)
        return map.status();
    Result<std::array<double, 16>> affine = affineAt(*map, metadataPath, m->srs);
    if (!affine)
        return affine.status();
    d.toProject = *affine;
    d.georeferenced = true;
    return d;
}

} // namespace citytwin::gis
