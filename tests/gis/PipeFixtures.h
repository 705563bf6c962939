#pragma once

// Pipe layers written with OGR for tst_pipereader and tst_pipereadererrors.

#include "data/PipeMapping.h"
#include "gis/GdalEnvironment.h"

#include <QStringList>
#include <QVariantMap>
#include <cmath>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <vector>

namespace citytwin::test::pipes {

using data::PipeLine;
using data::PipeMapping;

inline constexpr double kE0 = 595804.2829; // Pinghu in EPSG:4549, the project CRS of the fixtures
inline constexpr double kN0 = 3398141.1227;
inline const QString kProjectCrs = QStringLiteral("EPSG:4549");

struct Feature
{
    QString wkt; //!< empty: no geometry
    QVariantMap values;
};
using Fields = std::vector<std::pair<QByteArray, OGRFieldType>>;

//! WKT of a line through OFFSETS (metres from the fixture origin), 3D when they have three values.
inline QString line(std::initializer_list<std::vector<double>> offsets)
{
    QStringList pts;
    bool z = false;
    for (const auto& o : offsets) {
        z = o.size() == 3;
        pts << (z ? QStringLiteral("%1 %2 %3").arg(kE0 + o[0], 0, 'f', 4).arg(kN0 + o[1], 0, 'f', 4).arg(o[2])
                  : QStringLiteral("%1 %2").arg(kE0 + o[0], 0, 'f', 4).arg(kN0 + o[1], 0, 'f', 4));
    }
    return QStringLiteral("LINESTRING%1 (%2)")
        .arg(z ? QStringLiteral(" Z") : QString(), pts.join(QStringLiteral(", ")));
}

//! Writes FEATURES with OGR into PATH (DRIVER) in CRS (none when empty). Returns an error text or empty.
inline QString writeLayer(const QString& path, const char* driver, const QString& crs,
                          OGRwkbGeometryType type, const Fields& fields, const std::vector<Feature>& features)
{
    gis::ensureGdalRegistered();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
    GDALDatasetUniquePtr ds(drv->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return QStringLiteral("cannot create ") + path;
    OGRSpatialReference srs;
    if (!crs.isEmpty()) {
        srs.SetFromUserInput(crs.toUtf8().constData());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayer* layer = ds->CreateLayer("pipes", crs.isEmpty() ? nullptr : &srs, type, nullptr);
    if (!layer)
        return QStringLiteral("cannot create a layer in ") + path;
    for (const auto& [name, fieldType] : fields) {
        OGRFieldDefn defn(name.constData(), fieldType);
        layer->CreateField(&defn);
    }
    for (const Feature& f : features) {
        OGRFeature feature(layer->GetLayerDefn());
        for (auto it = f.values.begin(); it != f.values.end(); ++it) {
            const QByteArray key = it.key().toUtf8();
            const QVariant& v = it.value();
            if (!v.isValid())
                feature.SetFieldNull(feature.GetFieldIndex(key.constData()));
            else if (v.typeId() == QMetaType::Double)
                feature.SetField(key.constData(), v.toDouble());
            else if (v.typeId() == QMetaType::Int)
                feature.SetField(key.constData(), v.toInt());
            else
                feature.SetField(key.constData(), v.toString().toUtf8().constData());
        }
        if (!f.wkt.isEmpty()) {
            OGRGeometry* geom = nullptr;
            const QByteArray bytes = f.wkt.toUtf8();
            if (OGRGeometryFactory::createFromWkt(bytes.constData(), crs.isEmpty() ? nullptr : &srs, &geom) !=
                OGRERR_NONE)
                return QStringLiteral("bad WKT ") + f.wkt;
            feature.SetGeometryDirectly(geom);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            return QStringLiteral("cannot write a feature to ") + path;
    }
    return {};
}

inline double length2d(const std::vector<data::ProjectedPoint>& pts)
{
    double sum = 0;
    for (size_t i = 1; i < pts.size(); ++i)
        sum += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    return sum;
}

//! A mapping that reads only what the fixtures have.
inline PipeMapping bareMapping()
{
    PipeMapping m;
    m.depthField.clear();
    m.diameterField.clear();
    m.materialField.clear();
    m.installYearField.clear();
    m.networkField.clear();
    return m;
}

inline const PipeLine* pipeWithId(const std::vector<PipeLine>& pipes, std::int64_t id)
{
    for (const PipeLine& p : pipes)
        if (p.id == id)
            return &p;
    return nullptr;
}

} // namespace citytwin::test::pipes
