#include "gis/PipeAttributes.h"

#include "gis/OgrLayerAccess.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <ogrsf_frmts.h>
#include <tuple>

namespace citytwin::gis {

using data::DepthReference;
using data::PipeMapping;
using data::Result;
using data::Status;

namespace {

constexpr double kMaxDepthM = 100.0;
constexpr double kMaxSizeM = 20.0;
// Sizes are metres up to this; larger numbers can only be millimetres (a 400 m pipe is no pipe).
constexpr double kMillimetreThreshold = 20.0;
constexpr double kMaxAbsElevationM = 10000.0;

//! A field's number: absent (unmapped, unset, null or blank), valid, or text that is no number.
struct FieldNumber
{
    bool present = false;
    bool valid = false;
    bool explicitUnit = false; //!< the text named its unit: VALUE is in metres already
    double value = 0.0;
    QString text;
};

//! Numbers as utility tables write them in text columns: "1.2", "1,2", "1.2 m", "DN400", "Φ300",
//! "De110", "250mm", "30 cm", "400毫米", "1.5米".
bool parseNumberText(const QString& text, FieldNumber& n)
{
    static const QRegularExpression re(
        QStringLiteral(
            R"(^(?:dn|de|φ|Φ|ф|d)?\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?)\s*(mm|cm|m|毫米|厘米|米)?$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return false;
    bool ok = false;
    n.value = QString(m.captured(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&ok);
    const QString unit = m.captured(2).toLower();
    n.explicitUnit = !unit.isEmpty();
    if (unit == QLatin1String("mm") || unit == QStringLiteral("毫米"))
        n.value /= 1000.0;
    else if (unit == QLatin1String("cm") || unit == QStringLiteral("厘米"))
        n.value /= 100.0;
    return ok && std::isfinite(n.value);
}

FieldNumber fieldNumber(OGRFeature& f, int idx)
{
    FieldNumber n;
    if (idx < 0)
        return n;
    n.text = ogrFieldText(f, idx).trimmed();
    if (n.text.isEmpty())
        return n;
    n.present = true;
    switch (f.GetFieldDefnRef(idx)->GetType()) {
    case OFTInteger:
    case OFTInteger64:
    case OFTReal:
        n.value = f.GetFieldAsDouble(idx);
        n.valid = std::isfinite(n.value);
        break;
    default:
        n.valid = parseNumberText(n.text, n);
        break;
    }
    return n;
}

QString metres(double v)
{
    return QString::number(v, 'g', 6) + QStringLiteral(" m");
}

//! A size in metres from N (millimetres when above the threshold); false with WHY when implausible.
bool sizeValue(const FieldNumber& n, const char* what, double& out, QString& why)
{
    if (!n.valid) {
        why = QStringLiteral("%1 is not a number (\"%2\")").arg(QLatin1String(what), n.text);
        return false;
    }
    if (n.value <= 0) {
        why = QStringLiteral("non-positive %1 (%2)").arg(QLatin1String(what), n.text);
        return false;
    }
    out = !n.explicitUnit && n.value > kMillimetreThreshold ? n.value / 1000.0 : n.value;
    if (out > kMaxSizeM) {
        why = QStringLiteral("implausible %1 (%2)")
                  .arg(QLatin1String(what), n.explicitUnit ? n.text : n.text + QStringLiteral(" mm"));
        return false;
    }
    return true;
}

//! Offset from the REFERENCE point to the centre, downwards positive: top lies half the vertical
//! size above the centre, invert half below.
double referenceToCentre(DepthReference reference, double verticalSize)
{
    switch (reference) {
    case DepthReference::Top:
        return verticalSize / 2.0;
    case DepthReference::Invert:
        return -verticalSize / 2.0;
    case DepthReference::Centre:
        break;
    }
    return 0.0;
}

bool readSize(OGRFeature& f, const PipeFieldIndices& fields, const PipeMapping& mapping, PipeAttributes& out,
              QString& why)
{
    data::PipeLine& p = out.pipe;
    if (const FieldNumber d = fieldNumber(f, fields.diameter); d.present) {
        p.section = data::PipeSection::Round;
        return sizeValue(d, "diameter", p.diameterM, why);
    }
    const FieldNumber w = fieldNumber(f, fields.width);
    const FieldNumber h = fieldNumber(f, fields.height);
    if (w.present && h.present) {
        p.section = data::PipeSection::Box;
        if (!sizeValue(w, "width", p.widthM, why) || !sizeValue(h, "height", p.heightM, why))
            return false;
        // Code that wants one size for any section (level of detail, picking) gets the larger side.
        p.diameterM = std::max(p.widthM, p.heightM);
        return true;
    }
    p.section = data::PipeSection::Round;
    p.diameterM = mapping.defaultDiameterM;
    out.sizeDefaulted = true;
    return true;
}

bool readDepth(OGRFeature& f, const PipeFieldIndices& fields, const PipeMapping& mapping, bool lineHasZ,
               PipeAttributes& out, QString& why)
{
    data::PipeLine& p = out.pipe;
    const double verticalSize = p.section == data::PipeSection::Box ? p.heightM : p.diameterM;
    const double toCentre = referenceToCentre(mapping.depthReference, verticalSize);
    p.depthM = mapping.defaultDepthM;
    if (const FieldNumber d = fieldNumber(f, fields.depth); d.present) {
        if (!d.valid) {
            why = QStringLiteral("depth is not a number (\"%1\")").arg(d.text);
            return false;
        }
        if (d.value < 0 || d.value > kMaxDepthM) {
            why = QStringLiteral("%1 depth (%2)")
                      .arg(d.value < 0 ? QStringLiteral("negative") : QStringLiteral("implausible"),
                           metres(d.value));
            return false;
        }
        p.depthM = d.value + toCentre;
        if (p.depthM < 0) {
            why = QStringLiteral("invert depth %1 is less than half the pipe's height").arg(metres(d.value));
            return false;
        }
        out.depthSource = PipeDepthSource::Field;
        return true;
    }
    const FieldNumber z0 = fieldNumber(f, fields.startElevation);
    const FieldNumber z1 = fieldNumber(f, fields.endElevation);
    if (z0.present && z1.present) {
        for (const FieldNumber* z : {&z0, &z1}) {
            if (!z->valid || std::abs(z->value) > kMaxAbsElevationM) {
                why = QStringLiteral("implausible elevation (\"%1\")").arg(z->text);
                return false;
            }
        }
        out.startCentreZ = z0.value - toCentre;
        out.endCentreZ = z1.value - toCentre;
        out.depthSource = PipeDepthSource::Elevations;
        return true;
    }
    out.depthSource = lineHasZ ? PipeDepthSource::LineZ : PipeDepthSource::Default;
    return true;
}

} // namespace

Result<PipeFieldIndices> resolvePipeFields(OGRFeatureDefn& defn, const PipeMapping& mapping,
                                           const QString& path)
{
    PipeFieldIndices out;
    const std::tuple<const char*, const QString*, int*> wanted[] = {
        {"depth", &mapping.depthField, &out.depth},
        {"start elevation", &mapping.startElevationField, &out.startElevation},
        {"end elevation", &mapping.endElevationField, &out.endElevation},
        {"diameter", &mapping.diameterField, &out.diameter},
        {"width", &mapping.widthField, &out.width},
        {"height", &mapping.heightField, &out.height},
        {"material", &mapping.materialField, &out.material},
        {"install year", &mapping.installYearField, &out.installYear},
        {"network", &mapping.networkField, &out.network},
    };
    for (const auto& [role, name, index] : wanted) {
        if (name->isEmpty())
            continue;
        *index = defn.GetFieldIndex(name->toUtf8().constData());
        if (*index >= 0)
            continue;
        QStringList have;
        for (int i = 0; i < defn.GetFieldCount(); ++i)
            have << QString::fromUtf8(defn.GetFieldDefn(i)->GetNameRef());
        return Status::error(Status::Code::NotFound,
                             QStringLiteral("%1: the %2 field \"%3\" of the pipe mapping does not exist (the "
                                            "layer has: %4)")
                                 .arg(path, QLatin1String(role), *name, have.join(QStringLiteral(", "))));
    }
    return out;
}

bool readPipeAttributes(OGRFeature& feature, const PipeFieldIndices& fields, const PipeMapping& mapping,
                        bool lineHasZ, PipeAttributes& out, QString& why)
{
    out = PipeAttributes{};
    data::PipeLine& p = out.pipe;
    const QString networkText = fields.network >= 0 ? ogrFieldText(feature, fields.network) : QString();
    p.network = data::pipeNetworkFromText(networkText).value_or(mapping.defaultNetwork);
    if (fields.material >= 0)
        p.material = ogrFieldText(feature, fields.material).trimmed();
    if (const FieldNumber year = fieldNumber(feature, fields.installYear); year.valid)
        p.installYear = int(year.value);
    return readSize(feature, fields, mapping, out, why) &&
           readDepth(feature, fields, mapping, lineHasZ, out, why);
}

} // namespace citytwin::gis
