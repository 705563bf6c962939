#include "gis/UndergroundFields.h"

#include "gis/OgrLayerAccess.h"

#include <QRegularExpression>
#include <cmath>
#include <ogrsf_frmts.h>

namespace citytwin::gis {

int findField(OGRFeatureDefn& defn, std::initializer_list<const char*> candidates)
{
    for (const char* candidate : candidates) {
        const QString wanted = QString::fromUtf8(candidate);
        for (int i = 0; i < defn.GetFieldCount(); ++i)
            if (QString::fromUtf8(defn.GetFieldDefn(i)->GetNameRef())
                    .trimmed()
                    .compare(wanted, Qt::CaseInsensitive) == 0)
                return i;
    }
    return -1;
}

QString undergroundText(OGRFeature& feature, int index)
{
    return index < 0 ? QString() : ogrFieldText(feature, index).trimmed();
}

UndergroundNumber undergroundNumber(OGRFeature& feature, int index)
{
    UndergroundNumber n;
    n.text = undergroundText(feature, index);
    if (n.text.isEmpty())
        return n;
    n.present = true;
    switch (feature.GetFieldDefnRef(index)->GetType()) {
    case OFTInteger:
    case OFTInteger64:
    case OFTReal:
        n.value = feature.GetFieldAsDouble(index);
        n.valid = std::isfinite(n.value);
        return n;
    default:
        break;
    }
    static const QRegularExpression re(
        QStringLiteral(R"(^(?:dn|φ|Φ)?\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(mm|cm|m|毫米|厘米|米)?$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(n.text);
    if (!m.hasMatch())
        return n;
    n.value = QString(m.captured(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&n.valid);
    const QString unit = m.captured(2).toLower();
    n.explicitUnit = !unit.isEmpty();
    if (unit == QLatin1String("mm") || unit == QStringLiteral("毫米"))
        n.value /= 1000.0;
    else if (unit == QLatin1String("cm") || unit == QStringLiteral("厘米"))
        n.value /= 100.0;
    n.valid = n.valid && std::isfinite(n.value);
    return n;
}

} // namespace citytwin::gis
