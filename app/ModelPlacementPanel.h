#pragma once

#include "data/LayerId.h"
#include "data/Model.h"

#include <QGroupBox>
#include <QPointer>
#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QRadioButton;

namespace citytwin::app {

class ProjectSession;

//! The "Placement" section of Layer Properties for model layers: the file's own georeference, or
//! longitude / latitude / height (or standing on the terrain) / rotation / scale for a model in
//! local coordinates. apply() hands a changed placement to the session (which reloads the layer).
class ModelPlacementPanel : public QGroupBox
{
    Q_OBJECT
public:
    ModelPlacementPanel(ProjectSession* session, data::LayerId layer, QWidget* parent = nullptr);

    //! What the widgets say: nullopt for "use the file's own georeference".
    std::optional<data::ModelPlacement> placement() const;
    void setPlacement(const std::optional<data::ModelPlacement>& placement);
    //! Sends placement() to the session when it differs from the stored one; true when it did.
    bool apply();

    QRadioButton* ownGeoreferenceRadio() const { return m_own; }
    QRadioButton* placeRadio() const { return m_place; }
    QDoubleSpinBox* lonSpin() const { return m_lon; }
    QDoubleSpinBox* latSpin() const { return m_lat; }
    QDoubleSpinBox* heightSpin() const { return m_height; }
    QCheckBox* onTerrainCheck() const { return m_onTerrain; }
    QDoubleSpinBox* rotationSpin() const { return m_rotation; }
    QDoubleSpinBox* scaleSpin() const { return m_scale; }

private:
    void updateEnabled();
    //! The project origin in lon/lat: where a model without georeference lands by default.
    data::GeoPoint projectOriginLonLat() const;

    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    QRadioButton* m_own = nullptr;
    QRadioButton* m_place = nullptr;
    QDoubleSpinBox* m_lon = nullptr;
    QDoubleSpinBox* m_lat = nullptr;
    QDoubleSpinBox* m_height = nullptr;
    QCheckBox* m_onTerrain = nullptr;
    QDoubleSpinBox* m_rotation = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    std::optional<data::ModelPlacement> m_untouched; //!< what the widgets showed for the stored placement
};

} // namespace citytwin::app
