#include "data/FeatureStyle.h"

#include "data/EnumNames.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<StyleMode, 3> kModeNames{{
    {StyleMode::Single, "single"},
    {StyleMode::Categorized, "categorized"},
    {StyleMode::Graduated, "graduated"},
}};

constexpr detail::EnumNameTable<ClassBreaks, 2> kBreakNames{{
    {ClassBreaks::EqualInterval, "equal"},
    {ClassBreaks::Quantile, "quantile"},
}};

constexpr int kMinClasses = 2;
constexpr int kMaxClasses = 10;
constexpr std::size_t kMaxCategories = 12;

using Rgba = std::array<float, 4>;

// ColorBrewer "Paired": twelve colours that stay distinguishable side by side.
constexpr std::array<Rgba, kMaxCategories> kQualitative{{
    {0.651f, 0.808f, 0.890f, 1.0f},
    {0.122f, 0.471f, 0.706f, 1.0f},
    {0.698f, 0.875f, 0.541f, 1.0f},
    {0.200f, 0.627f, 0.173f, 1.0f},
    {0.984f, 0.604f, 0.600f, 1.0f},
    {0.890f, 0.102f, 0.110f, 1.0f},
    {0.992f, 0.749f, 0.435f, 1.0f},
    {1.000f, 0.498f, 0.000f, 1.0f},
    {0.792f, 0.698f, 0.839f, 1.0f},
    {0.416f, 0.239f, 0.604f, 1.0f},
    {1.000f, 1.000f, 0.600f, 1.0f},
    {0.694f, 0.349f, 0.157f, 1.0f},
}};
constexpr Rgba kOtherColour{0.6f, 0.6f, 0.6f, 1.0f};
constexpr Rgba kRampLow{1.0f, 1.0f, 0.70f, 1.0f};   // pale yellow
constexpr Rgba kRampHigh{0.74f, 0.0f, 0.15f, 1.0f}; // dark red

Rgba rampColour(int index, int count)
{
    const float t = count > 1 ? float(index) / float(count - 1) : 1.0f;
    Rgba c{};
    for (int i = 0; i < 4; ++i)
        c[i] = kRampLow[i] + (kRampHigh[i] - kRampLow[i]) * t;
    return c;
}

//! The leading number of an attribute text ("12.5", "12 m", "1998-05"), nullopt without one.
std::optional<double> leadingNumber(const QString& text)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double v = m.captured(1).toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 6);
}

// Numbers first in numeric order ("2" before "10"), then text in code-point order: stable and
// locale-independent so a saved legend reads the same on every machine.
bool categoryLess(const QString& a, const QString& b)
{
    bool okA = false;
    bool okB = false;
    const double na = a.toDouble(&okA);
    const double nb = b.toDouble(&okB);
    if (okA != okB)
        return okA;
    if (okA && na != nb)
        return na < nb;
    return a < b;
}

StyleClassification categorize(const std::vector<std::pair<std::int64_t, QString>>& values)
{
    QMap<QString, int> counts;
    for (const auto& [id, value] : values)
        ++counts[value];
    const QList<QString> keys = counts.keys();
    std::vector<QString> kept(keys.begin(), keys.end());
    const bool overflow = kept.size() > kMaxCategories;
    if (overflow) {
        // The most frequent values keep their own colour; one slot is left for "other".
        std::stable_sort(kept.begin(), kept.end(), [&counts](const QString& a, const QString& b) {
            return counts.value(a) > counts.value(b);
        });
        kept.resize(kMaxCategories - 1);
    }
    std::sort(kept.begin(), kept.end(), categoryLess);

    StyleClassification out;
    QHash<QString, int> indexOf;
    for (const QString& value : kept) {
        indexOf.insert(value, int(out.classes.size()));
        out.classes.push_back({value, kQualitative[out.classes.size()], 0});
    }
    const int other = int(out.classes.size());
    if (overflow)
        out.classes.push_back({QStringLiteral("other"), kOtherColour, 0});
    for (const auto& [id, value] : values) {
        const int cls = indexOf.value(value, other);
        out.classOf[id] = cls;
        ++out.classes[std::size_t(cls)].count;
    }
    return out;
}

StyleClassification graduate(const std::vector<std::pair<std::int64_t, QString>>& values,
                             const FeatureStyle& style)
{
    StyleClassification out;
    std::vector<std::pair<std::int64_t, double>> numbers;
    for (const auto& [id, value] : values) {
        if (const auto v = leadingNumber(value))
            numbers.emplace_back(id, *v);
        else
            ++out.unclassified;
    }
    if (numbers.empty())
        return out;
    std::vector<double> sorted;
    sorted.reserve(numbers.size());
    for (const auto& n : numbers)
        sorted.push_back(n.second);
    std::sort(sorted.begin(), sorted.end());
    const int n = std::clamp(style.classes, kMinClasses, kMaxClasses);
    const double lo = sorted.front();
    const double hi = sorted.back();

    // Upper bounds of the classes; a value goes to the first class whose bound it does not exceed.
    std::vector<double> uppers;
    if (lo == hi) {
        uppers.push_back(hi);
    } else if (style.breaks == ClassBreaks::EqualInterval) {
        for (int k = 1; k < n; ++k)
            uppers.push_back(lo + (hi - lo) * k / n);
        uppers.push_back(hi);
    } else {
        const std::size_t count = sorted.size();
        for (int k = 1; k <= n; ++k) {
            const std::size_t pos =
                (std::size_t(k) * count + std::size_t(n) - 1) / std::size_t(n); // ceil(k*N/n)
            const double bound = sorted[std::max<std::size_t>(pos, 1) - 1];
            if (uppers.empty() || bound > uppers.back()) // equal values cannot be split: merge classes
                uppers.push_back(bound);
        }
    }
    const int classCount = int(uppers.size());
    for (int k = 0; k < classCount; ++k) {
        const double from = k == 0 ? lo : uppers[std::size_t(k - 1)];
        const QString label = from == uppers[std::size_t(k)] ? formatNumber(from)
                                                             : formatNumber(from) + QStringLiteral(" – ") +
                                                                   formatNumber(uppers[std::size_t(k)]);
        out.classes.push_back({label, rampColour(k, classCount), 0});
    }
    for (const auto& [id, v] : numbers) {
        const auto it = std::lower_bound(uppers.begin(), uppers.end(), v);
        const int cls = it == uppers.end() ? classCount - 1 : int(it - uppers.begin());
        out.classOf[id] = cls;
        ++out.classes[std::size_t(cls)].count;
    }
    return out;
}

} // namespace

QString toString(StyleMode mode)
{
    return detail::enumToString(kModeNames, mode);
}

bool fromString(const QString& s, StyleMode& out)
{
    return detail::enumFromString(kModeNames, s, out);
}

QJsonObject toJson(const FeatureStyle& style)
{
    QJsonObject json;
    json.insert(QStringLiteral("mode"), toString(style.mode));
    json.insert(QStringLiteral("field"), style.field);
    json.insert(QStringLiteral("classes"), style.classes);
    json.insert(QStringLiteral("breaks"), detail::enumToString(kBreakNames, style.breaks));
    json.insert(QStringLiteral("wireframe"), style.wireframe);
    QJsonArray hidden;
    for (const std::int64_t id : style.hidden)
        hidden.append(double(id)); // ids stay < 2^24 (see ModelFeature::id): exact as doubles
    json.insert(QStringLiteral("hidden"), hidden);
    if (style.isolatedStorey)
        json.insert(QStringLiteral("isolatedStorey"), double(*style.isolatedStorey));
    return json;
}

bool fromJson(const QJsonObject& json, FeatureStyle& out)
{
    FeatureStyle s;
    auto has = [&json](const char* key) { return json.contains(QLatin1String(key)); };
    auto value = [&json](const char* key) { return json.value(QLatin1String(key)); };
    auto integer = [](const QJsonValue& v, std::int64_t& result) {
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()) || v.toDouble() < 0 ||
            v.toDouble() > 9.0e15)
            return false;
        result = std::int64_t(v.toDouble());
        return true;
    };
    if (has("mode") && !(value("mode").isString() && fromString(value("mode").toString(), s.mode)))
        return false;
    if (has("field")) {
        if (!value("field").isString())
            return false;
        s.field = value("field").toString();
    }
    if (has("classes")) {
        std::int64_t classes = 0;
        if (!integer(value("classes"), classes) || classes < kMinClasses || classes > kMaxClasses)
            return false;
        s.classes = int(classes);
    }
    if (has("breaks") && !(value("breaks").isString() &&
                           detail::enumFromString(kBreakNames, value("breaks").toString(), s.breaks)))
        return false;
    if (has("wireframe")) {
        if (!value("wireframe").isBool())
            return false;
        s.wireframe = value("wireframe").toBool();
    }
    if (has("hidden")) {
        if (!value("hidden").isArray())
            return false;
        s.hidden.clear();
        for (const QJsonValue& v : value("hidden").toArray()) {
            std::int64_t id = 0;
            if (!integer(v, id))
                return false;
            s.hidden.push_back(id);
        }
        std::sort(s.hidden.begin(), s.hidden.end());
        s.hidden.erase(std::unique(s.hidden.begin(), s.hidden.end()), s.hidden.end());
    }
    if (has("isolatedStorey") && !value("isolatedStorey").isNull()) {
        std::int64_t id = 0;
        if (!integer(value("isolatedStorey"), id))
            return false;
        s.isolatedStorey = id;
    }
    out = s;
    return true;
}

StyleClassification classify(const std::vector<std::pair<std::int64_t, QString>>& values,
                             const FeatureStyle& style)
{
    switch (style.mode) {
    case StyleMode::Single:
        return {};
    case StyleMode::Categorized:
        return categorize(values);
    case StyleMode::Graduated:
        return graduate(values, style);
    }
    return {};
}

} // namespace citytwin::data
