#include "gis/DemoEventCatalog.h"

#include <cstring>
#include <iterator>

namespace citytwin::gis::demo {

using data::PersonRole;

namespace {

// Relative event rates per local hour (0..23).
constexpr std::array<double, 24> kDaytime{1,   0.6, 0.4, 0.3, 0.3, 0.6, 1.5, 3,   5, 6,   6, 5.5,
                                          4.5, 5,   5.5, 5.5, 5,   4.5, 4,   3.5, 3, 2.5, 2, 1.5};
constexpr std::array<double, 24> kCommute{0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 5,   6,   4, 3.5, 3.5,
                                          3.5, 3.5, 3.5, 4,   5,   6,   5, 3.5, 2.5, 2, 1.5, 1};
constexpr std::array<double, 24> kNight{6, 4, 2, 1, 0.5, 0.4, 0.6, 1, 1.5, 2,   2,   2,
                                        2, 2, 2, 2, 2,   2.5, 3,   4, 5,   6.5, 7.5, 7.5};
constexpr std::array<double, 24> kMarket{0.5, 0.3, 0.2, 0.2, 0.5, 2, 4,   4.5, 3,   2,   2, 2.5,
                                         2.5, 2,   2,   2.5, 4,   6, 6.5, 6,   4.5, 2.5, 1, 0.6};
constexpr std::array<double, 24> kMorning{0.5, 0.3, 0.2, 0.3, 1,   3, 5,   6, 5, 4, 3.5, 3,
                                          3,   3,   3,   3,   3.5, 4, 4.5, 4, 3, 2, 1.2, 0.8};
constexpr std::array<double, 24> kFlat{2,   1.5, 1.2, 1,   1,   1.2, 2,   3, 3.5, 3.5, 3.5, 3.5,
                                       3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.2, 3, 2.8, 2.5, 2.2, 2};

const std::array<EventCategory, 11> kCategories{{
    {"hotline_complaint",
     0.22,
     &kDaytime,
     EventPlace::Building,
     {0.45, 0.4, 0.13, 0.02},
     {1, 0, 0, 0},
     PersonRole::Coordinator,
     180,
     1.0},
    {"illegal_parking",
     0.19,
     &kCommute,
     EventPlace::Kerb,
     {0.7, 0.27, 0.03, 0},
     {0, 0.5, 0, 0.5},
     PersonRole::Enforcement,
     20,
     0.6},
    {"garbage",
     0.15,
     &kMorning,
     EventPlace::Building,
     {0.6, 0.35, 0.05, 0},
     {0.25, 0.5, 0, 0.25},
     PersonRole::Sanitation,
     45,
     0.6},
    {"illegal_vending",
     0.10,
     &kMarket,
     EventPlace::Sidewalk,
     {0.75, 0.23, 0.02, 0},
     {0, 0.6, 0, 0.4},
     PersonRole::Enforcement,
     25,
     0.5},
    {"noise",
     0.09,
     &kNight,
     EventPlace::Building,
     {0.55, 0.38, 0.07, 0},
     {0.85, 0.15, 0, 0},
     PersonRole::Enforcement,
     40,
     0.6},
    {"road_damage",
     0.08,
     &kDaytime,
     EventPlace::Road,
     {0.3, 0.45, 0.2, 0.05},
     {0.3, 0.6, 0.1, 0},
     PersonRole::Inspector,
     1440,
     1.2},
    {"traffic_accident",
     0.05,
     &kCommute,
     EventPlace::Intersection,
     {0.3, 0.4, 0.22, 0.08},
     {0.3, 0.2, 0, 0.5},
     PersonRole::Enforcement,
     60,
     0.6},
    {"manhole_cover",
     0.04,
     &kFlat,
     EventPlace::Road,
     {0.2, 0.4, 0.3, 0.1},
     {0.1, 0.3, 0.6, 0},
     PersonRole::Inspector,
     120,
     0.8},
    {"water_leak",
     0.03,
     &kFlat,
     EventPlace::Road,
     {0.2, 0.45, 0.3, 0.05},
     {0.5, 0, 0.5, 0},
     PersonRole::Inspector,
     240,
     0.8},
    {"flood",
     0.02,
     &kFlat,
     EventPlace::Waterside,
     {0.1, 0.35, 0.4, 0.15},
     {0.25, 0, 0.6, 0.15},
     PersonRole::Inspector,
     300,
     0.8},
    {"fire",
     0.01,
     &kDaytime,
     EventPlace::Building,
     {0, 0.2, 0.5, 0.3},
     {0.5, 0, 0.5, 0},
     PersonRole::Coordinator,
     90,
     0.6},
}};

QString pickText(DemoRandom& rng, std::initializer_list<const char*> list)
{
    return QString::fromUtf8(*(list.begin() + rng.below(list.size())));
}

} // namespace

const std::array<EventCategory, 11>& eventCategories()
{
    return kCategories;
}

int floodCategory()
{
    for (size_t i = 0; i < kCategories.size(); ++i)
        if (std::strcmp(kCategories[i].name, "flood") == 0)
            return int(i);
    return 0;
}

const char* eventSourceName(int index)
{
    static const char* const kSources[] = {"hotline_12345", "patrol", "sensor", "camera"};
    return kSources[index & 3];
}

QString eventDescription(const EventCategory& category, const QString& placeName, DemoRandom& rng)
{
    const std::string name = category.name;
    QString what;
    if (name == "hotline_complaint")
        what = QStringLiteral("12345市民来电反映：") + placeName +
               pickText(rng, {"附近油烟扰民", "路灯不亮", "绿化带破损", "电动车乱停放", "广告牌松动",
                              "楼道堆放杂物", "下水道返臭", "共享单车堆积"});
    else if (name == "illegal_parking")
        what = placeName + pickText(rng, {"机动车违停，占用非机动车道", "路口违停影响通行", "货车占道装卸"});
    else if (name == "garbage")
        what = placeName + pickText(rng, {"垃圾桶满溢，需清运", "建筑垃圾乱倒", "沿街暴露垃圾"});
    else if (name == "illegal_vending")
        what = placeName + pickText(rng, {"流动摊贩占道经营", "店外经营占用人行道", "早市摊点越线"});
    else if (name == "noise")
        what = placeName + pickText(rng, {"夜间施工噪声扰民", "广场舞音响扰民", "商铺外放音乐"});
    else if (name == "road_damage")
        what = placeName + pickText(rng, {"路面坑洼", "人行道板松动", "井盖周边路面沉降"});
    else if (name == "traffic_accident")
        what = placeName + pickText(rng, {"两车剐蹭，占用车道", "电动车与机动车碰擦", "车辆故障停驶"});
    else if (name == "manhole_cover")
        what = placeName + pickText(rng, {"井盖位移（传感器报警）", "井盖缺失", "井盖异响"});
    else if (name == "water_leak")
        what = placeName + pickText(rng, {"供水管道漏水", "消火栓漏水", "路面冒水"});
    else if (name == "flood")
        what = placeName + QStringLiteral("道路积水约%1厘米").arg(10 + 5 * int(rng.below(7)));
    else if (name == "fire")
        what = placeName + pickText(rng, {"冒烟起火，已通知119", "烟感报警，现场核实", "电动车充电起火"});
    else
        what = placeName;
    return what;
}

} // namespace citytwin::gis::demo
