#pragma once

#include "gis/DemoRandom.h"

#include <QString>

namespace citytwin::gis::demo {

//! Chinese names for the demo city: roads, people, teams, compounds and companies.
//! Picks come from the caller's generator, so they are as deterministic as it is.
namespace names {

//! Name of the INDEX-th north-south (VERTICAL) or east-west road; MAIN roads get 大道/路 names.
QString road(bool vertical, bool main, int index);
//! A lane (弄/巷) name.
QString lane(DemoRandom& rng);
//! A person's full name (surname + one or two characters).
QString person(DemoRandom& rng);
//! A sub-district (街道/镇) of Pinghu, INDEX modulo the list.
QString district(int index);
int districtCount();
//! Residential compound (小区/花园/苑) name.
QString compound(DemoRandom& rng);
//! Company name for an industrial building.
QString company(DemoRandom& rng);
//! Office/commercial building name (大厦/广场/中心).
QString commercial(DemoRandom& rng);
//! Public building name (学校/医院/社区服务中心 …).
QString publicBuilding(DemoRandom& rng);
//! Chinese ordinal used in team names: 1 -> 一 … 10 -> 十.
QString ordinal(int n);

} // namespace names

} // namespace citytwin::gis::demo
