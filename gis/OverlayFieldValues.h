#pragma once

// Reading the text of one overlay column (ids, roles, severities, asset types, numbers);
// internal to the overlay importers.

#include "data/Overlays.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace citytwin::gis::overlay {

//! TEXT without leading/trailing blanks (spaces, tabs, CR).
std::string_view trimmed(std::string_view text);

//! A decimal number ("12.5", "-3", "1e3"); nullopt for empty or anything else.
std::optional<double> parseNumber(std::string_view text);

//! The id a row's id text stands for: the integer itself when it is one, else a stable id
//! derived from the text (64-bit FNV-1a folded into [2^52, 2^53)), so "vehicle_4716" is the same
//! person in every import and file and never collides with a plain integer id below 2^52.
//! Nullopt for an empty text.
std::optional<std::int64_t> parseId(std::string_view text);
//! The stable id of TEXT (see parseId), for ids built from a whole record.
std::int64_t stableId(std::string_view text);

//! The id of a threshold imported without an id column: a stable id of its target ("asset:12",
//! "subtype:water_level"), so importing limits again replaces those of the same target instead of
//! piling up (and, being >= 2^52, wins over ids written before; see data::SensorAlarms).
std::int64_t thresholdId(const data::Threshold& threshold);

//! English or Chinese role words ("enforcement", "城管", "执法", "coordinator", "网格", "协调",
//! "inspector", "巡查", "sanitation", "环卫") → a role; nullopt when none matches.
std::optional<data::PersonRole> parseRole(std::string_view text);
//! 1..4 from a number (clamped) or a word: low/minor/低/一般 1, medium/moderate/中/较大 2,
//! high/major/高/重大 3, critical/severe/urgent/紧急/严重/特别重大 4; nullopt otherwise.
std::optional<int> parseSeverity(std::string_view text);
//! cctv/camera/摄像/监控, sensor/传感/监测, hydrant/消火栓/消防栓, shelter/避难/应急避险 → a type;
//! nullopt when none matches.
std::optional<data::AssetType> parseAssetType(std::string_view text);

} // namespace citytwin::gis::overlay
