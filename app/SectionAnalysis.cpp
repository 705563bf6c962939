#include "app/SectionAnalysis.h"

#include "app/ProjectSession.h"
#include "data/Rasters.h"

#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::app {

QString SectionResult::layerName(data::LayerId layer) const
{
    const auto it = layerNames.find(layer);
    return it != layerNames.end() ? it->second : QString::number(layer.value);
}

double SectionResult::deepestInvertZ() const
{
    double deepest = std::numeric_limits<double>::quiet_NaN();
    for (const data::PipeCrossing& c : crossings) {
        const double bottom = c.centreZ - 0.5 * c.verticalSizeM();
        if (std::isfinite(bottom) && !(bottom >= deepest))
            deepest = bottom;
    }
    return deepest;
}

data::Result<SectionResult> computeSection(const ProjectSession& session,
                                           const std::vector<data::ProjectedPoint>& line, double stepM)
{
    using data::Status;
    if (line.size() < 2 || !(data::sectionLength(line) > 0.0))
        return Status::error(Status::Code::InvalidArgument,
                             SectionText::tr("a section line needs two or more distinct points"));
    const std::vector<data::LayerId> layers = session.pipeLayers();
    if (layers.empty())
        return Status::error(Status::Code::NotFound,
                             SectionText::tr("%1 has no loaded pipe layer to cut").arg(session.path()));
    SectionResult result;
    result.line = line;
    result.lengthM = data::sectionLength(line);
    const data::ElevationGrid* terrain = session.terrain();
    result.hasGround = terrain != nullptr;
    data::SurfaceHeightFunction ground;
    if (terrain)
        ground = [terrain](double x, double y) { return terrain->heightAt(x, y); };
    for (data::LayerId id : layers) {
        const data::LayerSettings* layer = session.project().layer(id);
        result.layerNames[id] = layer ? layer->name : QString::number(id.value);
        const auto crossings = data::sectionCrossings(line, session.pipes(id), id, ground);
        result.crossings.insert(result.crossings.end(), crossings.begin(), crossings.end());
    }
    data::sortCrossings(result.crossings);
    result.ground = data::sectionGroundProfile(line, ground, stepM);
    return result;
}

std::optional<std::vector<data::ProjectedPoint>> parseSectionLine(const QString& text)
{
    static const QRegularExpression separator(QStringLiteral("[\\s;]+"));
    std::vector<data::ProjectedPoint> points;
    for (const QString& word : text.split(separator, Qt::SkipEmptyParts)) {
        const QStringList xy = word.split(QLatin1Char(','));
        if (xy.size() != 2)
            return std::nullopt;
        bool okX = false, okY = false;
        const double x = xy[0].toDouble(&okX);
        const double y = xy[1].toDouble(&okY);
        if (!okX || !okY || !std::isfinite(x) || !std::isfinite(y))
            return std::nullopt;
        points.push_back({x, y, 0.0});
    }
    if (points.size() < 2)
        return std::nullopt;
    return points;
}

namespace {

QString csvNumber(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QString();
}

QString csvText(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

} // namespace

QByteArray sectionCsv(const SectionResult& section)
{
    QString out;
    QTextStream s(&out);
    s << "distance_m,x,y,layer_id,layer,pipe_id,network,material,section,diameter_m,width_m,height_m,"
         "install_year,ground_z,centre_z,depth_top_m,depth_centre_m,depth_invert_m\n";
    for (const data::PipeCrossing& c : section.crossings) {
        const bool box = c.section == data::PipeSection::Box;
        s << csvNumber(c.distanceM, 3) << ',' << csvNumber(c.point.x, 3) << ',' << csvNumber(c.point.y, 3)
          << ',' << c.layer.value << ',' << csvText(section.layerName(c.layer)) << ',' << c.pipeId << ','
          << data::toString(c.network) << ',' << csvText(c.material) << ',' << (box ? "box" : "round") << ','
          << (box ? QString() : csvNumber(c.diameterM, 3)) << ','
          << (box ? csvNumber(c.widthM, 3) : QString()) << ',' << (box ? csvNumber(c.heightM, 3) : QString())
          << ',' << (c.installYear > 0 ? QString::number(c.installYear) : QString()) << ','
          << csvNumber(c.groundZ, 3) << ',' << csvNumber(c.centreZ, 3) << ',' << csvNumber(c.depthTopM, 3)
          << ',' << csvNumber(c.depthCentreM, 3) << ',' << csvNumber(c.depthInvertM, 3) << '\n';
    }
    s.flush();
    return out.toUtf8();
}

QString SectionText::size(const data::PipeCrossing& c)
{
    if (c.section == data::PipeSection::Box)
        return tr("%1 × %2 m").arg(c.widthM, 0, 'f', 2).arg(c.heightM, 0, 'f', 2);
    return tr("Ø%1 m").arg(c.diameterM, 0, 'f', 2);
}

QString SectionText::metres(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 2) : QStringLiteral("—");
}

QString SectionText::network(data::PipeNetwork network)
{
    using data::PipeNetwork;
    switch (network) {
    case PipeNetwork::WaterSupply:
        return tr("Water supply");
    case PipeNetwork::Drainage:
        return tr("Drainage");
    case PipeNetwork::Sewage:
        return tr("Sewage");
    case PipeNetwork::Gas:
        return tr("Gas");
    case PipeNetwork::Power:
        return tr("Power");
    case PipeNetwork::Telecom:
        return tr("Telecom");
    case PipeNetwork::Heating:
        return tr("Heating");
    case PipeNetwork::Other:
        break;
    }
    return tr("Other");
}

} // namespace citytwin::app
