#pragma once

#include "data/LayerId.h"

#include <QDialog>
#include <QPointer>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace citytwin::app {

class FeatureStylePanel;
class FootprintHeightPanel;
class PipeMappingPanel;
class ModelPlacementPanel;
class TemporalPanel;
class ProjectSession;

//! Layer → Layer Properties…: what the layer is (kind, source, state, error) and its display
//! settings — opacity, for elevation layers the vertical exaggeration, for building layers the
//! extrusion height fields, for building and model layers the feature style, for model layers the
//! placement, for people, events and feature layers the time settings (TemporalPanel). OK and Apply send the changes
//! to the session (one edit each, only what changed, so Save writes them and the scene updates without a
//! reload; a new placement reloads the model).
class LayerPropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr double kMinVerticalScale = 0.1;
    static constexpr double kMaxVerticalScale = 10.0;

    LayerPropertiesDialog(ProjectSession* session, data::LayerId layer, QWidget* parent = nullptr);

    QSpinBox* opacitySpin() const { return m_opacitySpin; }
    QSlider* opacitySlider() const { return m_opacitySlider; }
    //! Disabled unless the layer is an elevation layer.
    QDoubleSpinBox* verticalScaleSpin() const { return m_verticalScale; }
    //! The Height section (building layers), else null.
    FootprintHeightPanel* heightPanel() const { return m_heights; }
    PipeMappingPanel* pipeFieldsPanel() const { return m_pipeFields; }
    //! The Style section (building and model layers), else null.
    FeatureStylePanel* stylePanel() const { return m_style; }
    //! The Placement section (model layers), else null.
    ModelPlacementPanel* placementPanel() const { return m_placement; }
    //! The Time section (people: trail length, max gap; events: window/accumulate; buildings, pipes,
    //! models, underground spaces: replay by time fields), else null.
    TemporalPanel* temporalPanel() const { return m_temporal; }
    QPushButton* applyButton() const { return m_apply; }

    //! Sends every changed setting to the session; the dialog stays open (Apply).
    void applyChanges();
    void accept() override;

private:
    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    QSlider* m_opacitySlider = nullptr;
    QSpinBox* m_opacitySpin = nullptr;
    QDoubleSpinBox* m_verticalScale = nullptr;
    FootprintHeightPanel* m_heights = nullptr;
    PipeMappingPanel* m_pipeFields = nullptr;
    FeatureStylePanel* m_style = nullptr;
    ModelPlacementPanel* m_placement = nullptr;
    TemporalPanel* m_temporal = nullptr;
    QPushButton* m_apply = nullptr;
};

} // namespace citytwin::app
