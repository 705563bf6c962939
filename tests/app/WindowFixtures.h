#pragma once

// The MainWindow every GUI test drives: no modal question may block a test (unsaved edits are
// dropped, errors go to lastError(), network layers are refused unless a test says otherwise).
#include "SmallDemo.h"
#include "app/BasemapController.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/ServiceSettings.h"
#include "data/SavedView.h"
#include "scene/CityScene.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSize>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <osg/Uniform>

namespace citytwin::test {

//! Long enough for the small demo on a busy 2-core llvmpipe machine.
inline constexpr int kWindowLoadTimeoutMs = 120000;

inline std::unique_ptr<app::MainWindow> makeTestWindow(const QSize& size = {1000, 680})
{
    auto w = std::make_unique<app::MainWindow>();
    w->setUnsavedChangesPolicy(app::MainWindow::UnsavedChanges::Discard);
    w->setModalErrors(false);
    w->basemap()->setTrustPrompt([](const QStringList&, const QStringList&) { return false; });
    w->resize(size);
    return w;
}

//! Waits until W has a session that is not loading any more.
inline bool waitLoaded(app::MainWindow& w, int timeoutMs = kWindowLoadTimeoutMs)
{
    return QTest::qWaitFor([&] { return w.session() && !w.session()->isLoading(); }, timeoutMs);
}

//! A shown window (makeTestWindow(SIZE)) with PROJECT open and loaded; null when it could not
//! be exposed, open the project or finish loading in time.
inline std::unique_ptr<app::MainWindow> openTestWindow(const QString& project,
                                                       const QSize& size = {1100, 700})
{
    auto w = makeTestWindow(size);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()) || !w->openProject(project) || !waitLoaded(*w))
        return nullptr;
    return w;
}

//! Looks down (PITCHDEG) on local point TARGET from RANGEM and waits for a frame of that view.
inline bool lookDownAt(app::MainWindow& w, const data::LocalPoint& target, double rangeM,
                       double pitchDeg = -89)
{
    data::SavedView v;
    v.target = target;
    v.pitchDeg = pitchDeg;
    v.rangeM = rangeM;
    w.view()->setView(v);
    const int frames = w.view()->frameCount();
    w.view()->update();
    return QTest::qWaitFor([&] { return w.view()->frameCount() > frames; }, 10000);
}

//! The highlight uniform FeatureStyler sets on LAYER's node (-2: none set).
inline float highlightId(app::MainWindow& w, data::LayerId layer)
{
    osg::Node* node = w.session()->scene().layerNode(layer);
    const osg::Uniform* u =
        node && node->getStateSet() ? node->getStateSet()->getUniform("ct_highlightId") : nullptr;
    float value = -2.0f;
    if (u)
        u->get(value);
    return value;
}

//! Points the user-scope QSettings into DIR and clears them: the user's settings (recent files,
//! window state, keys, trusted services) stay out of the test and vice versa.
inline void isolateSettings(const QTemporaryDir& dir)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
}

//! isolateSettings(DIR), then the small demo generated into DIR/demo; returns its project file.
inline data::Result<QString> prepareSmallDemo(const QTemporaryDir& dir)
{
    isolateSettings(dir);
    return makeSmallDemo(dir.filePath(QStringLiteral("demo")));
}

//! Clears the settings and points the tile cache into DIR: fetched tiles go to the test's folder,
//! not the user's cache.
inline void resetServiceSettings(const QTemporaryDir& dir)
{
    QSettings().clear();
    app::ServiceSettings services;
    services.cacheDir = dir.filePath(QStringLiteral("tilecache"));
    services.save();
}

//! A fresh copy of the project file DEMO beside it, named NAME.citytwin (an older copy is
//! replaced); empty on failure.
inline QString freshCopyOf(const QString& demo, const QString& name)
{
    const QString path = QFileInfo(demo).absolutePath() + QStringLiteral("/%1.citytwin").arg(name);
    QFile::remove(path);
    return QFile::copy(demo, path) ? path : QString();
}

} // namespace citytwin::test
