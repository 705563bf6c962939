#pragma once

#include "data/LayerId.h"
#include "gis/FeatureAttributes.h"
#include "scene/Picker.h"

#include <QMenu>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <cstdint>
#include <optional>
#include <osg/observer_ptr>


namespace osg {
class Node;
}

namespace citytwin::app {

class InspectorDock;
class OsgViewWidget;
class ProjectSession;

//! Selection in the 3D view: a left click (not a drag) picks; on a building the feature is
//! highlighted by the layer's shader uniform (no rebuild) and the Inspector dock shows its OGR
//! attributes, read on a worker thread; a click elsewhere clears. On a model layer the feature's
//! attributes come from the session at once, the dock's element tree shows the model with the
//! feature selected, and selecting a tree item selects that feature; a hit on an oblique (OSGB)
//! layer shows the tile and point. A double-click flies the camera to the point clicked; hovering
//! a building or model feature shows a tooltip (layer and id, or type and name).
class InspectorController : public QObject
{
    Q_OBJECT
public:
    //! Watches VIEW's mouse events; DOCK shows the selection. Both outlive this object's use.
    InspectorController(OsgViewWidget* view, InspectorDock* dock, QObject* parent = nullptr);

    //! The session whose layers are picked (null: none); clears the selection.
    void setSession(ProjectSession* session);

    //! Selects what lies under widget position POS (logical px), as a click does.
    void selectAt(const QPoint& pos);
    //! Flies the camera to the point under POS, as a double-click does. False over the sky.
    bool flyToAt(const QPoint& pos);
    void clearSelection();
    //! Selects feature FEATUREID of LAYER (a building or model layer), as a click on it does.
    //! False (selection cleared) when the layer has no such feature.
    bool selectFeature(data::LayerId layer, std::int64_t featureId);
    //! Shows LAYER's element tree in the dock (a model layer, e.g. the one chosen in the Layers
    //! dock) and makes it the target of the visibility actions; other kinds hide the tree.
    void focusLayer(data::LayerId layer);

    std::optional<data::LayerId> selectedLayer() const { return m_layer; }
    std::optional<std::int64_t> selectedFeature() const { return m_feature; }
    //! The 3D view's context menu (a right click, not a drag): the Inspector's visibility actions
    //! for what lies under the cursor, which a right click selects first. Null until first shown.
    QMenu* contextMenu() const { return m_menu; }
    //! Attribute reads still running (tests wait for 0).
    int pendingReads() const { return m_pending; }

signals:
    //! The selection changed (nullopt feature: nothing selected).
    void selectionChanged(std::optional<std::int64_t> featureId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void dropStaleSelection();
    void showToolTip(const QPoint& pos, const QPoint& globalPos);
    void readAttributes(data::LayerId layer, std::int64_t featureId);
    bool selectModelFeature(data::LayerId layer, std::int64_t featureId);
    void selectModelHit(const scene::PickResult& pick);
    void showContextMenu(const QPoint& pos, const QPoint& globalPos);
    QString modelToolTip(data::LayerId layer, std::int64_t featureId) const;
    void setHighlight(osg::Node* node, std::optional<std::int64_t> id, bool model);
    //! Fills the dock's tree with LAYER's features when it is not showing them already.
    void showTree(data::LayerId layer);
    void onLayerStateChanged(data::LayerId layer);
    void onFeatureStyleApplied(data::LayerId layer);
    QString layerName(data::LayerId layer) const;

    QPointer<OsgViewWidget> m_view;
    QPointer<InspectorDock> m_dock;
    QPointer<ProjectSession> m_session;
    osg::observer_ptr<osg::Node> m_highlighted; //!< node of the selected layer (its highlight uniform is set)
    bool m_highlightIsModel = false;           //!< m_highlighted is a model node (FeatureStyler), not buildings
    std::optional<data::LayerId> m_treeLayer;  //!< the model layer the dock's tree shows
    std::optional<data::LayerId> m_layer;
    std::optional<std::int64_t> m_feature;
    QString m_selectedName; //!< "name" attribute of the selection, for the tooltip
    quint64 m_generation = 0; //!< drops attribute reads for an older selection
    int m_pending = 0;
    QPoint m_pressPos;
    bool m_pressed = false;
    bool m_doubleClick = false;
    QPoint m_rightPressPos;
    bool m_rightPressed = false;
    QPointer<QMenu> m_menu;
};

} // namespace citytwin::app
