#pragma once

// The MainWindow every GUI test drives: no modal question may block a test (unsaved edits are
// dropped, errors go to lastError(), network layers are refused unless a test says otherwise).
#include "app/BasemapController.h"
#include "app/MainWindow.h"
#include "app/ProjectSession.h"

#include <QSize>
#include <QStringList>
#include <QTest>
#include <memory>

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

} // namespace citytwin::test
