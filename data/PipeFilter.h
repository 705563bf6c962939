#pragma once

#include "data/Features.h"
#include "data/Time.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace citytwin::data {

//! Which pipes an ageing-network query selects: old enough AND of one of the materials AND of one
//! of the networks. Every part is optional (0 / empty = any), so the default filter matches all.
struct PipeFilter
{
    int minAgeYears = 0;               //!< pipes at least this old at the reference year; 0 = off
    QStringList materials;             //!< any of these (case-insensitive, trimmed); empty = any
    std::vector<PipeNetwork> networks; //!< any of these; empty = any

    //! True when some part restricts the selection.
    bool isActive() const { return minAgeYears > 0 || !materials.isEmpty() || !networks.empty(); }
    //! Whether PIPE passes at REFERENCEYEAR. A pipe with no install year (0) or one installed
    //! after REFERENCEYEAR never passes an age condition: its age is unknown or it did not exist.
    bool matches(const PipeLine& pipe, int referenceYear) const;
    //! One line for the status bar and the CLI: "age ≥ 30 years, material cast iron or steel,
    //! network water supply" or "all pipes".
    QString description() const;
    bool operator==(const PipeFilter&) const = default;
};

QJsonObject toJson(const PipeFilter& filter);
//! Reads what toJson wrote (missing keys keep defaults); false on a bad value (negative age,
//! unknown network name).
bool fromJson(const QJsonObject& json, PipeFilter& out);

//! PIPE's age in whole years at REFERENCEYEAR; nullopt without an install year or when it was
//! installed after REFERENCEYEAR.
std::optional<int> pipeAge(const PipeLine& pipe, int referenceYear);

//! The year ages are counted at: the UTC year of SCENETIME (the clock, so a replay of 2015 shows
//! ages as of 2015); 0 or kNoTime (no clock set) mean the current year.
int referenceYearOf(TimeMs sceneTime);

//! Length of PIPE's centre line in plan (metres): what utility registers count.
double pipePlanLength(const PipeLine& pipe);

} // namespace citytwin::data
