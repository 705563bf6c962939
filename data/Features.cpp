#include "data/Features.h"

#include "data/EnumNames.h"

namespace citytwin::data {

namespace {

constexpr detail::EnumNameTable<PipeNetwork, 8> kNetworkNames{{
    {PipeNetwork::WaterSupply, "water_supply"},
    {PipeNetwork::Drainage, "drainage"},
    {PipeNetwork::Sewage, "sewage"},
    {PipeNetwork::Gas, "gas"},
    {PipeNetwork::Power, "power"},
    {PipeNetwork::Telecom, "telecom"},
    {PipeNetwork::Heating, "heating"},
    {PipeNetwork::Other, "other"},
}};

} // namespace

QString toString(PipeNetwork network)
{
    return detail::enumToString(kNetworkNames, network);
}
bool fromString(const QString& s, PipeNetwork& out)
{
    return detail::enumFromString(kNetworkNames, s, out);
}

} // namespace citytwin::data
