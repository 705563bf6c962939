#pragma once

#include "data/LayerId.h"
#include "data/Model.h"

#include <QObject>
#include <QPointer>
#include <cstdint>
#include <optional>
#include <vector>

class QAction;

namespace citytwin::app {

class ProjectSession;

//! Hide Selected, Show All, Isolate Storey and Show All Storeys for the feature selected in the
//! 3D view or the model tree. Each edits the layer's data::FeatureStyle (hidden features,
//! isolated storey) through ProjectSession::setFeatureStyle: no rebuild, saved with the project.
class FeatureVisibilityActions : public QObject
{
    Q_OBJECT
public:
    explicit FeatureVisibilityActions(QObject* parent = nullptr);

    void setSession(ProjectSession* session);
    //! The layer the actions act on and its selected feature (nullopt: none).
    void setTarget(std::optional<data::LayerId> layer, std::optional<std::int64_t> feature);
    std::optional<data::LayerId> targetLayer() const { return m_layer; }
    void retranslate();

    QAction* hideSelectedAction() const { return m_hide; }
    QAction* showAllAction() const { return m_showAll; }
    QAction* isolateStoreyAction() const { return m_isolate; }
    QAction* showAllStoreysAction() const { return m_allStoreys; }
    QList<QAction*> actions() const { return {m_hide, m_showAll, m_isolate, m_allStoreys}; }

    //! The actions' work (false when there was nothing to do).
    bool hideSelected();
    bool showAll();
    bool isolateStorey();
    bool showAllStoreys();

    //! The storey feature that contains ID (ID itself when it is one), following parent links;
    //! nullopt when no ancestor is a storey (IfcBuildingStorey, CityGML Storey/BuildingStorey).
    static std::optional<std::int64_t> storeyOf(const std::vector<data::ModelFeature>& features,
                                                std::int64_t id);

signals:
    //! Hide Selected hid the selection: whoever selected it should drop it.
    void selectionHidden();

private:
    void updateEnabled();
    std::optional<std::int64_t> selectedStorey() const;

    QPointer<ProjectSession> m_session;
    std::optional<data::LayerId> m_layer;
    std::optional<std::int64_t> m_feature;
    QAction* m_hide = nullptr;
    QAction* m_showAll = nullptr;
    QAction* m_isolate = nullptr;
    QAction* m_allStoreys = nullptr;
};

} // namespace citytwin::app
