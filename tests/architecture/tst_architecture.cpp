// ARCHITECTURE.md's module rule, enforced: every #include of data/, gis/, scene/, app/ and every
// citytwin_* link edge must be allowed by the table in ArchitectureRules.cpp.
#include "ArchitectureRules.h"
#include "tests/common/TestPaths.h"

#include <QDirIterator>
#include <QFile>
#include <QLibraryInfo>
#include <QTest>

using namespace citytwin::test;

class TstArchitecture : public QObject
{
    Q_OBJECT

private:
    static QString qtHeaders() { return QLibraryInfo::path(QLibraryInfo::HeadersPath); }

    static QString readText(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    static QString report(const std::vector<Violation>& violations)
    {
        QStringList lines;
        for (const Violation& v : violations)
            lines << v.toString();
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(qtHeaders() + QStringLiteral("/QtCore/QString")),
                 qPrintable(QStringLiteral("Qt headers not found under %1").arg(qtHeaders())));
    }

    // --- the checker itself must be able to fail ---

    void classify_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("category");
        QTest::newRow("std") << "#include <vector>"
                             << "std";
        QTest::newRow("c std") << "#include <math.h>"
                               << "std";
        QTest::newRow("qt core") << "#include <QJsonObject>"
                                 << "qt:QtCore";
        QTest::newRow("qt core prefixed") << "#include <QtCore/QDateTime>"
                                          << "qt:QtCore";
        QTest::newRow("qt gui class") << "#include <QColor>"
                                      << "qt:QtGui";
        QTest::newRow("qt image") << "#include <QImage>"
                                  << "qt:QtGui";
        QTest::newRow("qt widgets") << "#include <QWidget>"
                                    << "qt:QtWidgets";
        QTest::newRow("qt opengl") << "#include <QOpenGLWidget>"
                                   << "qt:QtOpenGLWidgets";
        QTest::newRow("sqlite") << "#include <sqlite3.h>"
                                << "sqlite";
        QTest::newRow("gdal") << "#include <gdal_priv.h>"
                              << "gdal";
        QTest::newRow("ogr") << "#include <ogrsf_frmts.h>"
                             << "gdal";
        QTest::newRow("cpl") << "#include <cpl_conv.h>"
                             << "gdal";
        QTest::newRow("proj") << "#include <proj.h>"
                              << "proj";
        QTest::newRow("osg") << "#include <osg/Node>"
                             << "osg";
        QTest::newRow("osgViewer") << "#include <osgViewer/Viewer>"
                                   << "osg";
        QTest::newRow("openthreads") << "#include <OpenThreads/Mutex>"
                                     << "osg";
        QTest::newRow("citygml") << "#include <citygml/citygml.h>"
                                 << "modelformats";
        QTest::newRow("tinygltf") << "#include <tiny_gltf.h>"
                                  << "modelformats";
        QTest::newRow("ifcpp") << "#include <ifcpp/model/BuildingModel.h>"
                               << "modelformats";
        QTest::newRow("own module") << "#include \"gis/LocalFrame.h\""
                                    << "module:gis";
        QTest::newRow("relative") << "#include \"LocalFrame.h\""
                                  << "unknown";
        QTest::newRow("made-up Qt") << "#include <QNoSuchThing>"
                                    << "unknown";
    }
    void classify()
    {
        QFETCH(QString, line);
        QFETCH(QString, category);
        const int open = int(line.indexOf(QRegularExpression(QStringLiteral("[<\"]"))));
        const bool angle = line.at(open) == QLatin1Char('<');
        const QString target = line.mid(open + 1).chopped(1);
        QCOMPARE(classifyInclude(target, angle, qtHeaders()), category);
    }

    void knownIncludes_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("data std") << "data"
                                  << "#include <optional>" << true;
        QTest::newRow("data QtCore") << "data"
                                     << "#include <QJsonObject>" << true;
        QTest::newRow("data sqlite") << "data"
                                     << "#include <sqlite3.h>" << true;
        QTest::newRow("data itself") << "data"
                                     << "#include \"data/Clock.h\"" << true;
        QTest::newRow("data QImage") << "data"
                                     << "#include <QImage>" << false;
        QTest::newRow("data QColor") << "data"
                                     << "#include <QColor>" << false;
        QTest::newRow("data QtGui/") << "data"
                                     << "#  include <QtGui/QVector3D>" << false;
        QTest::newRow("data QOpenGL") << "data"
                                      << "#include <QOpenGLFunctions>" << false;
        QTest::newRow("data gdal") << "data"
                                   << "#include <gdal_priv.h>" << false;
        QTest::newRow("data cpl") << "data"
                                  << "  #include <cpl_error.h>" << false;
        QTest::newRow("data proj") << "data"
                                   << "#include <proj.h>" << false;
        QTest::newRow("data osg") << "data"
                                  << "#include <osg/Node>" << false;
        QTest::newRow("data OpenThreads") << "data"
                                          << "#include <OpenThreads/Thread>" << false;
        QTest::newRow("data -> gis") << "data"
                                     << "#include \"gis/CrsTransformer.h\"" << false;
        QTest::newRow("data -> scene") << "data"
                                       << "#include \"scene/CityScene.h\"" << false;
        QTest::newRow("data -> app") << "data"
                                     << "#include \"app/ProjectSession.h\"" << false;
        QTest::newRow("gis gdal") << "gis"
                                  << "#include <ogr_spatialref.h>" << true;
        QTest::newRow("gis proj") << "gis"
                                  << "#include <proj.h>" << true;
        QTest::newRow("gis data") << "gis"
                                  << "#include \"data/Rasters.h\"" << true;
        QTest::newRow("gis citygml") << "gis"
                                     << "#include <citygml/citymodel.h>" << true;
        QTest::newRow("scene tinygltf") << "scene"
                                        << "#include <tiny_gltf.h>" << false;
        QTest::newRow("data ifcpp") << "data"
                                    << "#include <ifcpp/reader/ReaderSTEP.h>" << false;
        QTest::newRow("gis osg") << "gis"
                                 << "#include <osg/Geometry>" << false;
        QTest::newRow("gis widgets") << "gis"
                                     << "#include <QWidget>" << false;
        QTest::newRow("gis QtGui") << "gis"
                                   << "#include <QImage>" << false;
        QTest::newRow("gis -> scene") << "gis"
                                      << "#include \"scene/SceneBuilders.h\"" << false;
        QTest::newRow("gis -> app") << "gis"
                                    << "#include \"app/LayerLoader.h\"" << false;
        QTest::newRow("scene osg") << "scene"
                                   << "#include <osgUtil/Tessellator>" << true;
        QTest::newRow("scene OpenThreads") << "scene"
                                           << "#include <OpenThreads/Mutex>" << true;
        QTest::newRow("scene data") << "scene"
                                    << "#include \"data/Features.h\"" << true;
        QTest::newRow("scene gdal") << "scene"
                                    << "#include <gdal.h>" << false;
        QTest::newRow("scene proj") << "scene"
                                    << "#include <proj.h>" << false;
        QTest::newRow("scene sqlite") << "scene"
                                      << "#include <sqlite3.h>" << false;
        QTest::newRow("scene widgets") << "scene"
                                       << "#include <QtWidgets/QWidget>" << false;
        QTest::newRow("scene -> gis") << "scene"
                                      << "#include \"gis/LocalFrame.h\"" << false;
        QTest::newRow("scene -> app") << "scene"
                                      << "#include \"app/OsgViewWidget.h\"" << false;
        QTest::newRow("app anything") << "app"
                                      << "#include <QOpenGLWidget>" << true;
        QTest::newRow("app gdal") << "app"
                                  << "#include <gdal.h>" << true;
    }
    void knownIncludes()
    {
        QFETCH(QString, module);
        QFETCH(QString, line);
        QFETCH(bool, allowed);
        const QString text =
            QStringLiteral("// header\n#pragma once\n\n") + line + QStringLiteral("\nint x;\n");
        const std::vector<Violation> v = checkIncludes(module, QStringLiteral("probe.h"), text, qtHeaders());
        QCOMPARE(v.empty(), allowed);
        if (!allowed)
            QCOMPARE(v.front().line, 4);
    }

    void knownLinks_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("cmake");
        QTest::addColumn<int>("violations");
        QTest::newRow("data ok")
            << "data"
            << "target_link_libraries(citytwin_data PUBLIC Qt6::Core PRIVATE SQLite::SQLite3)" << 0;
        QTest::newRow("data -> gis") << "data"
                                     << "target_link_libraries(citytwin_data PUBLIC citytwin_gis Qt6::Core)"
                                     << 1;
        QTest::newRow("data Gui") << "data"
                                  << "target_link_libraries(citytwin_data\n  PUBLIC Qt6::Core Qt6::Gui)" << 1;
        QTest::newRow("gis ok")
            << "gis"
            << "target_link_libraries(citytwin_gis PUBLIC citytwin_data Qt6::Core PRIVATE "
               "GDAL::GDAL PROJ::proj)"
            << 0;
        QTest::newRow("scene -> gis, OSG") << "scene"
                                           << "target_link_libraries(citytwin_scene PUBLIC citytwin_data\n"
                                              "  citytwin_gis OSG::OSG GDAL::GDAL)"
                                           << 2;
        QTest::newRow("commented out")
            << "scene"
            << "# target_link_libraries(citytwin_scene citytwin_gis)\n"
               "target_link_libraries(citytwin_scene PUBLIC citytwin_data OSG::OSG)"
            << 0;
        QTest::newRow("app everything")
            << "app"
            << "target_link_libraries(citytwin_app PUBLIC citytwin_data citytwin_gis "
               "citytwin_scene Qt6::Widgets)"
            << 0;
        QTest::newRow("no link at all") << "gis"
                                        << "add_library(citytwin_gis STATIC a.cpp)" << 1;
    }
    void knownLinks()
    {
        QFETCH(QString, module);
        QFETCH(QString, cmake);
        QFETCH(int, violations);
        const std::vector<Violation> v = checkLinks(module, QStringLiteral("CMakeLists.txt"), cmake);
        QVERIFY2(int(v.size()) == violations, qPrintable(report(v)));
    }

    // --- the real tree ---

    void includesFollowTheModuleRule_data()
    {
        QTest::addColumn<QString>("module");
        for (const ModuleRule& r : moduleRules())
            QTest::newRow(qPrintable(r.module)) << r.module;
    }
    void includesFollowTheModuleRule()
    {
        QFETCH(QString, module);
        const QString root = sourceDir() + QLatin1Char('/') + module;
        QVERIFY2(QFileInfo(root).isDir(), qPrintable(root));
        std::vector<Violation> all;
        int files = 0;
        QDirIterator it(root, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            ++files;
            const QString rel = QDir(sourceDir()).relativeFilePath(path);
            for (Violation& v : checkIncludes(module, rel, readText(path), qtHeaders()))
                all.push_back(std::move(v));
        }
        QVERIFY2(files > 0, qPrintable(QStringLiteral("no sources under %1").arg(root)));
        QVERIFY2(all.empty(), qPrintable(QStringLiteral("\n") + report(all)));
    }

    void linksFollowTheModuleRule_data() { includesFollowTheModuleRule_data(); }
    void linksFollowTheModuleRule()
    {
        QFETCH(QString, module);
        const QString file = sourceDir() + QLatin1Char('/') + module + QStringLiteral("/CMakeLists.txt");
        const QString text = readText(file);
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        const std::vector<Violation> v = checkLinks(module, module + QStringLiteral("/CMakeLists.txt"), text);
        QVERIFY2(v.empty(), qPrintable(QStringLiteral("\n") + report(v)));
    }
};

QTEST_APPLESS_MAIN(TstArchitecture)
#include "tst_architecture.moc"
