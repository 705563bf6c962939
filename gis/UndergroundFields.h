#pragma once

// Field guessing and number reading shared by the point facility and underground space
// readers; internal to gis/.

#include <QString>
#include <initializer_list>

class OGRFeature;
class OGRFeatureDefn;

namespace citytwin::gis {

//! Index of the first of CANDIDATES (compared trimmed, case-insensitively) in DEFN, or -1.
int findField(OGRFeatureDefn& defn, std::initializer_list<const char*> candidates);

//! A field's number: absent (no field, null, blank), valid, or text that is no number.
struct UndergroundNumber
{
    bool present = false;
    bool valid = false;
    bool explicitUnit = false; //!< the text named its unit (mm/cm/m/毫米/厘米/米): VALUE is metres
    double value = 0.0;
    QString text;
};

//! Field INDEX of FEATURE as a number; text columns may carry units ("1.5m", "800mm", "1.2米").
UndergroundNumber undergroundNumber(OGRFeature& feature, int index);

//! Field INDEX as trimmed text ("" for none).
QString undergroundText(OGRFeature& feature, int index);

} // namespace citytwin::gis
