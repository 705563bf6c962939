#include "data/PipeMapping.h"

#include "data/EnumNames.h"

#include <QJsonValue>
#include <cmath>
#include <utility>

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<DepthReference, 3> kReferenceNames{{
    {DepthReference::Top, "top"},
    {DepthReference::Centre, "centre"},
    {DepthReference::Invert, "invert"},
}};

// Same plausibility limits readPipes() applies per feature: a default outside them would make
// every pipe of the layer absurd.
constexpr double kMaxDepthM = 100.0;
constexpr double kMaxSizeM = 20.0;

// How utility data sets name their networks (GB/T and CJJ 61 category names, their common
// short forms, and English terms from GIS exports). Keys are lower case, compared after trimming.
constexpr std::pair<const char*, PipeNetwork> kNetworkAliases[] = {
    {"water", PipeNetwork::WaterSupply},
    {"water supply", PipeNetwork::WaterSupply},
    {"water_supply", PipeNetwork::WaterSupply},
    {"watersupply", PipeNetwork::WaterSupply},
    {"potable", PipeNetwork::WaterSupply},
    {"给水", PipeNetwork::WaterSupply},
    {"上水", PipeNetwork::WaterSupply},
    {"供水", PipeNetwork::WaterSupply},
    {"drainage", PipeNetwork::Drainage},
    {"storm", PipeNetwork::Drainage},
    {"stormwater", PipeNetwork::Drainage},
    {"storm water", PipeNetwork::Drainage},
    {"雨水", PipeNetwork::Drainage},
    {"排水", PipeNetwork::Drainage},
    {"sewage", PipeNetwork::Sewage},
    {"sewer", PipeNetwork::Sewage},
    {"wastewater", PipeNetwork::Sewage},
    {"污水", PipeNetwork::Sewage},
    {"gas", PipeNetwork::Gas},
    {"natural gas", PipeNetwork::Gas},
    {"燃气", PipeNetwork::Gas},
    {"天然气", PipeNetwork::Gas},
    {"煤气", PipeNetwork::Gas},
    {"power", PipeNetwork::Power},
    {"electric", PipeNetwork::Power},
    {"electricity", PipeNetwork::Power},
    {"电力", PipeNetwork::Power},
    {"供电", PipeNetwork::Power},
    {"telecom", PipeNetwork::Telecom},
    {"communication", PipeNetwork::Telecom},
    {"communications", PipeNetwork::Telecom},
    {"telecommunication", PipeNetwork::Telecom},
    {"通信", PipeNetwork::Telecom},
    {"电信", PipeNetwork::Telecom},
    {"heating", PipeNetwork::Heating},
    {"district heating", PipeNetwork::Heating},
    {"热力", PipeNetwork::Heating},
    {"供热", PipeNetwork::Heating},
    {"other", PipeNetwork::Other},
    {"其他", PipeNetwork::Other},
};

bool readString(const QJsonObject& json, const char* key, QString& out)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return false;
    out = v.toString();
    return true;
}

//! A number in (LOW, HIGH] (or [LOW, HIGH] when LOWINCLUSIVE) from KEY, when present.
bool readNumber(const QJsonObject& json, const char* key, double low, bool lowInclusive, double high,
                double& out)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d > high || d < low || (!lowInclusive && d == low))
        return false;
    out = d;
    return true;
}

} // namespace

QString toString(DepthReference reference)
{
    return detail::enumToString(kReferenceNames, reference);
}

bool fromString(const QString& s, DepthReference& out)
{
    return detail::enumFromString(kReferenceNames, s, out);
}

QJsonObject toJson(const PipeMapping& m)
{
    return QJsonObject{
        {QStringLiteral("depthField"), m.depthField},
        {QStringLiteral("depthReference"), toString(m.depthReference)},
        {QStringLiteral("startElevationField"), m.startElevationField},
        {QStringLiteral("endElevationField"), m.endElevationField},
        {QStringLiteral("diameterField"), m.diameterField},
        {QStringLiteral("widthField"), m.widthField},
        {QStringLiteral("heightField"), m.heightField},
        {QStringLiteral("materialField"), m.materialField},
        {QStringLiteral("installYearField"), m.installYearField},
        {QStringLiteral("networkField"), m.networkField},
        {QStringLiteral("defaultNetwork"), toString(m.defaultNetwork)},
        {QStringLiteral("defaultDepthM"), m.defaultDepthM},
        {QStringLiteral("defaultDiameterM"), m.defaultDiameterM},
    };
}

bool fromJson(const QJsonObject& json, PipeMapping& out)
{
    PipeMapping m;
    const std::pair<const char*, QString*> strings[] = {
        {"depthField", &m.depthField},
        {"startElevationField", &m.startElevationField},
        {"endElevationField", &m.endElevationField},
        {"diameterField", &m.diameterField},
        {"widthField", &m.widthField},
        {"heightField", &m.heightField},
        {"materialField", &m.materialField},
        {"installYearField", &m.installYearField},
        {"networkField", &m.networkField},
    };
    for (const auto& [key, target] : strings) {
        if (!readString(json, key, *target))
            return false;
    }
    QString text;
    if (json.contains(QLatin1String("depthReference")) &&
        !(readString(json, "depthReference", text) && fromString(text, m.depthReference)))
        return false;
    if (json.contains(QLatin1String("defaultNetwork")) &&
        !(readString(json, "defaultNetwork", text) && fromString(text, m.defaultNetwork)))
        return false;
    if (!readNumber(json, "defaultDepthM", 0.0, true, kMaxDepthM, m.defaultDepthM))
        return false;
    if (!readNumber(json, "defaultDiameterM", 0.0, false, kMaxSizeM, m.defaultDiameterM))
        return false;
    out = std::move(m);
    return true;
}

std::optional<PipeNetwork> pipeNetworkFromText(const QString& text)
{
    const QString key = text.trimmed().toLower();
    if (key.isEmpty())
        return std::nullopt;
    for (const auto& [alias, network] : kNetworkAliases) {
        if (key == QString::fromUtf8(alias))
            return network;
    }
    PipeNetwork named{};
    if (fromString(key, named))
        return named;
    return std::nullopt;
}

std::array<float, 3> pipeNetworkColour(PipeNetwork network)
{
    switch (network) {
    case PipeNetwork::WaterSupply:
        return {0.0f, 0.75f, 1.0f};
    case PipeNetwork::Drainage:
    case PipeNetwork::Sewage:
        return {0.55f, 0.35f, 0.17f};
    case PipeNetwork::Gas:
        return {1.0f, 0.45f, 0.75f};
    case PipeNetwork::Power:
        return {0.9f, 0.1f, 0.1f};
    case PipeNetwork::Telecom:
        return {0.1f, 0.7f, 0.2f};
    case PipeNetwork::Heating:
        return {1.0f, 0.55f, 0.0f};
    case PipeNetwork::Other:
        break;
    }
    return {0.6f, 0.6f, 0.6f};
}

} // namespace citytwin::data
