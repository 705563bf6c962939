#pragma once

// Turns a parsed libcitygml CityModel into a data::Model; internal to gis/.

#include "data/Model.h"
#include "data/RasterSource.h"
#include "data/Result.h"

#include <functional>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace citygml {
class CityModel;
class CityObject;
class Geometry;
class Polygon;
} // namespace citygml

namespace citytwin::gis {

//! Moves source coordinates into the project CRS in place; an error skips the object.
using CityGmlTransform = std::function<data::Status(std::vector<data::ProjectedPoint>&)>;

//! Walks the city objects of a CityModel: features per object (building, its parts and semantic
//! surfaces, parent links), the polygons of each root object's highest LOD (LOD0 skipped),
//! transformed and merged into meshes per 1 km cell and surface type.
class CityGmlConverter
{
public:
    CityGmlConverter(CityGmlTransform transform, const data::CancelToken& cancel,
                     std::function<void(double)> progress);

    //! Converts MODEL into OUT (features, meshes, warnings, skipped count). Cancelled when
    //! cancelled; the caller decides what an empty result means.
    data::Status convert(const citygml::CityModel& model, data::Model& out);

    int lod0Only() const { return m_lod0Only; }
    int transformFailures() const { return m_transformFailures; }
    //! The first object that failed to transform and why (for the error when none succeeded).
    const QString& firstTransformError() const { return m_firstTransformError; }

private:
    struct PendingPolygon
    {
        const citygml::Polygon* polygon;
        std::int64_t feature;
        QString colourType;
        std::size_t firstPoint;
    };

    void convertRoot(const citygml::CityObject& root, data::Model& out);
    bool collect(const citygml::CityObject& object, std::int64_t parent, const QString& inheritedType,
                 unsigned lod, data::Model& out);
    void collectGeometry(const citygml::Geometry& geometry, unsigned lod, std::int64_t feature,
                         const QString& colourType, bool& any);
    void emitPending(data::Model& out);
    data::ModelMesh& meshFor(const data::ProjectedPoint& p, const QString& colourType, data::Model& out);
    void warn(data::Model& out, const QString& text);

    CityGmlTransform m_transform;
    const data::CancelToken& m_cancel;
    std::function<void(double)> m_progress;

    // Per root object:
    std::vector<PendingPolygon> m_pending;
    std::vector<data::ProjectedPoint> m_points;
    std::unordered_set<const citygml::Polygon*> m_seen; //!< xlink-shared polygons count once

    std::map<std::tuple<std::int64_t, std::int64_t, QString>, std::size_t> m_meshIndex;
    int m_lod0Only = 0;
    int m_transformFailures = 0;
    bool m_featureLimitHit = false;
    QString m_firstTransformError;
};

//! The highest geometry LOD under OBJECT (its geometries and child objects); -1 without geometry.
int highestLod(const citygml::CityObject& object);

} // namespace citytwin::gis
