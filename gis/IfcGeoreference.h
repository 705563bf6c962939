#pragma once

#include "data/Points.h"
#include "data/Result.h"
#include "gis/ModelPlacementFrame.h"
#include "gis/ModelReader.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace citytwin::gis {

class CrsTransformer;
struct IfcFile;

//! Where an IFC model's global frame (metres, after IfcPlusPlus's unit conversion) lies in the
//! project CRS, chosen in this order: the caller's placement; an IFC4 IfcMapConversion
//! (eastings/northings/height in the IfcProjectedCRS it names, x axis rotated by
//! XAxisAbscissa/XAxisOrdinate, Scale); the IfcSite's RefLatitude/RefLongitude/RefElevation for
//! the model origin with the context's TrueNorth as the rotation. Else an error.
class IfcGeoreference
{
public:
    IfcGeoreference();
    ~IfcGeoreference();
    IfcGeoreference(IfcGeoreference&&) noexcept;
    IfcGeoreference& operator=(IfcGeoreference&&) noexcept;

    //! The Status carries no file name: readIfc adds it.
    static data::Result<IfcGeoreference> create(const IfcFile& file, const ModelReadOptions& options);

    //! A point of the model's global frame in the project CRS; nullopt when PROJ fails for it.
    std::optional<data::ProjectedPoint> toProjected(double x, double y, double z) const;
    //! For Model::sourceCrs: "placed: lon … lat …", "IfcSite placed: …", "EPSG:31256 (IfcMapConversion …)".
    const QString& description() const { return m_description; }
    //! Doubts worth a Model warning (an IfcMapConversion scale that was ignored).
    const QStringList& warnings() const { return m_warnings; }

private:
    std::optional<ModelPlacementFrame> m_frame;
    // IfcMapConversion: map = (eastings, northings, height) + scale * R(x, y), z.
    double m_eastings = 0.0;
    double m_northings = 0.0;
    double m_height = 0.0;
    double m_cos = 1.0;
    double m_sin = 0.0;
    double m_scale = 1.0;
    std::unique_ptr<CrsTransformer> m_toProject; //!< null: the map CRS is the project CRS
    QString m_description;
    QStringList m_warnings;
};

} // namespace citytwin::gis
