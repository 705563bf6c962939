#include "gis/IfcProperties.h"

#include <QLocale>
#include <QSet>
#include <ifcpp/IFC4/include/IfcAreaMeasure.h>
#include <ifcpp/IFC4/include/IfcBuildingStorey.h>
#include <ifcpp/IFC4/include/IfcCountMeasure.h>
#include <ifcpp/IFC4/include/IfcElement.h>
#include <ifcpp/IFC4/include/IfcElementQuantity.h>
#include <ifcpp/IFC4/include/IfcGloballyUniqueId.h>
#include <ifcpp/IFC4/include/IfcIdentifier.h>
#include <ifcpp/IFC4/include/IfcLabel.h>
#include <ifcpp/IFC4/include/IfcLengthMeasure.h>
#include <ifcpp/IFC4/include/IfcMassMeasure.h>
#include <ifcpp/IFC4/include/IfcObject.h>
#include <ifcpp/IFC4/include/IfcPropertyEnumeratedValue.h>
#include <ifcpp/IFC4/include/IfcPropertySet.h>
#include <ifcpp/IFC4/include/IfcPropertySetDefinitionSet.h>
#include <ifcpp/IFC4/include/IfcPropertySingleValue.h>
#include <ifcpp/IFC4/include/IfcQuantityArea.h>
#include <ifcpp/IFC4/include/IfcQuantityCount.h>
#include <ifcpp/IFC4/include/IfcQuantityLength.h>
#include <ifcpp/IFC4/include/IfcQuantityVolume.h>
#include <ifcpp/IFC4/include/IfcQuantityWeight.h>
#include <ifcpp/IFC4/include/IfcRelDefinesByProperties.h>
#include <ifcpp/IFC4/include/IfcRelDefinesByType.h>
#include <ifcpp/IFC4/include/IfcSpatialElement.h>
#include <ifcpp/IFC4/include/IfcText.h>
#include <ifcpp/IFC4/include/IfcTypeObject.h>
#include <ifcpp/IFC4/include/IfcValue.h>
#include <ifcpp/IFC4/include/IfcVolumeMeasure.h>

namespace citytwin::gis {

using data::ModelAttribute;

namespace {

QString number(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

//! A value as the inspector shows it: STEP's .T./.F. as true/false, enumerations without dots,
//! numbers in their shortest form (IfcPlusPlus prints fixed six decimals).
QString valueText(const BuildingObject* value)
{
    if (!value)
        return {};
    QString s = QString::fromStdWString(value->toString()).trimmed();
    if (s == QLatin1String(".T.") || s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("true");
    if (s == QLatin1String(".F.") || s.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("false");
    if (s.size() > 2 && s.startsWith(QLatin1Char('.')) && s.endsWith(QLatin1Char('.')))
        return s.mid(1, s.size() - 2);
    bool ok = false;
    const double v = s.toDouble(&ok);
    return ok ? number(v) : s;
}

template <class T> QString text(const shared_ptr<T>& v)
{
    return v ? QString::fromStdWString(v->m_value).trimmed() : QString();
}

class Collector
{
public:
    Collector(double lengthToMetre) : m_length(lengthToMetre) {}

    void add(const QString& name, const QString& value)
    {
        if (name.isEmpty() || value.isEmpty() || m_names.contains(name))
            return;
        m_names.insert(name);
        m_out.push_back(ModelAttribute{name, value});
    }

    void addDefinition(const shared_ptr<IfcPropertySetDefinition>& def)
    {
        if (!def)
            return;
        const QString set = text(def->m_Name);
        const QString prefix = set.isEmpty() ? QString() : set + QLatin1Char('.');
        if (const auto pset = dynamic_pointer_cast<IfcPropertySet>(def)) {
            for (const auto& p : pset->m_HasProperties)
                if (p)
                    add(prefix + text(p->m_Name), propertyValue(*p));
        } else if (const auto qset = dynamic_pointer_cast<IfcElementQuantity>(def)) {
            for (const auto& q : qset->m_Quantities)
                if (q)
                    add(prefix + text(q->m_Name), quantityValue(*q));
        }
    }

    void addSelect(const shared_ptr<IfcPropertySetDefinitionSelect>& select)
    {
        if (const auto def = dynamic_pointer_cast<IfcPropertySetDefinition>(select))
            addDefinition(def);
        else if (const auto defs = dynamic_pointer_cast<IfcPropertySetDefinitionSet>(select))
            for (const auto& d : defs->m_vec)
                addDefinition(d);
    }

    std::vector<ModelAttribute> take() { return std::move(m_out); }
    double length() const { return m_length; }

private:
    QString propertyValue(const IfcProperty& p) const
    {
        if (const auto* single = dynamic_cast<const IfcPropertySingleValue*>(&p))
            return valueText(single->m_NominalValue.get());
        if (const auto* enumerated = dynamic_cast<const IfcPropertyEnumeratedValue*>(&p)) {
            QStringList values;
            for (const auto& v : enumerated->m_EnumerationValues)
                values.append(valueText(v.get()));
            return values.join(QStringLiteral(", "));
        }
        return {}; // bounded, list, table and complex properties: not shown
    }

    QString quantityValue(const IfcPhysicalQuantity& q) const
    {
        if (const auto* l = dynamic_cast<const IfcQuantityLength*>(&q); l && l->m_LengthValue)
            return number(l->m_LengthValue->m_value * m_length);
        if (const auto* a = dynamic_cast<const IfcQuantityArea*>(&q); a && a->m_AreaValue)
            return number(a->m_AreaValue->m_value * m_length * m_length);
        if (const auto* v = dynamic_cast<const IfcQuantityVolume*>(&q); v && v->m_VolumeValue)
            return number(v->m_VolumeValue->m_value * m_length * m_length * m_length);
        if (const auto* c = dynamic_cast<const IfcQuantityCount*>(&q); c && c->m_CountValue)
            return number(c->m_CountValue->m_value);
        if (const auto* w = dynamic_cast<const IfcQuantityWeight*>(&q); w && w->m_WeightValue)
            return number(w->m_WeightValue->m_value);
        return {};
    }

    double m_length;
    QSet<QString> m_names;
    std::vector<ModelAttribute> m_out;
};

} // namespace

QString ifcGlobalId(const IfcObjectDefinition& object)
{
    return text(object.m_GlobalId);
}

QString ifcName(const IfcObjectDefinition& object)
{
    const QString name = text(object.m_Name);
    if (!name.isEmpty())
        return name;
    if (const auto* spatial = dynamic_cast<const IfcSpatialElement*>(&object))
        return text(spatial->m_LongName);
    return {};
}

std::vector<ModelAttribute> ifcAttributes(const IfcObjectDefinition& object, double lengthToMetre)
{
    Collector c(lengthToMetre);
    c.add(QStringLiteral("Name"), text(object.m_Name));
    c.add(QStringLiteral("Description"), text(object.m_Description));
    if (const auto* o = dynamic_cast<const IfcObject*>(&object))
        c.add(QStringLiteral("ObjectType"), text(o->m_ObjectType));
    if (const auto* e = dynamic_cast<const IfcElement*>(&object))
        c.add(QStringLiteral("Tag"), text(e->m_Tag));
    if (const auto* s = dynamic_cast<const IfcSpatialElement*>(&object))
        c.add(QStringLiteral("LongName"), text(s->m_LongName));
    if (const auto* storey = dynamic_cast<const IfcBuildingStorey*>(&object); storey && storey->m_Elevation)
        c.add(QStringLiteral("Elevation"), number(storey->m_Elevation->m_value * lengthToMetre));

    const auto* o = dynamic_cast<const IfcObject*>(&object);
    if (!o)
        return c.take();
    for (const auto& weak : o->m_IsDefinedBy_inverse)
        if (const auto rel = weak.lock())
            c.addSelect(rel->m_RelatingPropertyDefinition);
    // Type properties come last: Collector keeps the first value of a name, so the occurrence wins.
    for (const auto& weak : o->m_IsTypedBy_inverse)
        if (const auto rel = weak.lock(); rel && rel->m_RelatingType)
            for (const auto& def : rel->m_RelatingType->m_HasPropertySets)
                c.addDefinition(def);
    return c.take();
}

} // namespace citytwin::gis
