#include "gis/OverlayFieldValues.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string>

namespace citytwin::gis::overlay {

namespace {

//! ASCII lower case (the UTF-8 bytes of Chinese words are left alone).
std::string lowered(std::string_view text)
{
    std::string s(text);
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return s;
}

bool containsAny(const std::string& text, std::initializer_list<std::string_view> words)
{
    return std::any_of(words.begin(), words.end(),
                       [&text](std::string_view w) { return text.find(w) != std::string::npos; });
}

bool equalsAny(const std::string& text, std::initializer_list<std::string_view> words)
{
    return std::any_of(words.begin(), words.end(), [&text](std::string_view w) { return text == w; });
}

} // namespace

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::optional<double> parseNumber(std::string_view text)
{
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::int64_t stableId(std::string_view text)
{
    std::uint64_t h = 14695981039346656037ull;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    constexpr std::uint64_t kLow52 = (std::uint64_t(1) << 52) - 1;
    return static_cast<std::int64_t>((h & kLow52) | (std::uint64_t(1) << 52));
}

std::int64_t thresholdId(const data::Threshold& threshold)
{
    const std::string key = threshold.assetId != 0
                                ? "asset:" + std::to_string(threshold.assetId)
                                : "subtype:" + threshold.subtype.toStdString();
    return stableId(key);
}

std::optional<std::int64_t> parseId(std::string_view text)
{
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && ptr == text.data() + text.size())
        return v;
    // "12.0" from a spreadsheet or an OGR real field is still integer 12.
    if (const auto d = parseNumber(text); d && *d == std::floor(*d) && std::abs(*d) < 9.0e15)
        return static_cast<std::int64_t>(*d);
    return stableId(text);
}

std::optional<data::PersonRole> parseRole(std::string_view text)
{
    const std::string s = lowered(trimmed(text));
    if (s.empty())
        return std::nullopt;
    using data::PersonRole;
    if (containsAny(s, {"enforce", "城管", "执法", "police"}))
        return PersonRole::Enforcement;
    if (containsAny(s, {"coordinat", "网格", "协调", "grid"}))
        return PersonRole::Coordinator;
    if (containsAny(s, {"inspect", "巡查", "patrol"}))
        return PersonRole::Inspector;
    if (containsAny(s, {"sanitation", "环卫", "clean"}))
        return PersonRole::Sanitation;
    if (s == "other" || s == "其他")
        return PersonRole::Other;
    return std::nullopt;
}

std::optional<int> parseSeverity(std::string_view text)
{
    const std::string s = lowered(trimmed(text));
    if (s.empty())
        return std::nullopt;
    if (const auto n = parseNumber(s))
        return std::clamp(static_cast<int>(std::lround(*n)), 1, 4);
    // Longest words first: "特别重大" contains "重大", "较大" must not read as "大".
    if (containsAny(s, {"critical", "severe", "urgent", "emergency", "紧急", "严重", "特别重大", "特急"}))
        return 4;
    if (containsAny(s, {"high", "major", "重大", "高"}))
        return 3;
    if (containsAny(s, {"medium", "moderate", "较大", "中"}))
        return 2;
    if (containsAny(s, {"low", "minor", "一般", "低"}) || equalsAny(s, {"info", "normal"}))
        return 1;
    return std::nullopt;
}

std::optional<data::AssetType> parseAssetType(std::string_view text)
{
    const std::string s = lowered(trimmed(text));
    if (s.empty())
        return std::nullopt;
    using data::AssetType;
    if (containsAny(s, {"cctv", "camera", "摄像", "监控", "视频"}))
        return AssetType::Cctv;
    if (containsAny(s, {"hydrant", "消火栓", "消防栓"}))
        return AssetType::Hydrant;
    if (containsAny(s, {"shelter", "避难", "避险"}))
        return AssetType::Shelter;
    if (containsAny(s, {"sensor", "传感", "监测", "gauge", "meter"}))
        return AssetType::Sensor;
    if (s == "other" || s == "其他")
        return AssetType::Other;
    return std::nullopt;
}

} // namespace citytwin::gis::overlay
