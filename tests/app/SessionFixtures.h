#pragma once

// Helpers of the ProjectSession suites (tst_projectsession, tst_sessionlayers).
#include "app/ProjectSession.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace citytwin::test {

using app::ProjectSession;
using data::LayerKind;
using State = ProjectSession::LayerState;

inline const std::vector<LayerKind> kDrawnKinds{LayerKind::Elevation, LayerKind::Imagery, LayerKind::Buildings,
                                                LayerKind::Pipes,     LayerKind::Manholes, LayerKind::UndergroundSpaces,
                                                LayerKind::Events,    LayerKind::Assets,  LayerKind::People};

inline bool copyFolder(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

//! A private copy (in DIR) of the demo folder DEMODIR whose project file is DEMO, for tests that
//! edit or delete files; returns the copy's project path (empty on failure).
inline QString copyOfDemo(const QString& demoDir, const QString& demo, const QTemporaryDir& dir)
{
    if (!dir.isValid() || !copyFolder(demoDir, dir.path()))
        return {};
    return dir.filePath(QFileInfo(demo).fileName());
}

inline QString describe(const ProjectSession& s)
{
    QStringList lines;
    for (const data::LayerSettings& l : s.project().layers())
        lines << QStringLiteral("%1 (%2): state %3 %4")
                     .arg(l.name, data::toString(l.kind))
                     .arg(int(s.layerState(l.id)))
                     .arg(s.layerError(l.id));
    return lines.join(QLatin1Char('\n'));
}

inline QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

//! Waits until S has no load running (a load round started by addLayer/trustLayer ends with loadingFinished).
inline bool waitLoaded(ProjectSession& s, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (s.isLoading() && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    return !s.isLoading();
}

//! A basemap-only project over the demo area: DEM + LAYERS, created at PATH.
inline data::Result<std::unique_ptr<ProjectSession>>
basemapProject(const QString& path, const data::Project& demo, const std::vector<data::LayerSettings>& layers)
{
    data::Project project;
    project.name = QStringLiteral("basemap");
    project.crs = demo.crs;
    project.origin = demo.origin;
    project.timeExtent = demo.timeExtent;
    for (const data::LayerSettings& l : layers)
        project.addLayer(l);
    return ProjectSession::create(path, project);
}

inline data::LayerSettings basemapLayer(const QString& name, LayerKind kind, const QString& uri)
{
    data::LayerSettings l;
    l.name = name;
    l.kind = kind;
    l.group = data::LayerGroup::Basemap;
    l.sourceUri = uri;
    return l;
}

} // namespace citytwin::test
