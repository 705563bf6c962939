#pragma once

#include "data/Features.h"

#include <QJsonObject>
#include <QString>
#include <array>
#include <optional>

namespace citytwin::data {

//! Which depth a pipe layer's depth field measures.
enum class DepthReference { Top, Centre, Invert };
QString toString(DepthReference reference);
bool fromString(const QString& s, DepthReference& out);

//! How a pipe layer's fields map onto PipeLine (LayerSettings::style "pipeMapping"). Empty field
//! names are unused. Depth: DEPTHFIELD (metres below the surface of the REFERENCE point), else
//! START/ENDELEVATIONFIELD (absolute elevations of the REFERENCE point at the two ends,
//! interpolated along the line), else the line's own z (3D lines, taken as centre elevations),
//! else DEFAULTDEPTHM. Size: DIAMETERFIELD, else WIDTHFIELD × HEIGHTFIELD (a box), else
//! DEFAULTDIAMETERM; sizes above 20 are read as millimetres (400 → 0.4 m).
struct PipeMapping
{
    QString depthField = QStringLiteral("depth_m");
    DepthReference depthReference = DepthReference::Centre;
    QString startElevationField;
    QString endElevationField;
    QString diameterField = QStringLiteral("diameter_m");
    QString widthField;
    QString heightField;
    QString materialField = QStringLiteral("material");
    QString installYearField = QStringLiteral("install_year");
    //! Field naming the network ("water", "给水", "drainage", "gas", "电力"… see pipeNetworkFromText());
    //! empty or unrecognised values use DEFAULTNETWORK.
    QString networkField = QStringLiteral("network");
    PipeNetwork defaultNetwork = PipeNetwork::Other;
    double defaultDepthM = 1.5;
    double defaultDiameterM = 0.3;
    bool operator==(const PipeMapping&) const = default;
};
QJsonObject toJson(const PipeMapping& mapping);
//! Reads what toJson wrote (missing keys keep defaults); false on a bad value.
bool fromJson(const QJsonObject& json, PipeMapping& out);

//! The network named by TEXT, in English or Chinese, as utility data names them: water/给水/上水,
//! drainage/storm/雨水/排水, sewage/污水, gas/燃气/天然气/煤气, power/electric/电力/供电,
//! telecom/communication/通信/电信, heating/热力/供热; also toString(PipeNetwork) names.
std::optional<PipeNetwork> pipeNetworkFromText(const QString& text);

//! Display colour of a network (RGB 0..1) after the Chinese convention for underground utility
//! maps (CJJ 61-2017 城市地下管线探测技术规程, table of pipeline colours): water supply sky blue,
//! drainage and sewage brown, gas pink, power red, telecom green, heating orange, other grey.
std::array<float, 3> pipeNetworkColour(PipeNetwork network);

} // namespace citytwin::data
