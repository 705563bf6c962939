#pragma once

#include "gis/FeatureAttributes.h"

#include <QDockWidget>
#include <cstdint>
#include <optional>

class QLabel;
class QTableWidget;

namespace citytwin::app {

//! The Inspector dock: what the user clicked in the 3D view — layer, feature id and the feature's
//! attributes (field/value table), "Reading…" while a worker reads them, or the read error.
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
    enum class State { Empty, Reading, Shown, Failed };
    void retranslate();
    void addRow(const QString& field, const QString& value);

    QLabel* m_heading = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    State m_state = State::Empty;
    QString m_layerName;
    std::int64_t m_featureId = 0;
    QString m_error;
};

} // namespace citytwin::app
