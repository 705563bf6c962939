#pragma once

#include "data/LayerId.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QSlider;
class QTreeView;

namespace citytwin::app {

class LayerTreeModel;
class ProjectSession;

//! The "Layers" dock: the layer tree (check box = visibility, badge = load state), and below it the
//! opacity slider and the error message of the selected layer.
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

protected:
    void changeEvent(QEvent* event) override;

private:
    void onCurrentChanged();
    void onOpacitySlider(int value);
    void onLayerChanged(data::LayerId id);
    void retranslate();

    QPointer<ProjectSession> m_session;
    LayerTreeModel* m_model = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_opacityLabel = nullptr;
    QSlider* m_opacity = nullptr;
    QLabel* m_opacityValue = nullptr;
    QLabel* m_error = nullptr;
    bool m_updating = false;
};

} // namespace citytwin::app
