#pragma once

#include "data/LayerId.h"

#include <QDialog>
#include <QPointer>

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace citytwin::app {

class ProjectSession;

//! Layer → Layer Properties…: what the layer is (kind, source, state, error) and its display
//! settings — opacity, and for elevation layers the vertical exaggeration. OK applies the changes
//! to the session (one edit each, so Save writes them and the scene updates without a reload).
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

    void accept() override;

private:
    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    QSlider* m_opacitySlider = nullptr;
    QSpinBox* m_opacitySpin = nullptr;
    QDoubleSpinBox* m_verticalScale = nullptr;
};

} // namespace citytwin::app
