#pragma once

// Parsing a CityGML file with libcitygml, quietly and cancellably; internal to gis/.

#include "data/RasterSource.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace citygml {
class CityModel;
}

namespace citytwin::gis {

struct CityGmlParse
{
    std::shared_ptr<const citygml::CityModel> model;
    QStringList warnings; //!< libcitygml's warnings and errors (the first few), for Model::warnings
};

//! Parses PATH with libcitygml (tessellated polygons, every object kept). libcitygml's log goes
//! to citytwin.gis, never to stdout; its exceptions become errors naming PATH (with the line of
//! an XML error). PROGRESS gets the fraction of the file read; CANCEL stops the read (Cancelled).
//! "not a CityGML file" when the XML holds no CityModel.
data::Result<CityGmlParse> loadCityGml(const QString& path, const data::CancelToken& cancel,
                                       const std::function<void(double)>& progress);

} // namespace citytwin::gis
