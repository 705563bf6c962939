#pragma once

#include "data/RasterSource.h"
#include "data/Result.h"

#include <QStringList>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class GeometryConverter;

namespace citytwin::gis {

struct IfcFile;
class IfcMessages;

//! Triangles of one product that share one style colour, in the file's global frame (metres,
//! after the product's placement chain), counter-clockwise seen from outside.
struct IfcTriangles
{
    std::optional<std::array<float, 4>> colour; //!< from IfcStyledItem; nullopt: unstyled
    std::vector<double> positions;              //!< x,y,z per vertex
    std::vector<std::uint32_t> indices;
};

//! The shapes of an IFC model as computed by IfcPlusPlus's carve kernel: swept solids, B-reps,
//! tessellations, booleans and openings (IfcRelVoidsElement, already subtracted by its CSG).
//! Only "Body" representations are used when a product has one (its "Axis", "Box" and
//! "FootPrint" ones would overlap the body).
class IfcGeometry
{
public:
    IfcGeometry();
    ~IfcGeometry();
    IfcGeometry(IfcGeometry&&) noexcept;
    IfcGeometry& operator=(IfcGeometry&&) noexcept;

    //! Converts every IfcProduct of FILE, checking CANCEL between products; PROGRESS gets 0..1.
    //! Per-product failures are counted (errors()), not fatal. Not thread-safe: see readIfc.
    static data::Result<IfcGeometry> convert(const IfcFile& file, const data::CancelToken& cancel,
                                             const std::function<void(double)>& progress);

    //! The triangles of the product with STEP id ENTITYID grouped by colour; empty when it has none.
    std::vector<IfcTriangles> triangles(int entityId) const;
    //! Whether the product with ENTITYID had a representation that IfcPlusPlus looked at.
    bool hasShapeData(int entityId) const;

    const QStringList& errors() const;
    int errorCount() const;

private:
    std::shared_ptr<GeometryConverter> m_converter;
    std::unique_ptr<IfcMessages> m_messages;
};

} // namespace citytwin::gis
