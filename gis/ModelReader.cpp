#include "gis/ModelReader.h"

#include "gis/CityGmlReader.h"
#include "gis/GltfReader.h"
#include "gis/IfcReader.h"

#include <QFileInfo>

namespace citytwin::gis {

using data::Model;
using data::ModelFormat;
using data::Result;
using data::Status;

Result<Model> readModel(const QString& path, const ModelReadOptions& options)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Status::error(Status::Code::NotFound, QStringLiteral("%1: file does not exist").arg(path));
    if (options.cancel.isCancelled())
        return Status::error(Status::Code::Cancelled, QStringLiteral("%1: cancelled").arg(path));
    const std::optional<ModelFormat> format = detectModelFormat(path);
    if (!format) {
        if (info.suffix().compare(QLatin1String("b3dm"), Qt::CaseInsensitive) == 0)
            return Status::error(
                Status::Code::Unsupported,
                QStringLiteral("%1: a single 3D Tiles tile; add the tileset.json that references it")
                    .arg(path));
        return Status::error(
            Status::Code::Unsupported,
            QStringLiteral("%1: not a model format citytwin reads (CityGML .gml/.citygml, IFC .ifc, "
                           "glTF .gltf/.glb, 3D Tiles tileset.json, OSGB oblique)")
                .arg(path));
    }
    switch (*format) {
    case ModelFormat::CityGml:
        return readCityGml(path, options);
    case ModelFormat::Ifc:
        return readIfc(path, options);
    case ModelFormat::Gltf:
        return readGltf(path, options);
    case ModelFormat::Tiles3d:
    case ModelFormat::Osgb:
        // Whole-reading a paged dataset would load every level of detail at once.
        return Status::error(
            Status::Code::InvalidArgument,
            QStringLiteral("%1: %2 is a paged layer and is not read whole: add it as a model layer")
                .arg(path, *format == ModelFormat::Tiles3d ? QStringLiteral("a 3D Tiles tileset")
                                                           : QStringLiteral("an OSGB oblique dataset")));
    }
    return Status::error(Status::Code::Internal, QStringLiteral("%1: unhandled model format").arg(path));
}

} // namespace citytwin::gis
