#pragma once

#include "data/FeatureStyle.h"
#include "data/LayerId.h"

#include <QGroupBox>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace citytwin::app {

class ProjectSession;

//! The "Style" section of Layer Properties for building and model layers: colour by attribute
//! (single / categorized / graduated with 2–10 equal-interval or quantile classes), wireframe,
//! the legend of the style last applied (swatch, label, feature count; follows
//! ProjectSession::featureStyleApplied), the style error and "Show Hidden Features". The edits
//! are applied by apply() (the dialog's Apply/OK); the hidden features are cleared at once.
class FeatureStylePanel : public QGroupBox
{
    Q_OBJECT
public:
    FeatureStylePanel(ProjectSession* session, data::LayerId layer, QWidget* parent = nullptr);

    //! The session's style of the layer with this panel's edits (hidden/isolated storey kept).
    data::FeatureStyle style() const;
    //! Sends style() to the session when it differs from the stored one; true when it did.
    bool apply();

    QComboBox* modeCombo() const { return m_mode; }
    QComboBox* fieldCombo() const { return m_field; }
    QSpinBox* classesSpin() const { return m_classes; }
    QComboBox* breaksCombo() const { return m_breaks; }
    QCheckBox* wireframeCheck() const { return m_wireframe; }
    QTreeWidget* legend() const { return m_legend; }
    QPushButton* showHiddenButton() const { return m_showHidden; }
    //! The style error line (empty: no error).
    QString errorText() const;

public slots:
    //! Re-reads the legend, error and hidden count from the session.
    void refresh();

private:
    void load(const data::FeatureStyle& style);
    void updateEnabled();
    void showHidden();

    QPointer<ProjectSession> m_session;
    data::LayerId m_layer;
    QComboBox* m_mode = nullptr;
    QComboBox* m_field = nullptr;
    QSpinBox* m_classes = nullptr;
    QComboBox* m_breaks = nullptr;
    QCheckBox* m_wireframe = nullptr;
    QTreeWidget* m_legend = nullptr;
    QLabel* m_unclassified = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_showHidden = nullptr;
};

} // namespace citytwin::app
