#include "gis/CityGmlCrs.h"

#include <QRegularExpression>

namespace citytwin::gis {

namespace {

std::optional<QString> epsg(const QString& code)
{
    bool ok = false;
    const int n = code.toInt(&ok);
    if (!ok || n <= 0)
        return std::nullopt;
    return QStringLiteral("EPSG:%1").arg(n);
}

//! The AdV (German surveying) CRS names: ETRS89 UTM zones and the DHDN Gauss–Krüger zones.
std::optional<QString> advCrs(const QString& horizontal)
{
    static const QRegularExpression utm(QStringLiteral(R"(^ETRS89_UTM(\d{2})$)"),
                                        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression gk(QStringLiteral(R"(^DE_DHDN_3GK([2-5])$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    if (const auto m = utm.match(horizontal); m.hasMatch()) {
        const int zone = m.captured(1).toInt();
        if (zone >= 28 && zone <= 38)
            return QStringLiteral("EPSG:%1").arg(25800 + zone);
    }
    if (const auto m = gk.match(horizontal); m.hasMatch())
        return QStringLiteral("EPSG:%1").arg(31464 + m.captured(1).toInt());
    if (horizontal.compare(QLatin1String("ETRS89_Lat-Lon"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("EPSG:4258");
    return std::nullopt;
}

} // namespace

std::optional<QString> cityGmlSrsToCrs(const QString& srsName)
{
    const QString s = srsName.trimmed();
    // "EPSG:25833", "epsg:25833"
    static const QRegularExpression plain(QStringLiteral(R"(^EPSG:(\d+)$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (const auto m = plain.match(s); m.hasMatch())
        return epsg(m.captured(1));
    // "urn:ogc:def:crs:EPSG::25833", "urn:ogc:def:crs:EPSG:6.12:25833", and the first (horizontal)
    // member of a compound "urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837".
    static const QRegularExpression urn(
        QStringLiteral(R"(^urn:(?:x-)?ogc:def:crs(?:,crs)?:EPSG:[\d.]*:(\d+)(?:,.*)?$)"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = urn.match(s); m.hasMatch())
        return epsg(m.captured(1));
    // "http://www.opengis.net/def/crs/EPSG/0/25833" (and https)
    static const QRegularExpression url(
        QStringLiteral(R"(^https?://www\.opengis\.net/def/crs/EPSG/[\d.]+/(\d+)$)"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = url.match(s); m.hasMatch())
        return epsg(m.captured(1));
    // "urn:adv:crs:ETRS89_UTM32*DE_DHHN92_NH": horizontal * vertical
    static const QRegularExpression adv(QStringLiteral(R"(^urn:adv:crs:([^*]+)(?:\*.*)?$)"),
                                        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = adv.match(s); m.hasMatch())
        return advCrs(m.captured(1));
    return std::nullopt;
}

} // namespace citytwin::gis
