#pragma once

#include "data/LayerId.h"

#include <QDockWidget>
#include <QPointer>

class QAction;
class QLabel;
class QSlider;
class QTreeView;

namespace citytwin::app {

class LayerTreeModel;
class ProjectSession;

//! The "Layers" dock: the layer tree (check box = visibility, badge = load state), and below it the
//! opacity slider and the error message of the selected layer. The selection survives rebuilds of
//! the tree (layers added, removed, reordered); a right click offers the layer actions.
class LayerTreeDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit LayerTreeDock(QWidget* parent = nullptr);

    void setSession(ProjectSession* session);

    LayerTreeModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }
    QSlider* opacitySlider() const { return m_opacity; }
    //! The selected layer, or an invalid id.
    data::LayerId currentLayer() const;
    void selectLayer(data::LayerId id);
    //! The actions of the tree's context menu (Layer menu entries); the clicked layer is selected first.
    void setContextActions(const QList<QAction*>& actions) { m_contextActions = actions; }
    QList<QAction*> contextActions() const { return m_contextActions; }

signals:
    //! The selected layer changed (invalid id: none), also after a rebuild of the tree.
    void currentLayerChanged(citytwin::data::LayerId id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onCurrentChanged();
    void onOpacitySlider(int value);
    void onLayerChanged(data::LayerId id);
    void onModelRebuilt();
    void showContextMenu(const QPoint& pos);
    void retranslate();

    QPointer<ProjectSession> m_session;
    LayerTreeModel* m_model = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_opacityLabel = nullptr;
    QSlider* m_opacity = nullptr;
    QLabel* m_opacityValue = nullptr;
    QLabel* m_error = nullptr;
    bool m_updating = false;
    data::LayerId m_selectedBeforeRebuild;
    QList<QAction*> m_contextActions;
};

} // namespace citytwin::app
