#pragma once

// Helpers of the overlay import suites: a fresh project store, a CSV written to a temp dir, an
// import through a writer that is committed only on success (as the app and the CLI do).
#include "data/ProjectStore.h"
#include "gis/OverlayImporter.h"

#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace citytwin::test {

//! A new project store in DIR (CRS as given) or null.
inline std::unique_ptr<data::ProjectStore> makeStore(const QTemporaryDir& dir,
                                                     const QString& crs = QStringLiteral("EPSG:4549"),
                                                     const QString& name = QStringLiteral("p.citytwin"))
{
    data::Project project;
    project.name = QStringLiteral("import test");
    project.crs = crs;
    auto store = data::ProjectStore::create(dir.filePath(name), project);
    return store ? std::move(store).value() : nullptr;
}

inline QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(text);
    return path;
}

//! Imports PATH into STORE (project CRS CRS) and commits when the import succeeds; a failed
//! import drops the writer, so nothing is written.
inline data::Result<data::ImportReport> importInto(data::ProjectStore& store, const QString& path,
                                                   const data::OverlayMapping& mapping, const QString& crs,
                                                   bool append = false)
{
    auto writer = store.beginOverlayImport();
    if (!writer)
        return writer.status();
    gis::ImportTarget target;
    target.projectCrs = crs;
    target.writer = writer->get();
    target.append = append;
    auto report = gis::importOverlayFile(path, mapping, target);
    if (!report)
        return report.status();
    if (data::Status s = (*writer)->commit(); !s)
        return s;
    return report;
}

//! A mapping of KIND with ROLES (role, column, role, column, …).
inline data::OverlayMapping mappingOf(data::OverlayKind kind,
                                      std::initializer_list<std::pair<const char*, const char*>> roles)
{
    data::OverlayMapping m;
    m.kind = kind;
    for (const auto& [role, column] : roles)
        m.columns.insert(QString::fromLatin1(role), QString::fromUtf8(column));
    return m;
}

} // namespace citytwin::test
