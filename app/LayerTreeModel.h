#pragma once

#include "data/LayerId.h"
#include "data/LayerSettings.h"

#include <QPointer>
#include <QStandardItemModel>
#include <map>

namespace citytwin::app {

class ProjectSession;

//! The layer tree: one top-level item per non-empty group (ARCHITECTURE.md order), the layers of
//! the group below it in draw order. The check box is the layer's visibility; the icon and tooltip
//! show its load state and error. Edits go to the ProjectSession, which stays the single source of truth;
//! the tree is rebuilt when the session's layer list changes (layersChanged).
class LayerTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role {
        LayerIdRole = Qt::UserRole + 1, //!< qint64 layer id (layer items only)
        GroupRole,                      //!< int(data::LayerGroup) (group items only)
        StateRole                       //!< int(ProjectSession::LayerState) (layer items only)
    };

    explicit LayerTreeModel(QObject* parent = nullptr);

    //! Shows SESSION's layers (null: empty tree). The model does not own the session.
    void setSession(ProjectSession* session);

    QModelIndex indexOf(data::LayerId id) const;
    //! The layer at INDEX, or an invalid id for group items.
    data::LayerId layerIdAt(const QModelIndex& index) const;
    //! The top-level item of GROUP, or null when the project has no layer in it.
    QStandardItem* groupItem(data::LayerGroup group) const;

    //! Translated display name of GROUP.
    static QString groupName(data::LayerGroup group);

signals:
    //! The tree was rebuilt from the session (layers added, removed or reordered); views restore
    //! their expansion and selection here, as the old indexes are gone.
    void rebuilt();

private:
    void rebuild();
    void refreshLayer(data::LayerId id);
    void onItemChanged(QStandardItem* item);

    QPointer<ProjectSession> m_session;
    std::map<data::LayerId, QStandardItem*> m_items;
    std::map<data::LayerGroup, QStandardItem*> m_groups;
    bool m_updating = false;
};

} // namespace citytwin::app
