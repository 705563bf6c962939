#pragma once

#include "data/LayerId.h"
#include "data/SensorAlarms.h"
#include "data/Time.h"

#include <QDockWidget>
#include <QPointer>
#include <QTimeZone>
#include <vector>

class QLabel;
class QTableWidget;

namespace citytwin::app {

class ProjectSession;

//! The "Sensor Alarms" dock: the sensors in alarm at the current time over every assets layer
//! (name, subtype, value, limit, since), kept current as the clock moves (setTime()). The alarms
//! come from each layer's scene::AssetAlarmLayer (no query per step). Activating a row
//! (click or Enter) emits assetActivated for the window to select/fly to the asset.
class AlarmListDock : public QDockWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, SubtypeColumn, ValueColumn, LimitColumn, SinceColumn, ColumnCount };

    explicit AlarmListDock(QWidget* parent = nullptr);

    //! Follows SESSION's assets layers (nullptr: none); times are shown in the project's time zone.
    void setSession(ProjectSession* session);

    //! The alarms listed (row order), with the layer each comes from.
    struct Row
    {
        data::LayerId layer;
        data::SensorAlarm alarm;
    };
    const std::vector<Row>& rows() const { return m_rows; }
    QTableWidget* table() const { return m_table; }
    QLabel* summaryLabel() const { return m_summary; }

public slots:
    //! The scene clock moved to T: lists the sensors in alarm at T.
    void setTime(citytwin::data::TimeMs t);
    //! Lists the alarms again at the last time (e.g. after a layer (re)loaded or readings arrived).
    void refresh();

signals:
    //! The user chose the alarm of asset ASSETID (of assets layer LAYER).
    void assetActivated(qint64 assetId);
    void assetActivatedInLayer(citytwin::data::LayerId layer, qint64 assetId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void activateRow(int row);
    QString formatTime(data::TimeMs t) const;

    QPointer<ProjectSession> m_session;
    data::TimeMs m_time = 0;
    bool m_timeSet = false;
    QTimeZone m_zone = QTimeZone::utc();
    std::vector<Row> m_rows;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace citytwin::app
