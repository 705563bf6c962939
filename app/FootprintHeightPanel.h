#pragma once

#include "app/ProjectSession.h"
#include "data/LayerId.h"

#include <QGroupBox>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;

namespace citytwin::app {

//! The "Height" section of Layer Properties for footprint (buildings) layers: the field holding
//! the height, else the field holding the number of floors times a storey height. apply() hands
//! a change to the session, which re-extrudes the layer.
class FootprintHeightPanel : public QGroupBox
{
    Q_OBJECT
public:
    FootprintHeightPanel(ProjectSession* session, data::LayerId layer, QWidget* parent = nullptr);

    ProjectSession::FootprintHeights heights() const;
    //! Sends heights() to the session when they differ from the stored ones; true when it did.
    bool apply();

    QComboBox* heightFieldCombo() const { return m_heightField; }
    QComboBox* floorsFieldCombo() const { return m_floorsField; }
    QDoubleSpinBox* storeyHeightSpin() const { return m_storey; }

private:
    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    QComboBox* m_heightField = nullptr;
    QComboBox* m_floorsField = nullptr;
    QDoubleSpinBox* m_storey = nullptr;
};

} // namespace citytwin::app
