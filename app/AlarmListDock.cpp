#include "app/AlarmListDock.h"

#include "app/ProjectSession.h"
#include "app/SessionLayerWalk.h"
#include "scene/AssetAlarmLayer.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citytwin::app {

namespace {

QString number(double v)
{
    return QLocale().toString(v, 'g', 6);
}

} // namespace

AlarmListDock::AlarmListDock(QWidget* parent) : QDockWidget(parent)
{
    setObjectName(QStringLiteral("alarmListDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    m_summary = new QLabel(body);
    m_table = new QTableWidget(0, ColumnCount, body);
    m_table->setObjectName(QStringLiteral("alarmTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    setWidget(body);
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) { activateRow(row); });
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) { activateRow(row); });
    retranslate();
}

void AlarmListDock::retranslate()
{
    setWindowTitle(tr("Sensor Alarms"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Subtype"), tr("Value"), tr("Limit"), tr("Since")});
    refresh();
}

void AlarmListDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void AlarmListDock::setSession(ProjectSession* session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_timeSet = false;
    m_zone = m_session ? m_session->project().zone() : QTimeZone::utc();
    if (m_session) {
        connect(m_session, &ProjectSession::layerStateChanged, this, &AlarmListDock::refresh);
        connect(m_session, &ProjectSession::loadingFinished, this, &AlarmListDock::refresh);
    }
    refresh();
}

void AlarmListDock::setTime(data::TimeMs t)
{
    m_time = t;
    m_timeSet = true;
    refresh();
}

QString AlarmListDock::formatTime(data::TimeMs t) const
{
    return QDateTime::fromMSecsSinceEpoch(t, m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void AlarmListDock::refresh()
{
    m_rows.clear();
    if (m_session) {
        const data::TimeMs t = m_timeSet ? m_time : m_session->scene().time();
        for (const auto& [id, layer] :
             loadedLayersOf<scene::AssetAlarmLayer>(*m_session, data::LayerKind::Assets))
            for (const data::SensorAlarm& alarm : layer->alarms().alarmsAt(t))
                m_rows.push_back({id, alarm});
    }
    // Keep the selected asset selected across updates (the list changes every few clock steps).
    const int selected = m_table->currentRow();
    const qint64 selectedId =
        selected >= 0 && selected < m_table->rowCount() ? m_table->item(selected, 0)->data(Qt::UserRole).toLongLong() : 0;
    m_table->setRowCount(int(m_rows.size()));
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const Row& row = m_rows[std::size_t(r)];
        const data::SensorAlarm& a = row.alarm;
        QString name, subtype;
        if (const scene::AssetAlarmLayer* layer =
                m_session ? scene::AssetAlarmLayer::of(m_session->scene().layerNode(row.layer)) : nullptr) {
            name = layer->assetName(a.assetId);
            subtype = layer->assetSubtype(a.assetId);
        }
        const QString limit = a.above ? tr("> %1").arg(number(a.threshold.max.value_or(0.0)))
                                      : tr("< %1").arg(number(a.threshold.min.value_or(0.0)));
        const QStringList cells = {name.isEmpty() ? tr("asset %1").arg(a.assetId) : name, subtype, number(a.value),
                                   limit, formatTime(a.since)};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, qint64(a.assetId));
            m_table->setItem(r, c, item);
        }
        if (a.assetId == selectedId)
            m_table->selectRow(r);
    }
    m_summary->setText(m_rows.empty() ? tr("No sensor in alarm") : tr("%n sensor(s) in alarm", nullptr, int(m_rows.size())));
}

void AlarmListDock::activateRow(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    const Row& r = m_rows[std::size_t(row)];
    emit assetActivated(qint64(r.alarm.assetId));
    emit assetActivatedInLayer(r.layer, qint64(r.alarm.assetId));
}

} // namespace citytwin::app
