#include "app/BasemapController.h"

#include "app/GuiLog.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectDocument.h"
#include "app/ProjectSession.h"
#include "app/ServiceSettings.h"
#include "app/SettingsDialog.h"
#include "app/TrustStore.h"
#include "scene/TileEngine.h"

#include <QAction>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <memory>

namespace citytwin::app {

BasemapController::BasemapController(ProjectDocument* document, OsgViewWidget* view, QWidget* dialogParent)
    : QObject(dialogParent), m_document(document), m_view(view), m_parent(dialogParent)
{
    // Every session gets the user's key, cache and trust policy before its first source opens.
    m_document->setSessionSetup([](ProjectSession& session) {
        ServiceSettings::load().applyTo(session);
        session.setTrustPolicy(TrustStore::policy());
    });
    m_settings = new QAction(this);
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_settings->setShortcut(QKeySequence::Preferences);
    connect(m_settings, &QAction::triggered, this, &BasemapController::openSettingsDialog);
    retranslate();
}

void BasemapController::retranslate()
{
    m_settings->setText(tr("S&ettings…"));
    m_settings->setStatusTip(tr("Service API key, tile disk cache and trusted services"));
}

void BasemapController::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_hookedEngine = nullptr;
    m_asked.clear();
    if (!m_session)
        return;
    // The engine appears once the basemap sources are open, and is replaced when the tiling
    // scheme must change.
    connect(m_session, &ProjectSession::terrainEngineChanged, this, &BasemapController::hookEngine);
    connect(m_session, &ProjectSession::layerStateChanged, this, &BasemapController::hookLayer);
    // Queued: the prompt is modal and must not run inside the session's own signal emission.
    connect(m_session, &ProjectSession::loadingFinished, this, &BasemapController::checkTrust,
            Qt::QueuedConnection);
    // The document starts loading right after announcing the session: look again once it has.
    QTimer::singleShot(0, this, [this, s = QPointer<ProjectSession>(session)] {
        if (s && s == m_session) {
            hookEngine();
            checkTrust();
        }
    });
    hookEngine();
}

void BasemapController::hookEngine()
{
    scene::TileEngine* engine = m_session ? m_session->terrainEngine() : nullptr;
    if (!engine || engine == m_hookedEngine.get())
        return;
    m_hookedEngine = engine;
    hookRedraw(engine);
    if (m_view)
        m_view->update(); // the first frame's cull is what requests the first tiles
}

void BasemapController::hookRedraw(scene::PagedNode* node)
{
    // Workers call this: post one repaint at a time to the main thread, and dereference the view
    // only there (the QPointer is copied across threads, never read off the main thread).
    auto pending = std::make_shared<std::atomic_bool>(false);
    QPointer<OsgViewWidget> view = m_view;
    node->setRedrawCallback([pending, view] {
        if (pending->exchange(true))
            return;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [pending, view] {
                pending->store(false);
                if (view)
                    view->update();
            },
            Qt::QueuedConnection);
    });
}

void BasemapController::hookLayer(data::LayerId id)
{
    // A paged model layer (a 3D Tiles TilesetNode) loads its tiles like the terrain does.
    if (!m_session || m_session->layerState(id) != ProjectSession::LayerState::Ready)
        return;
    if (auto* paged = dynamic_cast<scene::PagedNode*>(m_session->scene().layerNode(id))) {
        hookRedraw(paged);
        if (m_view)
            m_view->update();
    }
}

void BasemapController::checkTrust()
{
    if (!m_session)
        return;
    const QPointer<ProjectSession> session = m_session;
    std::vector<data::LayerId> ids;
    for (data::LayerId id : session->untrustedLayers())
        if (std::find(m_asked.begin(), m_asked.end(), id) == m_asked.end())
            ids.push_back(id);
    if (ids.empty())
        return;
    m_asked.insert(m_asked.end(), ids.begin(), ids.end());

    const QString baseDir = QFileInfo(session->path()).absolutePath();
    QStringList hosts;
    QStringList uris;
    for (data::LayerId id : ids) {
        const data::LayerSettings* layer = session->project().layer(id);
        if (!layer)
            continue;
        uris.append(TrustStore::sourceKey(layer->sourceUri, baseDir));
        const QString host = TrustStore::serviceHost(uris.back());
        if (!hosts.contains(host))
            hosts.append(host);
    }
    ++m_promptCount;
    const bool allow = m_prompt ? m_prompt(hosts, uris) : m_interactive && askTrust(hosts, uris);
    if (!session || session != m_session)
        return; // the project was closed while the question was open
    if (!allow) {
        emit statusMessage(
            tr("Network layers not loaded: %1 not trusted").arg(hosts.join(QStringLiteral(", "))));
        return;
    }
    TrustStore::trust(uris);
    for (data::LayerId id : ids)
        session->trustLayer(id);
    qCInfo(lcGui).noquote() << "trusted" << uris.join(QStringLiteral(", "));
}

bool BasemapController::askTrust(const QStringList& hosts, const QStringList& uris)
{
    QMessageBox box(QMessageBox::Question, tr("Network Access"),
                    tr("This project wants to contact:\n\n%1\n\nAllow citytwin to fetch map tiles from "
                       "these services? Your choice is remembered for these addresses.")
                        .arg(QStringLiteral("• ") + hosts.join(QStringLiteral("\n• "))),
                    QMessageBox::NoButton, m_parent);
    box.setObjectName(QStringLiteral("trustPrompt"));
    box.setDetailedText(uris.join(QLatin1Char('\n')));
    QPushButton* allow = box.addButton(tr("&Allow"), QMessageBox::AcceptRole);
    QPushButton* later = box.addButton(tr("&Not Now"), QMessageBox::RejectRole);
    box.setDefaultButton(later);
    box.exec();
    return box.clickedButton() == allow;
}

void BasemapController::openSettingsDialog()
{
    SettingsDialog dialog(m_parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_session)
        ServiceSettings::load().applyTo(*m_session);
    emit statusMessage(tr("Settings saved"));
}

} // namespace citytwin::app
