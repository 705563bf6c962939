#pragma once

#include "data/Model.h"
#include "data/Points.h"
#include "gis/FeatureAttributes.h"

#include <QDockWidget>
#include <cstdint>
#include <optional>

class QLabel;
class QSplitter;
class QTableWidget;

namespace citytwin::app {

class FeatureVisibilityActions;
class ModelTreeWidget;

//! The Inspector dock: what the user clicked in the 3D view — layer, feature id and the feature's
//! attributes (field/value table), "Reading…" while a worker reads them, or the read error. For a
//! model layer it also shows the model's element tree and the Hide/Show/Isolate Storey buttons.
class InspectorDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit InspectorDock(QWidget* parent = nullptr);

    //! Nothing selected.
    void clear();
    //! Feature FEATUREID of LAYERNAME is selected; its attributes are being read.
    void showReading(const QString& layerName, std::int64_t featureId);
    //! The attributes of the selected feature arrived.
    void showAttributes(const QString& layerName, std::int64_t featureId, const gis::FeatureAttributes& attributes);
    //! Reading the selected feature's attributes failed with MESSAGE.
    void showError(const QString& layerName, std::int64_t featureId, const QString& message);
    //! Model feature FEATURE of LAYERNAME is selected: type, name, external id, then its attributes.
    void showModelFeature(const QString& layerName, const data::ModelFeature& feature);
    //! A model layer without features (oblique OSGB) was hit in tile NODENAME at POINT (project CRS).
    void showModelHit(const QString& layerName, const QString& nodeName, const data::ProjectedPoint& point);

    //! The element tree of the model layer in focus (hidden while no model layer is).
    ModelTreeWidget* modelTree() const { return m_tree; }
    //! Shows or hides the tree and the model buttons.
    void setModelSectionVisible(bool visible);
    bool isModelSectionVisible() const;
    //! Hide Selected, Show All, Isolate Storey, Show All Storeys (buttons in the dock).
    FeatureVisibilityActions* featureActions() const { return m_actions; }

    //! The heading line ("Buildings — feature 12"); empty when nothing is selected (tests).
    QString headingText() const;
    //! The status line: "Reading…", an error or empty (tests).
    QString statusText() const;
    //! Value of FIELD in the table, nullopt when there is no such row (tests).
    std::optional<QString> value(const QString& field) const;
    int rowCount() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class State { Empty, Reading, Shown, Failed, ModelShown, ModelHit };
    void retranslate();
    void addRow(const QString& field, const QString& value);

    QLabel* m_heading = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QSplitter* m_splitter = nullptr;
    QWidget* m_modelSection = nullptr;
    ModelTreeWidget* m_tree = nullptr;
    FeatureVisibilityActions* m_actions = nullptr;
    State m_state = State::Empty;
    QString m_layerName;
    std::int64_t m_featureId = 0;
    QString m_error;
    QString m_featureTitle; //!< "IfcWall Basic Wall" for a model feature, the tile name for a hit
};

} // namespace citytwin::app
