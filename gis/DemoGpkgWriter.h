#pragma once

#include "data/Status.h"
#include "gis/GdalErrorCapture.h"
#include "gis/GdalHandles.h"

#include <QString>
#include <ogrsf_frmts.h>
#include <vector>

namespace citytwin::gis::demo {

//! Writes one layer of a new GeoPackage in EPSG:4549 inside a single transaction (fast, and a
//! failed write leaves no half-filled table). Errors name the file and GDAL's reason.
class GpkgWriter
{
public:
    struct Field
    {
        const char* name;
        OGRFieldType type;
    };

    //! Creates PATH (replacing a stale file of that name) with LAYER of GEOMETRYTYPE and FIELDS.
    data::Status open(const QString& path, const char* layer, OGRwkbGeometryType geometryType,
                      const std::vector<Field>& fields);
    //! A blank feature of the layer to fill; pass it to add().
    OGRFeature* newFeature();
    //! Writes FEATURE (taking ownership) with FID.
    data::Status add(OGRFeature* feature, GIntBig fid);
    //! Commits and closes.
    data::Status finish();
    //! Rolls back, closes and removes the file (cancel or error).
    void abandon();

private:
    data::Status fail(const QString& what);

    QString m_path;
    GdalErrorCapture m_errors;
    DatasetPtr m_ds;
    OGRLayer* m_layer = nullptr;
};

} // namespace citytwin::gis::demo
