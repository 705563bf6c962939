#include "gis/DemoNames.h"

#include <array>
#include <iterator>

namespace citytwin::gis::demo::names {

namespace {

// Street names in the style of Pinghu's (several are real names there, placed freely).
constexpr const char* kNorthSouth[] = {"新华路", "胜利路", "人民路", "建国路", "解放路", "三港路",
                                       "梅兴路", "虹霓路", "朝阳路", "兴平路", "乍王路", "学前路",
                                       "金湖路", "星火路", "漕兑路", "长秀路", "广场路", "百寿路"};
constexpr const char* kEastWest[] = {"当湖路", "环城北路", "城北路", "南河头路", "东华路", "富强路",
                                     "南市路", "北市路",   "大胜路", "嘉善路",   "西湖路", "青年路",
                                     "平善路", "新埭路",   "独山路", "曹桥路",   "钟埭路", "林埭路"};
constexpr const char* kMainNorthSouth[] = {"东湖大道", "平善大道", "新华北路", "经开大道",
                                           "兴平大道", "当湖大道", "乍浦大道", "平湖大道"};
constexpr const char* kMainEastWest[] = {"环城南路", "当湖中路", "胜利大道", "城南大道",
                                         "长虹大道", "时代大道", "湖滨大道", "开发区大道"};
constexpr const char* kLaneStems[] = {"仓前", "西门", "东门", "河埠", "鸣珂", "弄堂", "小桥", "米行",
                                      "柴场", "船坊", "竹行", "银杏", "观音", "石榴", "杨柳", "稻香"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                     "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
                                     "唐", "许", "沈", "钱", "陆", "顾", "姚", "范", "金", "蒋", "俞", "屠"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                                  "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "文", "辉",
                                  "华", "建", "国", "红", "梅", "林", "海", "峰", "斌", "雪", "婷", "燕",
                                  "晨", "浩", "宇", "欣", "嘉", "琪", "鑫", "佳", "俊", "凯", "晓", "云"};
constexpr const char* kDistricts[] = {"当湖街道",     "钟埭街道",     "曹桥街道",
                                      "钟埭街道东片", "当湖街道南片", "经济开发区"};
constexpr const char* kCompoundStems[] = {"东湖", "金桂", "阳光", "锦绣", "星河", "湖畔", "翠苑", "嘉禾",
                                          "明珠", "紫金", "新城", "和园", "香樟", "梅园", "兰亭", "水岸",
                                          "湖景", "绿城", "世纪", "华府", "当湖", "九龙", "秀水", "莫邪"};
constexpr const char* kCompoundSuffixes[] = {"花园", "小区", "苑", "家园", "公寓", "新村", "名邸", "府"};
constexpr const char* kCompanyStems[] = {"平湖", "嘉兴", "乍浦", "新埭", "独山", "东方", "华东", "浙北",
                                         "宏达", "恒力", "金利", "永兴", "长江", "海湾", "天成", "博远"};
constexpr const char* kCompanyTrades[] = {"服装有限公司",     "光机电有限公司",   "箱包有限公司",
                                          "精密机械有限公司", "电子科技有限公司", "食品有限公司",
                                          "物流有限公司",     "新材料有限公司"};
constexpr const char* kCommercialSuffixes[] = {"大厦", "商务中心", "广场", "商厦", "金融大厦", "国际中心"};
constexpr const char* kPublic[] = {
    "实验小学", "当湖中学", "人民医院分院", "社区服务中心", "派出所",       "卫生服务中心", "幼儿园",
    "文化馆",   "档案馆",   "消防救援站",   "体育馆",       "职业技术学校", "老年活动中心", "市场监管所"};
constexpr const char* kOrdinals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

template <class Array> QString pick(DemoRandom& rng, const Array& array)
{
    return QString::fromUtf8(array[rng.below(std::size(array))]);
}

template <class Array> QString at(const Array& array, int index)
{
    const int n = int(std::size(array));
    return QString::fromUtf8(array[((index % n) + n) % n]);
}

} // namespace

QString road(bool vertical, bool main, int index)
{
    if (main)
        return vertical ? at(kMainNorthSouth, index) : at(kMainEastWest, index);
    return vertical ? at(kNorthSouth, index) : at(kEastWest, index);
}

QString lane(DemoRandom& rng)
{
    return pick(rng, kLaneStems) + (rng.chance(0.5) ? QStringLiteral("弄") : QStringLiteral("巷"));
}

QString person(DemoRandom& rng)
{
    QString name = pick(rng, kSurnames) + pick(rng, kGiven);
    if (rng.chance(0.7))
        name += pick(rng, kGiven);
    return name;
}

QString district(int index)
{
    return at(kDistricts, index);
}
int districtCount()
{
    return int(std::size(kDistricts));
}

QString compound(DemoRandom& rng)
{
    return pick(rng, kCompoundStems) + pick(rng, kCompoundSuffixes);
}

QString company(DemoRandom& rng)
{
    return pick(rng, kCompanyStems) + pick(rng, kCompanyTrades);
}

QString commercial(DemoRandom& rng)
{
    return pick(rng, kCompoundStems) + pick(rng, kCommercialSuffixes);
}

QString publicBuilding(DemoRandom& rng)
{
    return QStringLiteral("平湖市") + pick(rng, kCompoundStems) + pick(rng, kPublic);
}

QString ordinal(int n)
{
    return at(kOrdinals, n - 1);
}

} // namespace citytwin::gis::demo::names
