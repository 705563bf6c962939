#include "gis/FootprintReader.h"

#include "gis/FootprintRings.h"
#include "gis/GdalOpen.h"
#include "gis/GisLog.h"
#include "gis/OgrFeatureLoop.h"
#include "gis/OgrLayerAccess.h"
#include "gis/OgrLayerTransform.h"

#include <QRegularExpression>
#include <cmath>
#include <ogrsf_frmts.h>

namespace citytwin::gis {

using data::Footprint;
using data::Result;
using data::Status;

namespace {

constexpr int kMaxReasons = 20;
constexpr std::int64_t kPartIdFactor = 1000;
constexpr double kFeetToM = 0.3048;

std::optional<double> positive(double v)
{
    return std::isfinite(v) && v > 0 ? std::optional<double>(v) : std::nullopt;
}

//! A positive number from field IDX: numeric fields directly, strings through PARSE.
std::optional<double> fieldValue(OGRFeature& f, int idx, std::optional<double> (*parse)(const QString&))
{
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx))
        return std::nullopt;
    switch (f.GetFieldDefnRef(idx)->GetType()) {
    case OFTInteger:
    case OFTInteger64:
    case OFTReal:
        return positive(f.GetFieldAsDouble(idx));
    case OFTString:
        return parse(QString::fromUtf8(f.GetFieldAsString(idx)));
    default:
        return std::nullopt;
    }
}

std::optional<double> parseCount(const QString& text)
{
    bool ok = false;
    const double v = QString(text).replace(QLatin1Char(','), QLatin1Char('.')).trimmed().toDouble(&ok);
    return ok ? positive(v) : std::nullopt;
}

struct LayerFields
{
    int height = -1;
    int floors = -1;
    int name = -1;
};

int fieldIndex(OGRFeatureDefn& defn, const QString& name)
{
    return name.isEmpty() ? -1 : defn.GetFieldIndex(name.toUtf8().constData());
}

class Reader
{
public:
    Reader(const FootprintOptions& options, LayerFields fields, OGRCoordinateTransformation* ct)
        : m_options(options), m_fields(fields), m_ct(ct)
    {
    }

    void read(OGRFeature& feature, std::int64_t sequence)
    {
        ++m_result.report.featuresRead;
        FeatureGeometry source = linearGeometryOf(feature, sequence);
        const std::int64_t fid = source.fid;
        if (!source.skipReason.isEmpty())
            return skip(fid, source.skipReason);
        const OGRGeometry* raw = feature.GetGeometryRef();
        std::unique_ptr<OGRGeometry> geom = std::move(source.geom);
        const std::vector<const OGRPolygon*> polygons = geom ? geometryPartsAs<OGRPolygon>(*geom, wkbPolygon)
                                                              : std::vector<const OGRPolygon*>{};
        if (polygons.empty())
            return skip(fid,
                        QStringLiteral("not a polygon (%1)").arg(QString::fromUtf8(raw->getGeometryName())));
        if (!transformFeatureGeometry(*geom, m_ct))
            return skip(fid, QStringLiteral("coordinate transformation failed"));

        const double height = heightOf(feature);
        const QString name = m_fields.name >= 0 && feature.IsFieldSetAndNotNull(m_fields.name)
                                 ? QString::fromUtf8(feature.GetFieldAsString(m_fields.name))
                                 : QString();
        int made = 0;
        for (size_t part = 0; part < polygons.size(); ++part) {
            Footprint fp;
            if (!ringsOf(*polygons[part], fp))
                continue;
            fp.id = polygons.size() > 1 ? fid * kPartIdFactor + std::int64_t(part) : fid;
            fp.height = height;
            fp.name = name;
            m_result.footprints.push_back(std::move(fp));
            ++made;
        }
        if (made == 0)
            return skip(fid, QStringLiteral("degenerate polygon (fewer than 3 distinct points or no area)"));
        m_result.report.footprints += made;
    }

    FootprintReadResult take() { return std::move(m_result); }

private:
    double heightOf(OGRFeature& feature)
    {
        if (auto h = fieldValue(feature, m_fields.height, &parseHeightM)) {
            ++m_result.report.heightsFromField;
            return *h;
        }
        if (auto floors = fieldValue(feature, m_fields.floors, &parseCount)) {
            ++m_result.report.heightsFromFloors;
            return *floors * m_options.storeyHeightM;
        }
        ++m_result.report.heightsDefaulted;
        return m_options.defaultHeightM;
    }

    void skip(std::int64_t fid, const QString& why)
    {
        recordSkip(m_result.report.skippedFeatures, m_result.report.skipReasons, fid, why, kMaxReasons);
    }

    const FootprintOptions& m_options;
    LayerFields m_fields;
    OGRCoordinateTransformation* m_ct;
    FootprintReadResult m_result;
};

} // namespace

std::optional<double> parseHeightM(const QString& text)
{
    // OSM-style values: "12", "12.5", "12,5", "12 m", "12.5m", "12 metres", "40 ft", "40'", "12'6\"".
    static const QRegularExpression kMetric(
        QStringLiteral(R"(^\s*\+?(\d+(?:[.,]\d+)?)\s*(m|meters?|metres?|ft|feet|foot|')?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression kFeetInches(QStringLiteral(R"(^\s*(\d+)\s*'\s*(\d+(?:\.\d+)?)\s*"\s*$)"));
    if (const auto m = kMetric.match(text); m.hasMatch()) {
        const double v = QString(m.captured(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble();
        const QString unit = m.captured(2).toLower();
        const bool feet = unit == QLatin1String("ft") || unit.startsWith(QLatin1String("fe")) ||
                          unit.startsWith(QLatin1String("fo")) || unit == QLatin1String("'");
        return positive(feet ? v * kFeetToM : v);
    }
    if (const auto m = kFeetInches.match(text); m.hasMatch())
        return positive((m.captured(1).toDouble() + m.captured(2).toDouble() / 12.0) * kFeetToM);
    return std::nullopt;
}

Result<FootprintReadResult> readFootprintsWithReport(const QString& path, const QString& projectCrs,
                                                     const FootprintOptions& options)
{
    auto ds = openVectorDataset(path);
    if (!ds)
        return ds.status();
    auto layer = pickVectorLayer(**ds, options.layerName, path);
    if (!layer)
        return layer.status();
    OGRLayer& l = **layer;
    auto ct = layerToProjectTransform(l, projectCrs, options.assumedSourceCrs, path, QStringLiteral("footprints"));
    if (!ct)
        return ct.status();
    OGRFeatureDefn& defn = *l.GetLayerDefn();
    const LayerFields fields{fieldIndex(defn, options.heightField), fieldIndex(defn, options.floorsField),
                             fieldIndex(defn, options.nameField)};
    Reader reader(options, fields, ct->get());

    if (const Status read = readEveryFeature(
            l, path, [&](OGRFeature& feature, std::int64_t sequence) { reader.read(feature, sequence); });
        !read)
        return read;
    FootprintReadResult result = reader.take();
    qCDebug(lcGis, "%s: %d footprints from %d features, %d skipped", qUtf8Printable(path),
            result.report.footprints, result.report.featuresRead, result.report.skippedFeatures);
    return result;
}

Result<std::vector<Footprint>> readFootprints(const QString& path, const QString& projectCrs,
                                              const FootprintOptions& options)
{
    auto result = readFootprintsWithReport(path, projectCrs, options);
    if (!result)
        return result.status();
    return std::move(result->footprints);
}

} // namespace citytwin::gis
