#pragma once

#include "data/LayerId.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>
#include <osg/observer_ptr>
#include <vector>

class QAction;
class QWidget;

namespace citytwin::scene {
class PagedNode;
class TileEngine;
}

namespace citytwin::app {

class OsgViewWidget;
class ProjectDocument;
class ProjectSession;

//! What the window does for the basemap of every session: hands it the user's service settings
//! (API key, disk cache) and the trust policy before it loads, asks once (per layer and session)
//! before contacting services nobody has trusted yet, and repaints the view when the tile engine
//! has loaded tiles. Also owns File → Settings…
class BasemapController : public QObject
{
    Q_OBJECT
public:
    //! Decides about network access: HOSTS (for the text) and URIS of the untrusted layers.
    //! True = Allow. The default asks with a message box; tests inject an answer.
    using TrustPrompt = std::function<bool(const QStringList& hosts, const QStringList& uris)>;

    //! Installs the session set-up on DOCUMENT; VIEW is repainted for tiles; DIALOGPARENT owns
    //! the dialogs (and this object).
    BasemapController(ProjectDocument* document, OsgViewWidget* view, QWidget* dialogParent);

    void setSession(ProjectSession* session);
    void setTrustPrompt(TrustPrompt prompt) { m_prompt = std::move(prompt); }
    //! False (scripts, --screenshot): without an injected prompt, the answer is "Not now" and no
    //! dialog opens; the user can still trust a layer later (Layer → Allow Network Access).
    void setInteractive(bool interactive) { m_interactive = interactive; }
    //! How many times a trust prompt was shown (tests).
    int promptCount() const { return m_promptCount; }

    QAction* settingsAction() const { return m_settings; }
    void retranslate();
    //! File → Settings…: modal; on OK applies the new service settings to the open session.
    void openSettingsDialog();

    //! Asks about the session's untrusted network layers not asked about before (no-op when none).
    void checkTrust();

signals:
    void statusMessage(const QString& text);

private:
    void hookEngine();
    //! Asks the view for a frame whenever NODE has loaded content to merge (from any thread).
    void hookRedraw(scene::PagedNode* node);
    void hookLayer(data::LayerId id);
    bool askTrust(const QStringList& hosts, const QStringList& uris);

    ProjectDocument* m_document = nullptr;
    QPointer<OsgViewWidget> m_view;
    QWidget* m_parent = nullptr;
    QPointer<ProjectSession> m_session;
    osg::observer_ptr<scene::TileEngine> m_hookedEngine;
    QAction* m_settings = nullptr;
    TrustPrompt m_prompt;
    std::vector<data::LayerId> m_asked; //!< layers of this session the user was asked about
    int m_promptCount = 0;
    bool m_interactive = true;
};

} // namespace citytwin::app
