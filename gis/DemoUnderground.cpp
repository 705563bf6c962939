#include "gis/DemoUnderground.h"

#include "gis/DemoGpkgWriter.h"

#include <algorithm>
#include <cmath>
#include <ogrsf_frmts.h>

namespace citytwin::gis::demo {

using data::PipeNetwork;

namespace {

//! Spacing of chambers along a line, within the 50–80 m that sewer design codes ask for.
constexpr double kFacilitySpacingM = 60.0;
//! Two pipe ends of a network closer than this share one chamber.
constexpr double kMergeM = 2.0;

QString kindFor(PipeNetwork network, int sequence)
{
    switch (network) {
    case PipeNetwork::WaterSupply:
        return sequence % 4 == 3 ? QStringLiteral("消火栓") : QStringLiteral("阀门井");
    case PipeNetwork::Gas:
        return QStringLiteral("阀门井");
    default:
        return QStringLiteral("检查井");
    }
}

//! Points every kFacilitySpacingM along POINTS, both ends included.
std::vector<XY> stations(const std::vector<XY>& points)
{
    std::vector<XY> out;
    if (points.empty())
        return out;
    out.push_back(points.front());
    double since = 0.0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const XY a = points[i - 1], b = points[i];
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        double along = kFacilitySpacingM - since;
        while (along < len) {
            const double t = along / len;
            out.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
            along += kFacilitySpacingM;
        }
        since = len - (along - kFacilitySpacingM);
    }
    const XY last = points.back();
    if (std::hypot(out.back().x - last.x, out.back().y - last.y) > kMergeM)
        out.push_back(last);
    else
        out.back() = last; // the end is a joint: the chamber sits on it
    return out;
}

} // namespace

std::vector<DemoFacility> generateFacilities(const std::vector<DemoPipe>& pipes)
{
    std::vector<DemoFacility> out;
    for (const DemoPipe& pipe : pipes) {
        for (const XY& at : stations(pipe.points)) {
            const bool shared = std::any_of(out.begin(), out.end(), [&](const DemoFacility& f) {
                return f.network == pipe.network && std::hypot(f.at.x - at.x, f.at.y - at.y) < kMergeM;
            });
            if (shared)
                continue;
            DemoFacility f;
            f.at = at;
            f.network = pipe.network;
            f.installYear = pipe.installYear;
            f.kind = kindFor(pipe.network, int(out.size()));
            f.diameterM = f.kind == QStringLiteral("检查井")   ? (pipe.diameterM >= 0.8 ? 1.25 : 1.0)
                          : f.kind == QStringLiteral("消火栓") ? 0.3
                                                               : 0.8;
            f.name = QStringLiteral("%1-%2")
                         .arg(pipe.network == PipeNetwork::Drainage      ? QStringLiteral("YS")
                              : pipe.network == PipeNetwork::WaterSupply ? QStringLiteral("JS")
                                                                         : QStringLiteral("RQ"))
                         .arg(out.size() + 1, 4, 10, QLatin1Char('0'));
            out.push_back(std::move(f));
        }
    }
    return out;
}

data::Status writeFacilities(const QString& path, const std::vector<DemoFacility>& facilities,
                             const data::ProjectedPoint& origin)
{
    GpkgWriter writer;
    data::Status status = writer.open(
        path, "manholes", wkbPoint,
        {{"设施类型", OFTString}, {"network", OFTString}, {"diameter_m", OFTReal}, {"name", OFTString},
         {"install_year", OFTInteger}});
    GIntBig fid = 0;
    for (std::size_t i = 0; status && i < facilities.size(); ++i) {
        const DemoFacility& d = facilities[i];
        OGRFeature* f = writer.newFeature();
        f->SetField("设施类型", d.kind.toUtf8().constData());
        f->SetField("network", data::toString(d.network).toUtf8().constData());
        f->SetField("diameter_m", d.diameterM);
        f->SetField("name", d.name.toUtf8().constData());
        f->SetField("install_year", d.installYear);
        OGRPoint p(origin.x + d.at.x, origin.y + d.at.y);
        f->SetGeometry(&p);
        status = writer.add(f, ++fid);
    }
    if (status)
        status = writer.finish();
    if (!status)
        writer.abandon();
    return status;
}

data::Status writeUndergroundSpaces(const QString& path, const DemoLayout& layout,
                                    const data::ProjectedPoint& origin)
{
    struct Space
    {
        Rect rect;
        const char* type;
        QString name;
        double topDepth;
        double height;
        const char* opened; //!< when it went into service (a replay of the city shows it from then)
    };
    std::vector<Space> spaces;
    const auto main = std::find_if(layout.roads().begin(), layout.roads().end(),
                                   [](const Road& r) { return r.cls == RoadClass::Main; });
    if (main != layout.roads().end()) {
        // Beside the drainage line (12 % of the width west/south of the centre), clear of water.
        const double c0 = main->coord + 0.01 * main->width, c1 = main->coord + 0.23 * main->width;
        const double along0 = main->from + 0.15 * main->length(), along1 = main->to - 0.15 * main->length();
        const Rect r = main->vertical ? Rect{c0, along0, c1, along1} : Rect{along0, c0, along1, c1};
        spaces.push_back({r, "综合管廊", main->name + QStringLiteral("综合管廊"), 3.0, 3.6, "2019-06-30"});
    }
    const Rect plaza = layout.plaza();
    if (!plaza.isEmpty()) {
        const double inset = std::min(plaza.width(), plaza.height()) * 0.1;
        spaces.push_back({{plaza.x0 + inset, plaza.y0 + inset, plaza.x1 - inset, plaza.y1 - inset},
                          "地下停车场",
                          QStringLiteral("市民广场地下停车场"),
                          1.5,
                          4.2,
                          "2016-10-01"});
    }

    GpkgWriter writer;
    data::Status status =
        writer.open(path, "underground_spaces", wkbPolygon,
                    {{"type", OFTString}, {"name", OFTString}, {"top_depth", OFTReal}, {"height", OFTReal},
                     {"opened", OFTDate}});
    GIntBig fid = 0;
    for (std::size_t i = 0; status && i < spaces.size(); ++i) {
        const Space& s = spaces[i];
        OGRFeature* f = writer.newFeature();
        f->SetField("type", s.type);
        f->SetField("name", s.name.toUtf8().constData());
        f->SetField("top_depth", s.topDepth);
        f->SetField("height", s.height);
        f->SetField("opened", s.opened);
        OGRLinearRing ring;
        for (const auto& [x, y] : {std::pair{s.rect.x0, s.rect.y0}, std::pair{s.rect.x1, s.rect.y0},
                                   std::pair{s.rect.x1, s.rect.y1}, std::pair{s.rect.x0, s.rect.y1},
                                   std::pair{s.rect.x0, s.rect.y0}})
            ring.addPoint(origin.x + x, origin.y + y);
        OGRPolygon polygon;
        polygon.addRing(&ring);
        f->SetGeometry(&polygon);
        status = writer.add(f, ++fid);
    }
    if (status)
        status = writer.finish();
    if (!status)
        writer.abandon();
    return status;
}

} // namespace citytwin::gis::demo
