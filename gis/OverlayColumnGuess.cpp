#include "gis/OverlayImporter.h"
#include "gis/OverlayTimeParser.h"

#include <QSet>
#include <cmath>
#include <initializer_list>

// guessOverlayKind / guessOverlayMapping / checkOverlayMapping: what the import dialog and
// `citytwin-cli import` propose before the user corrects it.
namespace citytwin::gis {

using data::OverlayKind;
using data::OverlayMapping;
using data::TimeFormat;
namespace column = data::column;

namespace {

//! "Created Date" → "createddate", "trajectory_id" → "trajectoryid", "经度" stays "经度".
QString normalized(const QString& name)
{
    QString s;
    for (const QChar c : name)
        if (c.isLetterOrNumber())
            s += c.toLower();
    return s;
}

//! The first column whose normalized name is one of NAMES (in NAMES' order), else the first whose
//! name contains one of PARTS; -1 when none. Columns in TAKEN are skipped.
int findColumn(const QStringList& columns, std::initializer_list<const char*> names,
               std::initializer_list<const char*> parts, const QSet<int>& taken)
{
    QStringList norm;
    for (const QString& c : columns)
        norm << normalized(c);
    for (const char* n : names) {
        const QString want = QString::fromUtf8(n);
        for (int i = 0; i < norm.size(); ++i)
            if (!taken.contains(i) && norm[i] == want)
                return i;
    }
    for (const char* p : parts) {
        const QString want = QString::fromUtf8(p);
        for (int i = 0; i < norm.size(); ++i)
            if (!taken.contains(i) && norm[i].contains(want))
                return i;
    }
    return -1;
}

//! The preview's non-empty values of column INDEX.
QStringList samples(const OverlayFilePreview& preview, int index)
{
    QStringList values;
    for (const QStringList& row : preview.rows)
        if (index >= 0 && index < row.size() && !row[index].trimmed().isEmpty())
            values << row[index].trimmed();
    return values;
}

int xColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c, {"lon", "longitude", "lng", "long", "x", "经度", "easting", "xcoord", "pointx"},
                      {"longitude", "经度"}, taken);
}

int yColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c, {"lat", "latitude", "y", "纬度", "northing", "ycoord", "pointy"},
                      {"latitude", "纬度"}, taken);
}

int timeColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c,
                      {"time", "timestamp", "t", "datetime", "date", "ts", "gpstime", "时间", "定位时间",
                       "采集时间", "recordedat", "createdat"},
                      {"timestamp", "time", "时间", "date"}, taken);
}

int reportedColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c,
                      {"reported", "reportedat", "reporttime", "createddate", "created", "createdat",
                       "opened", "上报时间", "发生时间", "报告时间", "受理时间"},
                      {"reported", "created", "上报"}, taken);
}

int valueColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c,
                      {"value", "reading", "measurement", "val", "数值", "读数", "监测值", "p1", "pm10",
                       "pm25", "p2", "level", "waterlevel"},
                      {"value", "reading"}, taken);
}

int sensorColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c, {"assetid", "sensorid", "deviceid", "sensor", "asset", "设备编号", "传感器编号"},
                      {"sensorid", "assetid"}, taken);
}

int minColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c,
                      {"min", "minimum", "lower", "low", "lowerlimit", "lowlimit", "minvalue", "thresholdmin",
                       "minthreshold", "alarmlow", "lowalarm", "alarmmin", "warnlow", "下限", "最小值", "报警下限",
                       "阈值下限", "预警下限", "告警下限", "低限", "下限值"},
                      {"下限", "lowerlimit", "alarmlow", "thresholdmin", "minthreshold", "lowalarm"}, taken);
}

int maxColumn(const QStringList& c, const QSet<int>& taken)
{
    // A lone "threshold"/阈值/警戒 column is an upper limit: water level, PM2.5, noise alarm above it.
    return findColumn(c,
                      {"max", "maximum", "upper", "high", "upperlimit", "highlimit", "maxvalue", "thresholdmax",
                       "maxthreshold", "alarmhigh", "highalarm", "alarmmax", "warnhigh", "上限", "最大值",
                       "报警上限", "阈值上限", "预警上限", "告警上限", "高限", "上限值", "threshold", "阈值",
                       "警戒值", "警戒水位"},
                      {"上限", "upperlimit", "alarmhigh", "thresholdmax", "maxthreshold", "highalarm", "阈值",
                       "警戒", "threshold"},
                      taken);
}

int subtypeColumn(const QStringList& c, const QSet<int>& taken)
{
    return findColumn(c,
                      {"subtype", "sensortype", "sensorsubtype", "type", "model", "measure", "quantity",
                       "传感器类型", "监测类型", "设备类型", "类型", "型号"},
                      {"subtype", "sensortype", "类型"}, taken);
}

//! A time format under which every sample reads (ISO, epoch, or a known pattern), else Auto.
void guessTimeFormat(const QStringList& values, OverlayMapping& m)
{
    if (values.isEmpty())
        return;
    auto allRead = [&values](const OverlayMapping& trial) {
        OverlayTimeParser parser(trial);
        for (const QString& v : values) {
            const QByteArray u = v.toUtf8();
            if (!parser.parse(std::string_view(u.constData(), static_cast<std::size_t>(u.size()))))
                return false;
        }
        return true;
    };
    OverlayMapping trial = m;
    for (TimeFormat f : {TimeFormat::Iso8601, TimeFormat::Auto}) {
        trial.timeFormat = f;
        if (allRead(trial)) {
            m.timeFormat = f;
            return;
        }
    }
    trial.timeFormat = TimeFormat::Pattern;
    for (const char* pattern :
         {"MM/dd/yyyy hh:mm:ss AP", "MM/dd/yyyy h:mm:ss AP", "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm",
          "dd.MM.yyyy HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "yyyyMMddHHmmss", "yyyy年M月d日 HH:mm:ss"}) {
        trial.timePattern = QString::fromUtf8(pattern);
        if (allRead(trial)) {
            m.timeFormat = TimeFormat::Pattern;
            m.timePattern = trial.timePattern;
            return;
        }
    }
}

//! The first of the id candidates whose values repeat in the preview (many fixes per person).
int trackIdColumn(const OverlayFilePreview& preview, const QSet<int>& taken)
{
    int first = -1;
    QSet<int> skip = taken;
    for (;;) {
        const int c =
            findColumn(preview.columns,
                       {"personid", "userid", "vehicleid", "vehicle", "trajectoryid", "trackid", "tracker",
                        "deviceid", "imei", "staffid", "人员编号", "人员id", "车辆编号", "终端编号", "id"},
                       {"personid", "vehicle", "trajectory", "tracker", "编号"}, skip);
        if (c < 0)
            return first;
        if (first < 0)
            first = c;
        const QStringList values = samples(preview, c);
        if (values.size() >= 2 && QSet<QString>(values.begin(), values.end()).size() < values.size())
            return c;
        skip.insert(c);
    }
}

} // namespace

std::optional<OverlayKind> guessOverlayKind(const OverlayFilePreview& preview)
{
    const QStringList& c = preview.columns;
    const bool positioned = preview.hasPointGeometry || (xColumn(c, {}) >= 0 && yColumn(c, {}) >= 0);
    if (reportedColumn(c, {}) >= 0 || findColumn(c, {}, {"complaint", "incident", "事件"}, {}) >= 0)
        return positioned ? std::optional(OverlayKind::Events) : std::nullopt;
    if (timeColumn(c, {}) >= 0 && sensorColumn(c, {}) >= 0 && valueColumn(c, {}) >= 0)
        return OverlayKind::SensorReadings;
    if (timeColumn(c, {}) >= 0 && positioned && trackIdColumn(preview, {}) >= 0)
        return OverlayKind::Tracks;
    // Limits without positions: a thresholds table (with positions they are columns of assets).
    if (!positioned && (minColumn(c, {}) >= 0 || maxColumn(c, {}) >= 0) &&
        (sensorColumn(c, {}) >= 0 || subtypeColumn(c, {}) >= 0))
        return OverlayKind::Thresholds;
    if (positioned)
        return OverlayKind::Assets;
    return std::nullopt;
}

OverlayMapping guessOverlayMapping(const OverlayFilePreview& preview, OverlayKind kind)
{
    OverlayMapping m;
    m.kind = kind;
    m.delimiter = preview.delimiter;
    const QStringList& c = preview.columns;
    QSet<int> taken;
    auto set = [&](const char* role, int index) {
        if (index < 0)
            return;
        m.columns.insert(QString::fromLatin1(role), c[index]);
        taken.insert(index);
    };
    const bool positioned = kind != OverlayKind::SensorReadings && kind != OverlayKind::Thresholds;
    if (positioned && !preview.hasPointGeometry) {
        set(column::kX, xColumn(c, taken));
        set(column::kY, yColumn(c, taken));
    }
    int timeIndex = -1;
    switch (kind) {
    case OverlayKind::Tracks:
        set(column::kId, trackIdColumn(preview, taken));
        set(column::kTime, timeIndex = timeColumn(c, taken));
        set(column::kName,
            findColumn(c, {"name", "personname", "staffname", "drivername", "姓名"}, {}, taken));
        set(column::kRole, findColumn(c, {"role", "角色", "岗位", "职务", "persontype"}, {}, taken));
        set(column::kTeam, findColumn(c, {"team", "班组", "队伍", "部门", "group", "unit"}, {}, taken));
        break;
    case OverlayKind::Events:
        set(column::kId,
            findColumn(c, {"uniquekey", "eventid", "incidentid", "id", "事件编号", "编号"}, {}, taken));
        set(column::kReported, timeIndex = reportedColumn(c, taken));
        if (timeIndex < 0)
            set(column::kReported, timeIndex = timeColumn(c, taken));
        set(column::kClosed,
            findColumn(c, {"closeddate", "closed", "closedat", "结案时间", "关闭时间"}, {}, taken));
        set(column::kResolved,
            findColumn(c, {"resolved", "resolvedat", "办结时间", "处置完成时间"}, {}, taken));
        set(column::kDispatched,
            findColumn(c, {"dispatched", "dispatchedat", "派遣时间", "派单时间"}, {}, taken));
        set(column::kOnSite,
            findColumn(c, {"onsite", "onsiteat", "arrived", "arrivedat", "到场时间"}, {}, taken));
        set(column::kCategory,
            findColumn(c, {"category", "complainttype", "eventtype", "type", "类别", "事件类型", "类型"}, {},
                       taken));
        set(column::kSeverity,
            findColumn(c, {"severity", "priority", "level", "等级", "级别", "严重程度"}, {}, taken));
        set(column::kDescription,
            findColumn(c, {"description", "descriptor", "desc", "details", "描述", "内容"}, {}, taken));
        set(column::kSource,
            findColumn(c, {"source", "channel", "opendatachanneltype", "来源", "渠道"}, {}, taken));
        set(column::kStaff, findColumn(c, {"staff", "assignedstaff", "处置人员"}, {}, taken));
        break;
    case OverlayKind::Assets:
        set(column::kId,
            findColumn(c, {"id", "assetid", "sensorid", "deviceid", "编号", "设备编号"}, {}, taken));
        set(column::kType,
            findColumn(c, {"type", "assettype", "sensortype", "kind", "category", "类型", "设备类型"}, {},
                       taken));
        set(column::kName, findColumn(c, {"name", "名称", "设备名称"}, {}, taken));
        set(column::kSubtype, findColumn(c, {"subtype", "model", "型号"}, {}, taken));
        set(column::kMin, minColumn(c, taken));
        set(column::kMax, maxColumn(c, taken));
        break;
    case OverlayKind::Thresholds:
        set(column::kAsset, sensorColumn(c, taken));
        if (!m.columns.contains(QString::fromLatin1(column::kAsset)))
            set(column::kAsset, findColumn(c, {"id", "编号"}, {}, taken));
        set(column::kSubtype, subtypeColumn(c, taken));
        set(column::kMin, minColumn(c, taken));
        set(column::kMax, maxColumn(c, taken));
        break;
    case OverlayKind::SensorReadings:
        set(column::kAsset, sensorColumn(c, taken));
        set(column::kTime, timeIndex = timeColumn(c, taken));
        set(column::kValue, valueColumn(c, taken));
        break;
    }
    if (timeIndex >= 0)
        guessTimeFormat(samples(preview, timeIndex), m);

    if (!preview.crs.isEmpty()) {
        m.sourceCrs = preview.crs;
    } else if (m.columns.contains(QString::fromLatin1(column::kX))) {
        // Degrees are recognisable; metres are not (which projected CRS?): leave the CRS to the user.
        const QStringList xs =
            samples(preview, static_cast<int>(c.indexOf(m.columns.value(QStringLiteral("x")))));
        const QStringList ys =
            samples(preview, static_cast<int>(c.indexOf(m.columns.value(QStringLiteral("y")))));
        bool degrees = !xs.isEmpty();
        for (const QString& v : xs)
            degrees = degrees && std::abs(v.toDouble()) <= 180.0;
        for (const QString& v : ys)
            degrees = degrees && std::abs(v.toDouble()) <= 90.0;
        if (!degrees && !xs.isEmpty())
            m.sourceCrs.clear();
    }
    return m;
}

QString checkOverlayMapping(const OverlayFilePreview& preview, const OverlayMapping& mapping)
{
    if (const QString missing = data::missingRequiredColumns(mapping, preview.hasPointGeometry); !missing.isEmpty())
        return missing;
    for (auto it = mapping.columns.cbegin(); it != mapping.columns.cend(); ++it)
        if (!it.value().isEmpty() && !preview.columns.contains(it.value(), Qt::CaseInsensitive))
            return QStringLiteral("the %1 column '%2' is not in the file").arg(it.key(), it.value());
    const bool positioned = mapping.kind != OverlayKind::SensorReadings && mapping.kind != OverlayKind::Thresholds;
    if (positioned && mapping.sourceCrs.trimmed().isEmpty() && preview.crs.isEmpty())
        return QStringLiteral("the CRS of the positions is unknown");
    if (mapping.timeFormat == TimeFormat::Pattern && mapping.timePattern.trimmed().isEmpty())
        return QStringLiteral("no time pattern given");
    OverlayTimeParser parser(mapping);
    if (!parser.isZoneValid())
        return QStringLiteral("unknown time zone '%1'").arg(mapping.timeZone);
    const QString timeRole =
        QString::fromLatin1(mapping.kind == OverlayKind::Events ? column::kReported : column::kTime);
    const QString timeColumnName = mapping.columns.value(timeRole);
    if (!timeColumnName.isEmpty()) {
        const QStringList values =
            samples(preview, static_cast<int>(preview.columns.indexOf(timeColumnName)));
        bool anyRead = values.isEmpty();
        for (const QString& v : values) {
            const QByteArray u = v.toUtf8();
            anyRead =
                anyRead || parser.parse(std::string_view(u.constData(), static_cast<std::size_t>(u.size())));
        }
        if (!anyRead)
            return QStringLiteral("the %1 column '%2' does not read as %3 time (e.g. '%4')")
                .arg(timeRole, timeColumnName, data::toString(mapping.timeFormat), values.first());
    }
    return {};
}

} // namespace citytwin::gis
