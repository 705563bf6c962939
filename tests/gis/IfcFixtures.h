#pragma once

// Minimal IFC4 files written by the tests: a project → site → building → storey with N walls,
// each an IfcExtrudedAreaSolid of a rectangle at a known place, so extents are known exactly.

#include "data/Model.h"

#include <QFile>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace citytwin::test {

struct IfcWallSpec
{
    double x = 0, y = 0, z = 0; //!< metres: the wall's local origin (a corner of its rectangle)
    double length = 4.0, thickness = 0.2, height = 3.0;
};

struct IfcFileSpec
{
    std::vector<IfcWallSpec> walls;
    double unitsPerMetre = 1.0;                 //!< 1000: the file is in millimetres
    QString siteLatitude = QStringLiteral("$"); //!< e.g. "(30,42,0,0)"
    QString siteLongitude = QStringLiteral("$");
    double siteElevation = 0.0; //!< metres
    QString trueNorth = QStringLiteral("(0.,1.)");
    double storeyElevation = 3.5; //!< metres
    //! IFCMAPCONVERSION into IfcProjectedCRS CRS: "EPSG:4549,E,N,H,abscissa,ordinate"
    std::optional<QStringList> mapConversion;
    int corruptWall = -1; //!< index of a wall whose STEP line is garbled
};

//! The demo placement: lon 121.0, lat 30.7 (Pinghu), 4 m up, no rotation.
inline data::ModelPlacement pinghu()
{
    data::ModelPlacement p;
    p.origin = {121.0, 30.7, 4.0};
    return p;
}

inline QString stepReal(double v)
{
    return QString::number(v, 'f', 4);
}

inline QString ifcGuid(const char* prefix, int n)
{
    return QStringLiteral("%1%2")
        .arg(QLatin1String(prefix))
        .arg(n, 22 - int(qstrlen(prefix)), 10, QLatin1Char('0'));
}

inline QString makeIfc(const IfcFileSpec& s)
{
    const double u = s.unitsPerMetre;
    QStringList l;
    l << "ISO-10303-21;"
      << "HEADER;"
      << "FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');"
      << "FILE_NAME('generated.ifc','2024-01-01T00:00:00',(''),(''),'citytwin','citytwin','');"
      << "FILE_SCHEMA(('IFC4'));"
      << "ENDSEC;"
      << "DATA;";
    l << "#1=IFCCARTESIANPOINT((0.,0.,0.));"
      << "#2=IFCDIRECTION((0.,0.,1.));"
      << "#3=IFCDIRECTION((1.,0.,0.));"
      << "#4=IFCAXIS2PLACEMENT3D(#1,#2,#3);" << QStringLiteral("#5=IFCDIRECTION(%1);").arg(s.trueNorth)
      << "#6=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#4,#5);"
      << (u == 1.0 ? "#7=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);"
                   : "#7=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);")
      << "#8=IFCUNITASSIGNMENT((#7));"
      << QStringLiteral("#9=IFCPROJECT('%1',$,'Generated project',$,$,$,$,(#6),#8);").arg(ifcGuid("0P", 1))
      << "#10=IFCLOCALPLACEMENT($,#4);"
      << QStringLiteral("#11=IFCSITE('%1',$,'Site',$,$,#10,$,$,.ELEMENT.,%2,%3,%4,$,$);")
             .arg(ifcGuid("0S", 1), s.siteLatitude, s.siteLongitude, stepReal(s.siteElevation * u))
      << "#12=IFCLOCALPLACEMENT(#10,#4);"
      << QStringLiteral("#13=IFCBUILDING('%1',$,'Building',$,$,#12,$,$,.ELEMENT.,$,$,$);")
             .arg(ifcGuid("0B", 1))
      << "#14=IFCLOCALPLACEMENT(#12,#4);"
      << QStringLiteral("#15=IFCBUILDINGSTOREY('%1',$,'Ground floor',$,$,#14,$,$,.ELEMENT.,%2);")
             .arg(ifcGuid("0F", 1), stepReal(s.storeyElevation * u))
      << QStringLiteral("#16=IFCRELAGGREGATES('%1',$,$,$,#9,(#11));").arg(ifcGuid("0A", 1))
      << QStringLiteral("#17=IFCRELAGGREGATES('%1',$,$,$,#11,(#13));").arg(ifcGuid("0A", 2))
      << QStringLiteral("#18=IFCRELAGGREGATES('%1',$,$,$,#13,(#15));").arg(ifcGuid("0A", 3));
    if (s.mapConversion) {
        const QStringList& m = *s.mapConversion;
        l << QStringLiteral("#20=IFCPROJECTEDCRS('%1',$,$,$,$,$,$);").arg(m[0])
          << QStringLiteral("#21=IFCMAPCONVERSION(#6,#20,%1,%2,%3,%4,%5,$);")
                 .arg(m[1], m[2], m[3], m[4], m[5]);
    }
    QStringList wallRefs;
    for (size_t k = 0; k < s.walls.size(); ++k) {
        const IfcWallSpec& w = s.walls[k];
        const int b = 100 + int(k) * 10;
        const auto id = [b](int i) { return QStringLiteral("#%1").arg(b + i); };
        l << QStringLiteral("%1=IFCCARTESIANPOINT((%2,%3,%4));")
                 .arg(id(0), stepReal(w.x * u), stepReal(w.y * u), stepReal(w.z * u))
          << QStringLiteral("%1=IFCAXIS2PLACEMENT3D(%2,$,$);").arg(id(1), id(0))
          << QStringLiteral("%1=IFCLOCALPLACEMENT(#14,%2);").arg(id(2), id(1))
          << QStringLiteral("%1=IFCCARTESIANPOINT((%2,%3));")
                 .arg(id(3), stepReal(w.length * u / 2), stepReal(w.thickness * u / 2))
          << QStringLiteral("%1=IFCAXIS2PLACEMENT2D(%2,$);").arg(id(4), id(3))
          << QStringLiteral("%1=IFCRECTANGLEPROFILEDEF(.AREA.,$,%2,%3,%4);")
                 .arg(id(5), id(4), stepReal(w.length * u), stepReal(w.thickness * u))
          << QStringLiteral("%1=IFCEXTRUDEDAREASOLID(%2,#4,#2,%3);").arg(id(6), id(5), stepReal(w.height * u))
          << QStringLiteral("%1=IFCSHAPEREPRESENTATION(#6,'Body','SweptSolid',(%2));").arg(id(7), id(6))
          << QStringLiteral("%1=IFCPRODUCTDEFINITIONSHAPE($,$,(%2));").arg(id(8), id(7));
        if (int(k) == s.corruptWall)
            l << QStringLiteral("%1=IFCWALL('%2',$,'Wall %3',(((#,,),#xx);")
                     .arg(id(9), ifcGuid("1W", int(k)))
                     .arg(k);
        else
            l << QStringLiteral("%1=IFCWALL('%2',$,'Wall %3',$,$,%4,%5,'T%3',$);")
                     .arg(id(9), ifcGuid("1W", int(k)))
                     .arg(k)
                     .arg(id(2), id(8));
        wallRefs << id(9);
    }
    if (!s.walls.empty()) {
        l << QStringLiteral("#90=IFCRELCONTAINEDINSPATIALSTRUCTURE('%1',$,$,$,(%2),#15);")
                 .arg(ifcGuid("0C", 1), wallRefs.join(QLatin1Char(',')))
          << "#91=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(.T.),$);"
          << "#92=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI 90'),$);"
          << QStringLiteral("#93=IFCPROPERTYSET('%1',$,'Pset_WallCommon',$,(#91,#92));").arg(ifcGuid("0Q", 1))
          << QStringLiteral("#94=IFCRELDEFINESBYPROPERTIES('%1',$,$,$,(%2),#93);")
                 .arg(ifcGuid("0R", 1), wallRefs.first());
    }
    l << "ENDSEC;"
      << "END-ISO-10303-21;";
    return l.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

inline bool writeText(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace citytwin::test
