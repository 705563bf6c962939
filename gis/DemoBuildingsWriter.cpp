#include "gis/DemoBuildings.h"
#include "gis/DemoGpkgWriter.h"

#include <cmath>

namespace citytwin::gis::demo {

data::Status writeBuildings(const QString& path, const std::vector<DemoBuilding>& buildings,
                            const data::ProjectedPoint& origin, const std::function<bool()>& cancelled)
{
    GpkgWriter writer;
    data::Status status = writer.open(path, "buildings", wkbPolygon,
                                      {{"name", OFTString},
                                       {"use", OFTString},
                                       {"height", OFTReal},
                                       {"floors", OFTInteger},
                                       {"year_built", OFTInteger}});
    if (!status) {
        writer.abandon();
        return status;
    }
    GIntBig fid = 0;
    for (const DemoBuilding& b : buildings) {
        if ((fid % 2048) == 0 && cancelled && cancelled()) {
            writer.abandon();
            return data::Status::error(data::Status::Code::Cancelled, path + QStringLiteral(": cancelled"));
        }
        OGRFeature* f = writer.newFeature();
        if (!b.name.isEmpty())
            f->SetField("name", b.name.toUtf8().constData());
        f->SetField("use", toString(b.use).toUtf8().constData());
        // Centimetres are plenty and keep the file free of float noise.
        f->SetField("height", std::round(b.height * 100.0) / 100.0);
        f->SetField("floors", b.floors);
        f->SetField("year_built", b.yearBuilt);
        OGRLinearRing ring;
        for (const XY& p : b.ring)
            ring.addPoint(origin.x + p.x, origin.y + p.y);
        ring.closeRings();
        OGRPolygon polygon;
        polygon.addRing(&ring);
        f->SetGeometry(&polygon);
        status = writer.add(f, ++fid);
        if (!status) {
            writer.abandon();
            return status;
        }
    }
    status = writer.finish();
    if (!status)
        writer.abandon();
    return status;
}

} // namespace citytwin::gis::demo
