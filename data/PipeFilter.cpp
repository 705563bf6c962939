#include "data/PipeFilter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>
#include <algorithm>
#include <cmath>

namespace citytwin::data {

namespace {

bool hasMaterial(const QStringList& materials, const QString& material)
{
    const QString wanted = material.trimmed();
    return std::any_of(materials.begin(), materials.end(), [&wanted](const QString& m) {
        return m.trimmed().compare(wanted, Qt::CaseInsensitive) == 0;
    });
}

//! "a", "a or b", "a, b or c" — the filter's parts read as a sentence.
QString orList(const QStringList& items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + items.last();
}

QString networkWords(PipeNetwork network)
{
    switch (network) {
    case PipeNetwork::WaterSupply:
        return QStringLiteral("water supply");
    case PipeNetwork::Drainage:
        return QStringLiteral("drainage");
    case PipeNetwork::Sewage:
        return QStringLiteral("sewage");
    case PipeNetwork::Gas:
        return QStringLiteral("gas");
    case PipeNetwork::Power:
        return QStringLiteral("power");
    case PipeNetwork::Telecom:
        return QStringLiteral("telecom");
    case PipeNetwork::Heating:
        return QStringLiteral("heating");
    case PipeNetwork::Other:
        break;
    }
    return QStringLiteral("other");
}

} // namespace

bool PipeFilter::matches(const PipeLine& pipe, int referenceYear) const
{
    if (minAgeYears > 0) {
        const std::optional<int> age = pipeAge(pipe, referenceYear);
        if (!age || *age < minAgeYears)
            return false;
    }
    if (!materials.isEmpty() && !hasMaterial(materials, pipe.material))
        return false;
    if (!networks.empty() && std::find(networks.begin(), networks.end(), pipe.network) == networks.end())
        return false;
    return true;
}

QString PipeFilter::description() const
{
    // English on purpose: data/ has no translations; app/ builds its own translated sentence.
    QStringList parts;
    if (minAgeYears > 0)
        parts << QStringLiteral("age ≥ %1 years").arg(minAgeYears);
    if (!materials.isEmpty())
        parts << QStringLiteral("material %1").arg(orList(materials));
    if (!networks.empty()) {
        QStringList names;
        for (PipeNetwork n : networks)
            names << networkWords(n);
        parts << QStringLiteral("network %1").arg(orList(names));
    }
    return parts.isEmpty() ? QStringLiteral("all pipes") : parts.join(QStringLiteral(", "));
}

QJsonObject toJson(const PipeFilter& filter)
{
    QJsonArray networks;
    for (PipeNetwork n : filter.networks)
        networks.append(toString(n));
    return {{QStringLiteral("minAgeYears"), filter.minAgeYears},
            {QStringLiteral("materials"), QJsonArray::fromStringList(filter.materials)},
            {QStringLiteral("networks"), networks}};
}

bool fromJson(const QJsonObject& json, PipeFilter& out)
{
    PipeFilter filter;
    if (json.contains(QStringLiteral("minAgeYears"))) {
        const QJsonValue age = json.value(QStringLiteral("minAgeYears"));
        if (!age.isDouble() || age.toDouble() < 0 || age.toDouble() != std::floor(age.toDouble()))
            return false;
        filter.minAgeYears = age.toInt();
    }
    for (const QJsonValue v : json.value(QStringLiteral("materials")).toArray()) {
        if (!v.isString())
            return false;
        filter.materials << v.toString();
    }
    for (const QJsonValue v : json.value(QStringLiteral("networks")).toArray()) {
        PipeNetwork n{};
        if (!fromString(v.toString(), n))
            return false;
        filter.networks.push_back(n);
    }
    out = filter;
    return true;
}

std::optional<int> pipeAge(const PipeLine& pipe, int referenceYear)
{
    if (pipe.installYear <= 0 || pipe.installYear > referenceYear)
        return std::nullopt;
    return referenceYear - pipe.installYear;
}

int referenceYearOf(TimeMs sceneTime)
{
    if (sceneTime == 0 || sceneTime == kNoTime)
        return QDate::currentDate().year();
    return QDateTime::fromMSecsSinceEpoch(sceneTime, QTimeZone::utc()).date().year();
}

double pipePlanLength(const PipeLine& pipe)
{
    double length = 0.0;
    for (size_t i = 1; i < pipe.points.size(); ++i)
        length +=
            std::hypot(pipe.points[i].x - pipe.points[i - 1].x, pipe.points[i].y - pipe.points[i - 1].y);
    return length;
}

} // namespace citytwin::data
