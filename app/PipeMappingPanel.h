#pragma once

#include "data/LayerId.h"
#include "data/PipeMapping.h"

#include <QGroupBox>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;

namespace citytwin::app {

class ProjectSession;

//! The "Pipe fields" section of Layer Properties for pipe layers: which field holds the depth (and
//! whether it is the depth of the top, centre or invert), start/end elevations, the diameter or
//! the box width × height, material, install year and network type, with defaults for missing
//! values. apply() hands a changed mapping to the session, which reloads the layer.
class PipeMappingPanel : public QGroupBox
{
    Q_OBJECT
public:
    PipeMappingPanel(ProjectSession* session, data::LayerId layer, QWidget* parent = nullptr);

    data::PipeMapping mapping() const;
    //! Sends mapping() to the session when it differs from the stored one; true when it did.
    bool apply();

    QComboBox* fieldCombo(const QString& key) const; //!< "depth", "startElevation", "endElevation", "diameter", "width", "height", "material", "installYear", "network"
    QComboBox* referenceCombo() const { return m_reference; }
    QDoubleSpinBox* defaultDepthSpin() const { return m_defaultDepth; }
    QDoubleSpinBox* defaultDiameterSpin() const { return m_defaultDiameter; }

private:
    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    std::vector<std::pair<QString, QComboBox*>> m_fields;
    QComboBox* m_reference = nullptr;
    QDoubleSpinBox* m_defaultDepth = nullptr;
    QDoubleSpinBox* m_defaultDiameter = nullptr;
};

} // namespace citytwin::app
