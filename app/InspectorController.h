#pragma once

#include "data/LayerId.h"
#include "gis/FeatureAttributes.h"
#include "scene/Picker.h"

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
//! attributes, read on a worker thread; a click elsewhere clears. A double-click flies the camera
//! to the point clicked; hovering a building shows its layer, id and (once read) name as a tooltip.
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

    std::optional<data::LayerId> selectedLayer() const { return m_layer; }
    std::optional<std::int64_t> selectedFeature() const { return m_feature; }
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

    QPointer<OsgViewWidget> m_view;
    QPointer<InspectorDock> m_dock;
    QPointer<ProjectSession> m_session;
    osg::observer_ptr<osg::Node> m_highlighted; //!< buildings node whose uniform is set
    std::optional<data::LayerId> m_layer;
    std::optional<std::int64_t> m_feature;
    QString m_selectedName; //!< "name" attribute of the selection, for the tooltip
    quint64 m_generation = 0; //!< drops attribute reads for an older selection
    int m_pending = 0;
    QPoint m_pressPos;
    bool m_pressed = false;
    bool m_doubleClick = false;
};

} // namespace citytwin::app
