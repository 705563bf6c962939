#include "ArchitectureRules.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace citytwin::test {

namespace {

// C and POSIX headers written with a .h suffix (C++ standard headers have none).
const QStringList kCStdHeaders{"assert.h", "ctype.h",  "errno.h",   "float.h", "limits.h",
                               "math.h",   "stddef.h", "stdint.h",  "stdio.h", "stdlib.h",
                               "string.h", "time.h",   "inttypes.h"};
const QStringList kPosixHeaders{"unistd.h",   "fcntl.h",    "sys/types.h",
                                "sys/stat.h", "sys/mman.h", "pthread.h"};
const QStringList kQtModules{"QtCore",       "QtGui",  "QtWidgets",     "QtOpenGL",  "QtOpenGLWidgets",
                             "QtConcurrent", "QtSql",  "QtTest",        "QtNetwork", "QtXml",
                             "QtSvg",        "QtDBus", "QtPrintSupport"};

} // namespace

const std::vector<ModuleRule>& moduleRules()
{
    static const std::vector<ModuleRule> kRules{
        {"data",
         false,
         {"std", "posix", "qt:QtCore", "sqlite", "module:data"},
         {},
         {"Qt6::Core", "SQLite::SQLite3"}},
        {"gis",
         false,
         {"std", "posix", "qt:QtCore", "gdal", "proj", "modelformats", "module:data", "module:gis"},
         {"citytwin_data"},
         {"Qt6::Core", "GDAL::GDAL", "PROJ::proj", "citygml::citygml", "TinyGLTF::TinyGLTF",
          "IfcPlusPlus::IfcPlusPlus"}},
        {"scene",
         false,
         {"std", "posix", "qt:QtCore", "osg", "module:data", "module:scene"},
         {"citytwin_data"},
         {"Qt6::Core", "OSG::OSG"}},
        {"app", true, {}, {"citytwin_data", "citytwin_gis", "citytwin_scene", "citytwin_app"}, {}},
    };
    return kRules;
}

const ModuleRule* ruleFor(const QString& module)
{
    for (const ModuleRule& r : moduleRules()) {
        if (r.module == module)
            return &r;
    }
    return nullptr;
}

QString classifyInclude(const QString& target, bool angle, const QString& qtHeaders)
{
    if (!angle) {
        // Our own headers are always spelled from the repo root: "data/X.h", "app/cli/Y.h".
        const QString first = target.section(QLatin1Char('/'), 0, 0);
        if (target.contains(QLatin1Char('/')) && ruleFor(first))
            return QStringLiteral("module:") + first;
        return QStringLiteral("unknown");
    }
    if (target == QLatin1String("sqlite3.h"))
        return QStringLiteral("sqlite");
    if (target.startsWith(QLatin1String("gdal")) || target.startsWith(QLatin1String("ogr")) ||
        target.startsWith(QLatin1String("cpl_")))
        return QStringLiteral("gdal");
    if (target == QLatin1String("proj.h") || target == QLatin1String("geodesic.h") || target.startsWith(QLatin1String("proj/")) ||
        target.startsWith(QLatin1String("proj_")))
        return QStringLiteral("proj");
    if (target.startsWith(QLatin1String("osg")) || target.startsWith(QLatin1String("OpenThreads/")))
        return QStringLiteral("osg");
    // The model-format readers of gis/ (issue 5): libcitygml, tinygltf, IfcPlusPlus with carve
    // (whose headers need boost's), and xerces-c, libcitygml's XML parser, whose exceptions it lets through.
    if (target.startsWith(QLatin1String("citygml/")) || target == QLatin1String("tiny_gltf.h") ||
        target.startsWith(QLatin1String("ifcpp/")) || target.startsWith(QLatin1String("carve/")) ||
        target.startsWith(QLatin1String("boost/")) || target.startsWith(QLatin1String("xercesc/")))
        return QStringLiteral("modelformats");
    if (kCStdHeaders.contains(target))
        return QStringLiteral("std");
    if (kPosixHeaders.contains(target))
        return QStringLiteral("posix");
    if (target.startsWith(QLatin1String("Qt"))) {
        const QString module = target.section(QLatin1Char('/'), 0, 0);
        return kQtModules.contains(module) ? QStringLiteral("qt:") + module : QStringLiteral("unknown");
    }
    if (target.startsWith(QLatin1Char('Q')) && !target.contains(QLatin1Char('/'))) {
        // <QFoo>: look it up in Qt's own folders, so QImage (QtGui) can never pass for a core class.
        for (const QString& module : kQtModules) {
            if (QFileInfo::exists(qtHeaders + QLatin1Char('/') + module + QLatin1Char('/') + target))
                return QStringLiteral("qt:") + module;
        }
        return QStringLiteral("unknown");
    }
    if (!target.contains(QLatin1Char('.')) && !target.contains(QLatin1Char('/')) && target.at(0).isLower())
        return QStringLiteral("std");
    return QStringLiteral("unknown");
}

std::vector<Violation> checkIncludes(const QString& module, const QString& file, const QString& text,
                                     const QString& qtHeaders)
{
    static const QRegularExpression kInclude(QStringLiteral(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])"));
    std::vector<Violation> out;
    const ModuleRule* rule = ruleFor(module);
    if (!rule) {
        out.push_back({file, 0, module, QStringLiteral("no rule for module '%1'").arg(module)});
        return out;
    }
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = kInclude.match(lines[i]);
        if (!m.hasMatch())
            continue;
        const bool angle = m.captured(1) == QLatin1String("<");
        const QString target = m.captured(2).trimmed();
        if (rule->allowAnything)
            continue;
        const QString category = classifyInclude(target, angle, qtHeaders);
        if (!rule->includeCategories.contains(category)) {
            out.push_back({file, i + 1, lines[i].trimmed(),
                           QStringLiteral("%1/ may not include %2").arg(module, category)});
        }
    }
    return out;
}

std::vector<Violation> checkLinks(const QString& module, const QString& file, const QString& text)
{
    static const QRegularExpression kLink(QStringLiteral(R"(target_link_libraries\s*\(([^)]*)\))"));
    static const QStringList kKeywords{"PUBLIC", "PRIVATE", "INTERFACE"};
    std::vector<Violation> out;
    const ModuleRule* rule = ruleFor(module);
    if (!rule)
        return {{file, 0, module, QStringLiteral("no rule for module '%1'").arg(module)}};
    QString uncommented;
    for (const QString& line : text.split(QLatin1Char('\n')))
        uncommented += line.section(QLatin1Char('#'), 0, 0) + QLatin1Char('\n');

    auto it = kLink.globalMatch(uncommented);
    bool any = false;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        any = true;
        const int line = int(uncommented.left(m.capturedStart()).count(QLatin1Char('\n'))) + 1;
        const QStringList items = m.captured(1).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (int k = 1; k < items.size(); ++k) { // items[0] is the target being linked
            const QString& item = items[k];
            if (kKeywords.contains(item))
                continue;
            if (item.startsWith(QLatin1String("citytwin_"))) {
                if (!rule->linkTargets.contains(item))
                    out.push_back(
                        {file, line, item, QStringLiteral("%1/ may not link %2").arg(module, item)});
            } else if (!rule->allowAnything && !rule->externalLinks.contains(item)) {
                out.push_back({file, line, item, QStringLiteral("%1/ may not link %2").arg(module, item)});
            }
        }
    }
    if (!any)
        out.push_back({file, 0, QStringLiteral("target_link_libraries"), QStringLiteral("none found")});
    return out;
}

} // namespace citytwin::test
