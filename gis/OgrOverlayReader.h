#pragma once

#include "data/Result.h"
#include "gis/GdalHandles.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

class OGRFeature;
class OGRLayer;

namespace citytwin::gis {

//! The features of an OGR vector source (GeoJSON, GeoPackage, Shapefile, "PG:…") read one by one
//! as overlay records: every attribute field as UTF-8 text and the point geometry, if any.
class OgrOverlayReader
{
public:
    //! Opens PATH's first layer; a clear Status names the file when it cannot.
    static data::Result<std::unique_ptr<OgrOverlayReader>> open(const QString& path);
    ~OgrOverlayReader();

    const QString& driver() const { return m_driver; }
    const QStringList& columns() const { return m_columns; }
    //! True when the layer's geometry type is a point (or multipoint, or unknown with point features).
    bool hasPointGeometry() const { return m_pointGeometry; }
    //! "EPSG:nnnn" or WKT of the layer's SRS; empty when it has none.
    const QString& crs() const { return m_crs; }
    //! Feature count when the driver knows it cheaply, else -1.
    std::int64_t featureCount() const { return m_featureCount; }

    //! Advances to the next feature; false at the end.
    bool next();
    //! 1-based sequence number of the current feature.
    std::int64_t index() const { return m_index; }
    std::span<const std::string_view> fields() const { return m_fields; }
    //! The current feature's point (x, y) in crs(), or null when it has no point geometry.
    const double* point() const { return m_hasPoint ? m_point : nullptr; }

    OgrOverlayReader(const OgrOverlayReader&) = delete;
    OgrOverlayReader& operator=(const OgrOverlayReader&) = delete;

private:
    OgrOverlayReader() = default;

    DatasetPtr m_dataset;
    OGRLayer* m_layer = nullptr;
    QString m_driver;
    QStringList m_columns;
    bool m_pointGeometry = false;
    QString m_crs;
    std::int64_t m_featureCount = -1;
    std::int64_t m_index = 0;
    std::unique_ptr<OGRFeature, void (*)(OGRFeature*)> m_feature{nullptr, nullptr};
    std::vector<std::string> m_texts;
    std::vector<std::string_view> m_fields;
    double m_point[2] = {0.0, 0.0};
    bool m_hasPoint = false;
};

} // namespace citytwin::gis
