#pragma once

// The ARCHITECTURE.md module table as data, and the checks that apply it to source and CMake text.

#include <QString>
#include <QStringList>
#include <vector>

namespace citytwin::test {

//! What one module may depend on. Include categories are the names classifyInclude() returns.
struct ModuleRule
{
    QString module;             //!< folder name: "data", "gis", "scene", "app"
    bool allowAnything = false; //!< app/ may include everything
    QStringList includeCategories;
    QStringList linkTargets;   //!< citytwin_* targets its CMakeLists.txt may link
    QStringList externalLinks; //!< other link items allowed (Qt6::Core, GDAL::GDAL, …)
};

//! The table from ARCHITECTURE.md, "Modules and the one rule between them".
const std::vector<ModuleRule>& moduleRules();
const ModuleRule* ruleFor(const QString& module);

//! Category of an include target: "std", "posix", "qt:QtCore", "qt:QtGui", …, "sqlite", "gdal", "proj",
//! "osg", "module:data", …, or "unknown". ANGLE: written with <> rather than "".
//! QTHEADERS: Qt's include directory, used to find which Qt module a <QClass> header belongs to.
QString classifyInclude(const QString& target, bool angle, const QString& qtHeaders);

struct Violation
{
    QString file;
    int line = 0;
    QString what; //!< the offending include or link item
    QString reason;
    QString toString() const
    {
        return QStringLiteral("%1:%2: %3 (%4)").arg(file, QString::number(line), what, reason);
    }
};

//! Checks every #include line of TEXT (a source file of MODULE named FILE).
std::vector<Violation> checkIncludes(const QString& module, const QString& file, const QString& text,
                                     const QString& qtHeaders);

//! Checks every target_link_libraries() of a module's CMakeLists.txt TEXT.
std::vector<Violation> checkLinks(const QString& module, const QString& file, const QString& text);

} // namespace citytwin::test
