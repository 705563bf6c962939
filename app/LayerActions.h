#pragma once

#include "data/LayerId.h"

#include <QList>
#include <QObject>
#include <functional>
#include <QPointer>
#include <QStringList>

class QAction;
class QMenu;
class QMimeData;
class QWidget;

namespace citytwin::app {

class AddLayerDialog;
class LayerPropertiesDialog;
class LayerTreeDock;
class ProjectSession;

//! The Layer menu: Add Layer…, Remove, Move Up/Down, Layer Properties…, plus layers from dropped
//! files and URLs. Acts on the layer selected in the Layers dock; every edit goes through the
//! ProjectSession (which emits layersChanged, so the tree follows). Dialogs open window-modal
//! without blocking, so tests and scripts can fill them in. Files and URLs dropped on the dialog
//! parent (the main window) are added as layers; a dropped project file is handed to projectDropped.
class LayerActions : public QObject
{
    Q_OBJECT
public:
    //! DIALOGPARENT owns the dialogs (and this object).
    LayerActions(LayerTreeDock* dock, QWidget* dialogParent);

    void setSession(ProjectSession* session);
    void retranslate();
    //! Fills MENU with the actions (the context menu of the Layers dock gets the same ones).
    void populate(QMenu* menu) const;

    QAction* addAction() const { return m_add; }
    QAction* removeAction() const { return m_remove; }
    QAction* moveUpAction() const { return m_moveUp; }
    QAction* moveDownAction() const { return m_moveDown; }
    QAction* propertiesAction() const { return m_properties; }
    //! Enabled for a network layer that was not contacted because nobody trusted it yet.
    QAction* trustAction() const { return m_trust; }

    //! Opens the Add Layer dialog (window-modal, returns at once); null without a project.
    AddLayerDialog* openAddLayerDialog();
    //! Opens the properties of the selected layer; null when none is selected.
    LayerPropertiesDialog* openPropertiesDialog();
    //! Adds one layer per URI with the guessed kind and name (drag & drop). Returns the layers
    //! added; failures go to statusMessage and lastErrors().
    QList<data::LayerId> addSources(const QStringList& uris);
    QStringList lastErrors() const { return m_errors; }
    //! Asked for every dropped local file before it becomes a layer: returns true when it took
    //! the file as an overlay import instead (CSV, point files: app/ImportController).
    void setOverlayImporter(std::function<bool(const QString& path)> tryImport) { m_tryImport = std::move(tryImport); }

    //! The sources in a drag: local files as paths, other URLs and text lines that are URLs or
    //! XYZ templates as text (braces decoded). Empty when there is nothing to add.
    static QStringList sourcesFromMimeData(const QMimeData* mime);

    bool removeCurrent();
    //! Trusts the selected layer's service (remembered in the TrustStore) and loads it.
    bool trustCurrent();
    //! STEP -1 moves the selected layer one row up in the tree (drawn earlier), +1 one row down.
    bool moveCurrent(int step);

signals:
    void statusMessage(const QString& text);
    //! A *.citytwin file was dropped: the window opens it instead of adding a layer.
    void projectDropped(const QString& path);

protected:
    //! Drag & drop on the dialog parent (accepts files, URLs and URL text).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateEnabled();

    LayerTreeDock* m_dock = nullptr;
    QWidget* m_parent = nullptr;
    QPointer<ProjectSession> m_session;
    std::function<bool(const QString& path)> m_tryImport;
    QAction* m_add = nullptr;
    QAction* m_remove = nullptr;
    QAction* m_moveUp = nullptr;
    QAction* m_moveDown = nullptr;
    QAction* m_properties = nullptr;
    QAction* m_trust = nullptr;
    QAction* m_separator = nullptr;
    QStringList m_errors;
};

} // namespace citytwin::app
