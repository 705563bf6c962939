// CityGML 3.0: libcitygml matches elements by local name, so a 3.0 encoding of a building — 3.0
// namespaces, GML 3.2, geometry properties from the core module (<lod2MultiSurface>), surfaces
// under <boundary> from the construction module (con:RoofSurface…) — reads like its 2.0 twin.
// The 3.0 file is derived here from the shared 2.0 sample and must give the same model.
#include "gis/CityGmlReader.h"
#include "tests/common/TestPaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace citytwin;

namespace {

//! The 2.0 sample rewritten in the CityGML 3.0 encoding.
QByteArray toCityGml3(QByteArray gml, const QByteArray& corePrefix)
{
    gml.replace("/2.0", "/3.0"); // namespaces and schema locations
    gml.replace("http://www.opengis.net/gml\"", "http://www.opengis.net/gml/3.2\"");
    gml.replace("xmlns:bldg=\"http://www.opengis.net/citygml/building/3.0\"",
                "xmlns:bldg=\"http://www.opengis.net/citygml/building/3.0\" "
                "xmlns:con=\"http://www.opengis.net/citygml/construction/3.0\" "
                "xmlns:core=\"http://www.opengis.net/citygml/3.0\"");
    gml.replace("bldg:boundedBy", corePrefix + "boundary");
    gml.replace("bldg:lod2MultiSurface", "lod2MultiSurface");
    gml.replace("bldg:lod2Solid", "lod2Solid");
    for (const char* surface : {"WallSurface", "RoofSurface", "GroundSurface"})
        gml.replace(QByteArray("bldg:") + surface, QByteArray("con:") + surface);
    return gml;
}

QStringList typesOf(const data::Model& model)
{
    QStringList types;
    for (const data::ModelFeature& f : model.features)
        types << f.type;
    types.sort();
    return types;
}

} // namespace

class TstCityGml3 : public QObject
{
    Q_OBJECT

private slots:
    void readsLikeItsCityGml2Twin_data();
    void readsLikeItsCityGml2Twin();
};

void TstCityGml3::readsLikeItsCityGml2Twin_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QByteArray>("corePrefix");
    QTest::newRow("semantic surfaces, <boundary>") << "citygml/libcitygml/b1_lod2_cs_w_sem.gml" << QByteArray();
    QTest::newRow("semantic surfaces, <core:boundary>") << "citygml/libcitygml/b1_lod2_cs_w_sem.gml"
                                                        << QByteArray("core:");
    QTest::newRow("solid") << "citygml/libcitygml/b1_lod2_s.gml" << QByteArray();
}

void TstCityGml3::readsLikeItsCityGml2Twin()
{
    QFETCH(QString, sample);
    QFETCH(QByteArray, corePrefix);
    const QString v2 = test::sharedDataFile(sample);
    if (v2.isEmpty())
        QSKIP(qPrintable(QStringLiteral("shared data absent: ") + sample));
    QFile in(v2);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray converted = toCityGml3(in.readAll(), corePrefix);
    QVERIFY(converted.contains("citygml/3.0") && !converted.contains("citygml/building/2.0"));
    QTemporaryDir dir;
    const QString v3 = dir.filePath(QStringLiteral("v3.gml"));
    {
        QFile out(v3);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(converted);
    }
    gis::ModelReadOptions options;
    options.projectCrs = QStringLiteral("EPSG:4549");
    data::ModelPlacement placement;
    placement.origin = {121.0, 30.7, 5.0};
    options.placement = placement;
    auto a = gis::readCityGml(v2, options);
    auto b = gis::readCityGml(v3, options);
    QVERIFY2(a, qPrintable(a.status().message()));
    QVERIFY2(b, qPrintable(b.status().message()));
    QVERIFY(a->triangleCount() > 0);
    QCOMPARE(b->triangleCount(), a->triangleCount());
    QCOMPARE(typesOf(*b), typesOf(*a));
    QVERIFY(a->computeBounds() && b->computeBounds());
    QVERIFY(std::abs(b->boundsMin.x - a->boundsMin.x) < 1e-6 && std::abs(b->boundsMax.z - a->boundsMax.z) < 1e-6);
    if (sample.contains(QLatin1String("sem")))
        QVERIFY2(typesOf(*b).contains(QStringLiteral("RoofSurface")), qPrintable(typesOf(*b).join(u',')));
}

QTEST_MAIN(TstCityGml3)
#include "tst_citygml3.moc"
