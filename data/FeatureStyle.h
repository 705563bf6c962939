#pragma once

#include <QJsonObject>
#include <QString>
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace citytwin::data {

//! How a building/model layer colours its features.
enum class StyleMode {
    Single,      //!< the layer's own colours (walls/roofs, materials, semantic surfaces)
    Categorized, //!< one colour per distinct value of FIELD
    Graduated    //!< numeric FIELD in CLASSES classes, colours along a ramp
};
QString toString(StyleMode mode);
bool fromString(const QString& s, StyleMode& out);

//! How graduated class breaks are chosen.
enum class ClassBreaks { EqualInterval, Quantile };

//! The user's style of a building or model layer; kept in LayerSettings::style under
//! "featureStyle". Applied to the live layer per vertex / by uniforms: no rebuild.
struct FeatureStyle
{
    StyleMode mode = StyleMode::Single;
    QString field;                  //!< attribute to colour by (OGR field, CityGML/IFC attribute, "type", "name")
    int classes = 5;                //!< Graduated: 2…10
    ClassBreaks breaks = ClassBreaks::EqualInterval;
    bool wireframe = false;
    std::vector<std::int64_t> hidden;          //!< features the user hid (sorted, unique)
    std::optional<std::int64_t> isolatedStorey; //!< BIM: show only elements inside this storey feature
    bool operator==(const FeatureStyle&) const = default;
};
QJsonObject toJson(const FeatureStyle& style);
//! Reads what toJson wrote (missing keys keep defaults); false on an unknown mode or bad value.
bool fromJson(const QJsonObject& json, FeatureStyle& out);

//! One legend entry of a classified style.
struct StyleClass
{
    QString label;                  //!< "12 – 18 m" style range or the category value ("" shows as "(empty)")
    std::array<float, 4> colour{};  //!< RGBA 0..1
    int count = 0;                  //!< features in the class
};

//! The outcome of classify(): legend entries and each feature's class.
struct StyleClassification
{
    std::vector<StyleClass> classes;
    std::unordered_map<std::int64_t, int> classOf; //!< feature id → index into classes (features without a usable value: absent)
    int unclassified = 0;                          //!< features with no (numeric, for Graduated) value
};

//! Classifies VALUES (feature id, attribute text) by STYLE. Categorized: distinct values sorted,
//! at most 12 colours from a qualitative palette (the rest share "other"). Graduated: values
//! parsed as numbers ("12.5", "12 m", "1998"), equal-interval or quantile breaks, colours along
//! a yellow→red ramp. Single: no classes.
StyleClassification classify(const std::vector<std::pair<std::int64_t, QString>>& values, const FeatureStyle& style);

} // namespace citytwin::data
