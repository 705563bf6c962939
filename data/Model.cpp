#include "data/Model.h"

#include "data/EnumNames.h"

#include <QHash>
#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<ModelFormat, 5> kFormatNames{{
    {ModelFormat::CityGml, "citygml"},
    {ModelFormat::Ifc, "ifc"},
    {ModelFormat::Gltf, "gltf"},
    {ModelFormat::Tiles3d, "3dtiles"},
    {ModelFormat::Osgb, "osgb"},
}};

using Rgba = std::array<float, 4>;

// One table for both families: CityGML surface names and IFC class names never collide.
// Roofs warm red-brown, walls light, ground dark, openings distinct so a glance tells them apart;
// IfcSpace is translucent because it encloses the elements a user wants to see.
const QHash<QString, Rgba>& typeColours()
{
    static const QHash<QString, Rgba> colours{
        {QStringLiteral("RoofSurface"), {0.63f, 0.25f, 0.18f, 1.0f}},
        {QStringLiteral("WallSurface"), {0.86f, 0.84f, 0.80f, 1.0f}},
        {QStringLiteral("GroundSurface"), {0.30f, 0.30f, 0.30f, 1.0f}},
        {QStringLiteral("ClosureSurface"), {0.70f, 0.70f, 0.75f, 0.5f}},
        {QStringLiteral("OuterCeilingSurface"), {0.75f, 0.72f, 0.68f, 1.0f}},
        {QStringLiteral("OuterFloorSurface"), {0.55f, 0.52f, 0.48f, 1.0f}},
        {QStringLiteral("Window"), {0.55f, 0.75f, 0.92f, 0.7f}},
        {QStringLiteral("Door"), {0.45f, 0.30f, 0.18f, 1.0f}},
        {QStringLiteral("Building"), {0.80f, 0.78f, 0.74f, 1.0f}},
        {QStringLiteral("BuildingPart"), {0.78f, 0.76f, 0.72f, 1.0f}},
        {QStringLiteral("IfcWall"), {0.88f, 0.86f, 0.82f, 1.0f}},
        {QStringLiteral("IfcWallStandardCase"), {0.88f, 0.86f, 0.82f, 1.0f}},
        {QStringLiteral("IfcSlab"), {0.62f, 0.62f, 0.60f, 1.0f}},
        {QStringLiteral("IfcRoof"), {0.63f, 0.25f, 0.18f, 1.0f}},
        {QStringLiteral("IfcWindow"), {0.55f, 0.75f, 0.92f, 0.6f}},
        {QStringLiteral("IfcDoor"), {0.55f, 0.38f, 0.22f, 1.0f}},
        {QStringLiteral("IfcStair"), {0.70f, 0.66f, 0.58f, 1.0f}},
        {QStringLiteral("IfcStairFlight"), {0.70f, 0.66f, 0.58f, 1.0f}},
        {QStringLiteral("IfcRailing"), {0.35f, 0.35f, 0.38f, 1.0f}},
        {QStringLiteral("IfcColumn"), {0.75f, 0.75f, 0.78f, 1.0f}},
        {QStringLiteral("IfcBeam"), {0.68f, 0.68f, 0.72f, 1.0f}},
        {QStringLiteral("IfcCovering"), {0.80f, 0.76f, 0.66f, 1.0f}},
        {QStringLiteral("IfcSpace"), {0.40f, 0.65f, 0.90f, 0.25f}},
        {QStringLiteral("IfcFurnishingElement"), {0.72f, 0.55f, 0.35f, 1.0f}},
        {QStringLiteral("IfcPlate"), {0.60f, 0.70f, 0.78f, 0.8f}},
        {QStringLiteral("IfcMember"), {0.58f, 0.58f, 0.62f, 1.0f}},
    };
    return colours;
}

bool readNumber(const QJsonObject& json, const char* key, double fallback, double& out)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        out = fallback;
        return true;
    }
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return false;
    out = v.toDouble();
    return true;
}

bool validPlacement(const ModelPlacement& p)
{
    return std::isfinite(p.origin.lon) && std::isfinite(p.origin.lat) && p.origin.lon >= -180.0 &&
           p.origin.lon <= 180.0 && p.origin.lat >= -90.0 && p.origin.lat <= 90.0 &&
           std::isfinite(p.origin.height) && std::isfinite(p.rotationDeg) && std::isfinite(p.scale) &&
           p.scale > 0.0;
}

} // namespace

QString toString(ModelFormat format)
{
    return detail::enumToString(kFormatNames, format);
}

bool fromString(const QString& s, ModelFormat& out)
{
    return detail::enumFromString(kFormatNames, s, out);
}

std::optional<QString> ModelFeature::attribute(const QString& attributeName) const
{
    for (const ModelAttribute& a : attributes) {
        if (a.name == attributeName)
            return a.value;
    }
    return std::nullopt;
}

QString ModelFeature::fieldText(const QString& field) const
{
    if (field == QLatin1String("type"))
        return type;
    if (field == QLatin1String("name"))
        return name;
    if (field == QLatin1String("id"))
        return externalId;
    return attribute(field).value_or(QString());
}

bool ModelFeature::isBuiltInField(const QString& field)
{
    return field == QLatin1String("type") || field == QLatin1String("name") || field == QLatin1String("id");
}

std::vector<std::pair<std::int64_t, QString>> modelFieldValues(const std::vector<ModelFeature>& features,
                                                               const QString& field)
{
    std::vector<std::pair<std::int64_t, QString>> values;
    values.reserve(features.size());
    for (const ModelFeature& f : features)
        values.emplace_back(f.id, f.fieldText(field));
    return values;
}

bool Model::computeBounds()
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    ProjectedPoint lo{kInf, kInf, kInf};
    ProjectedPoint hi{-kInf, -kInf, -kInf};
    bool any = false;
    for (const ModelMesh& mesh : meshes) {
        const std::vector<float>& p = mesh.positions;
        for (std::size_t i = 0; i + 2 < p.size(); i += 3) {
            // Accumulate in double after adding the anchor: the anchor is far from 0, the offsets are small.
            const double x = mesh.anchor.x + double(p[i]);
            const double y = mesh.anchor.y + double(p[i + 1]);
            const double z = mesh.anchor.z + double(p[i + 2]);
            lo = {std::min(lo.x, x), std::min(lo.y, y), std::min(lo.z, z)};
            hi = {std::max(hi.x, x), std::max(hi.y, y), std::max(hi.z, z)};
            any = true;
        }
    }
    if (!any)
        return false;
    boundsMin = lo;
    boundsMax = hi;
    return true;
}

std::size_t Model::triangleCount() const
{
    std::size_t n = 0;
    for (const ModelMesh& mesh : meshes)
        n += mesh.triangleCount();
    return n;
}

const ModelFeature* Model::feature(std::int64_t id) const
{
    if (id >= 0 && std::size_t(id) < features.size() && features[std::size_t(id)].id == id)
        return &features[std::size_t(id)];
    const auto it =
        std::find_if(features.begin(), features.end(), [id](const ModelFeature& f) { return f.id == id; });
    return it == features.end() ? nullptr : &*it;
}

QJsonObject toJson(const ModelPlacement& placement)
{
    QJsonObject json;
    json.insert(QStringLiteral("lon"), placement.origin.lon);
    json.insert(QStringLiteral("lat"), placement.origin.lat);
    json.insert(QStringLiteral("height"), placement.origin.height);
    json.insert(QStringLiteral("onTerrain"), placement.heightFromTerrain);
    json.insert(QStringLiteral("rotation"), placement.rotationDeg);
    json.insert(QStringLiteral("scale"), placement.scale);
    return json;
}

bool fromJson(const QJsonObject& json, ModelPlacement& out)
{
    if (!json.value(QStringLiteral("lon")).isDouble() || !json.value(QStringLiteral("lat")).isDouble())
        return false;
    ModelPlacement p;
    p.origin.lon = json.value(QStringLiteral("lon")).toDouble();
    p.origin.lat = json.value(QStringLiteral("lat")).toDouble();
    if (!readNumber(json, "height", 0.0, p.origin.height) ||
        !readNumber(json, "rotation", 0.0, p.rotationDeg) || !readNumber(json, "scale", 1.0, p.scale))
        return false;
    const QJsonValue onTerrain = json.value(QStringLiteral("onTerrain"));
    if (!onTerrain.isUndefined() && !onTerrain.isBool())
        return false;
    p.heightFromTerrain = onTerrain.toBool(false);
    if (!validPlacement(p))
        return false;
    out = p;
    return true;
}

std::optional<ModelPlacement> parsePlacement(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() < 2 || parts.size() > 5)
        return std::nullopt;
    auto number = [&parts](int i, double& out) {
        bool ok = false;
        out = parts[i].trimmed().toDouble(&ok);
        return ok;
    };
    ModelPlacement p;
    if (!number(0, p.origin.lon) || !number(1, p.origin.lat))
        return std::nullopt;
    const QString height = parts.size() > 2 ? parts[2].trimmed() : QString();
    if (height.isEmpty() || height.compare(QLatin1String("terrain"), Qt::CaseInsensitive) == 0) {
        p.heightFromTerrain = true;
    } else if (!number(2, p.origin.height)) {
        return std::nullopt;
    }
    if (parts.size() > 3 && !number(3, p.rotationDeg))
        return std::nullopt;
    if (parts.size() > 4 && !number(4, p.scale))
        return std::nullopt;
    if (!validPlacement(p))
        return std::nullopt;
    return p;
}

std::optional<std::array<float, 4>> defaultTypeColour(const QString& type)
{
    const auto& colours = typeColours();
    const auto it = colours.constFind(type);
    if (it == colours.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace citytwin::data
