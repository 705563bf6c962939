#include "app/TemporalPanel.h"

#include "app/ProjectSession.h"
#include "scene/CityScene.h"
#include "scene/PeopleLayer.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <array>
#include <cmath>

namespace citytwin::app {

namespace {
constexpr double kMaxTrailMinutes = 24 * 60;
constexpr double kMinGapMinutes = 0.1;
constexpr double kMaxGapMinutes = 24 * 60;
constexpr double kMaxDuration = 100000; // in the chosen unit: 100,000 years is "forever" enough

//! Duration units of "start field + duration", largest last (a Julian year: construction dates
//! plus N years land on the same day of the year on average).
constexpr std::array<data::TimeMs, 4> kUnitMs{data::kMinuteMs, data::kHourMs, data::kDayMs,
                                              data::TimeMs(365.25 * double(data::kDayMs))};

//! A field name that probably holds a time: offered first when the layer has none chosen yet.
bool looksLikeStartField(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("year|date|time|start|begin|built|install|open|from"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

void fillFields(QComboBox* combo, const QStringList& fields, const QString& current)
{
    combo->addItems(fields);
    if (!current.isEmpty() && !fields.contains(current))
        combo->addItem(current); // a field the source no longer has: applying it reports the error
    combo->setCurrentIndex(current.isEmpty() ? -1 : combo->findText(current));
}
} // namespace

bool TemporalPanel::appliesTo(data::LayerKind kind)
{
    return kind == data::LayerKind::People || kind == data::LayerKind::Events ||
           ProjectSession::replaysFeatureTimes(kind);
}

double TemporalPanel::maxGapSeconds(const data::LayerSettings& layer)
{
    const double v = layer.style.value(QLatin1String(kMaxGapKey)).toDouble(kDefaultMaxGapSeconds);
    return v > 0 ? v : kDefaultMaxGapSeconds;
}

TemporalPanel::TemporalPanel(ProjectSession* session, data::LayerId layer, QWidget* parent)
    : QGroupBox(tr("Time"), parent), m_session(session), m_layer(layer)
{
    setObjectName(QStringLiteral("temporalPanel"));
    const data::LayerSettings* settings = session ? session->project().layer(layer) : nullptr;
    if (settings) {
        m_kind = settings->kind;
        m_before = settings->temporal;
        m_styleBefore = settings->style;
    }
    auto* form = new QFormLayout(this);
    if (m_kind == data::LayerKind::People) {
        m_trail = new QDoubleSpinBox(this);
        m_trail->setObjectName(QStringLiteral("trailLengthSpin"));
        m_trail->setRange(0, kMaxTrailMinutes);
        m_trail->setDecimals(1);
        m_trail->setSuffix(tr(" min"));
        m_trail->setSpecialValueText(tr("No trail"));
        m_trail->setValue(double(m_before.trailLengthMs) / 60000.0);
        m_trail->setToolTip(tr("How far back each person's fading trail reaches"));
        form->addRow(tr("&Trail length:"), m_trail);
        m_maxGap = new QDoubleSpinBox(this);
        m_maxGap->setObjectName(QStringLiteral("maxGapSpin"));
        m_maxGap->setRange(kMinGapMinutes, kMaxGapMinutes);
        m_maxGap->setDecimals(1);
        m_maxGap->setSuffix(tr(" min"));
        m_maxGap->setValue(settings ? maxGapSeconds(*settings) / 60.0 : kDefaultMaxGapSeconds / 60.0);
        m_maxGap->setToolTip(tr("Between two fixes further apart the person is hidden and the trail breaks, "
                                "instead of jumping across the gap"));
        form->addRow(tr("&Max gap:"), m_maxGap);
    } else if (m_kind == data::LayerKind::Events) {
        m_mode = new QComboBox(this);
        m_mode->setObjectName(QStringLiteral("eventTimeModeCombo"));
        m_mode->addItem(tr("Window — only events active now"));
        m_mode->addItem(tr("Accumulate — everything reported so far"));
        m_mode->setCurrentIndex(m_before.accumulate ? 1 : 0);
        form->addRow(tr("&Show:"), m_mode);
    } else if (ProjectSession::replaysFeatureTimes(m_kind)) {
        buildFeatureRows(form);
    }
}

void TemporalPanel::buildFeatureRows(QFormLayout* form)
{
    m_replay = new QComboBox(this);
    m_replay->setObjectName(QStringLiteral("featureReplayCombo"));
    m_replay->addItem(tr("Always shown"));
    m_replay->addItem(tr("Start and end fields"));
    m_replay->addItem(tr("Start field + duration"));
    m_replay->setToolTip(tr("Replays the layer on the timeline: each feature appears at the time in its "
                            "start field and disappears at its end (or after the duration)"));
    form->addRow(tr("&Replay:"), m_replay);

    const QStringList fields = m_session ? m_session->temporalFields(m_layer) : QStringList{};
    m_startField = new QComboBox(this);
    m_startField->setObjectName(QStringLiteral("featureStartFieldCombo"));
    QString start = m_before.startField;
    if (start.isEmpty()) {
        for (const QString& f : fields)
            if (looksLikeStartField(f)) {
                start = f;
                break;
            }
    }
    fillFields(m_startField, fields, start);
    m_startField->setToolTip(tr("Dates, date-times, years (\"1998\") or epoch seconds; "
                                "features with an empty value are always shown"));
    form->addRow(tr("S&tart field:"), m_startField);
    m_endField = new QComboBox(this);
    m_endField->setObjectName(QStringLiteral("featureEndFieldCombo"));
    fillFields(m_endField, fields, m_before.endField);
    m_endField->setToolTip(tr("A date or year ends at the end of that day or year; "
                              "features with an empty end stay from their start on"));
    form->addRow(tr("&End field:"), m_endField);

    auto* durationRow = new QHBoxLayout;
    m_duration = new QDoubleSpinBox(this);
    m_duration->setObjectName(QStringLiteral("featureDurationSpin"));
    m_duration->setRange(0, kMaxDuration);
    m_duration->setDecimals(2);
    m_duration->setSpecialValueText(tr("No end"));
    m_duration->setToolTip(tr("How long each feature stays from its start (0: from its start on)"));
    m_durationUnit = new QComboBox(this);
    m_durationUnit->setObjectName(QStringLiteral("featureDurationUnitCombo"));
    m_durationUnit->addItems({tr("minutes"), tr("hours"), tr("days"), tr("years")});
    // The largest unit the stored duration is a whole number of (a fresh layer: years).
    int unit = int(kUnitMs.size()) - 1;
    if (m_before.durationMs > 0) {
        while (unit > 0 && m_before.durationMs % kUnitMs[std::size_t(unit)] != 0)
            --unit;
    }
    m_durationUnit->setCurrentIndex(unit);
    m_duration->setValue(double(m_before.durationMs) / double(kUnitMs[std::size_t(unit)]));
    durationRow->addWidget(m_duration, 1);
    durationRow->addWidget(m_durationUnit);
    auto* durationLabel = new QLabel(tr("&Duration:"), this);
    durationLabel->setBuddy(m_duration); // a row of widgets gets no buddy from the form
    form->addRow(durationLabel, durationRow);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("featureTimeModeCombo"));
    m_mode->addItem(tr("Window — only features that exist now"));
    m_mode->addItem(tr("Accumulate — everything started so far"));
    m_mode->setCurrentIndex(m_before.accumulate ? 1 : 0);
    form->addRow(tr("&Show:"), m_mode);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("featureTimeStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);

    if (m_before.mode == data::TemporalMode::FeatureFields)
        m_replay->setCurrentIndex(m_before.endField.isEmpty() ? StartDuration : StartEndFields);
    connect(m_replay, &QComboBox::currentIndexChanged, this, &TemporalPanel::updateFeatureRows);
    connect(m_startField, &QComboBox::currentIndexChanged, this, &TemporalPanel::updateFeatureRows);
    connect(m_endField, &QComboBox::currentIndexChanged, this, &TemporalPanel::updateFeatureRows);
    connect(m_duration, &QDoubleSpinBox::valueChanged, this, [this] { m_durationEdited = true; });
    connect(m_durationUnit, &QComboBox::currentIndexChanged, this, [this] { m_durationEdited = true; });
    if (m_session) {
        connect(m_session, &ProjectSession::featureTimesApplied, this, [this](data::LayerId id) {
            if (id == m_layer)
                updateStatus();
        });
    }
    updateFeatureRows();
}

void TemporalPanel::updateFeatureRows()
{
    const int replay = m_replay->currentIndex();
    m_startField->setEnabled(replay != AlwaysShown);
    m_endField->setEnabled(replay == StartEndFields);
    m_duration->setEnabled(replay == StartDuration);
    m_durationUnit->setEnabled(replay == StartDuration);
    m_mode->setEnabled(replay != AlwaysShown);
    const bool valid = isValid();
    if (valid != m_valid) {
        m_valid = valid;
        emit validityChanged(valid);
    }
    updateStatus();
}

QString TemporalPanel::problem() const
{
    if (!m_replay || m_replay->currentIndex() == AlwaysShown)
        return {};
    if (m_startField->count() == 0)
        return tr("The layer has no attribute fields to take times from.");
    if (m_startField->currentText().isEmpty())
        return tr("Choose the field that holds each feature's start time.");
    if (m_replay->currentIndex() == StartEndFields && m_endField->currentText().isEmpty())
        return tr("Choose the field that holds each feature's end time, or replay by start field + duration.");
    return {};
}

void TemporalPanel::updateStatus()
{
    if (!m_status)
        return;
    const QString why = problem();
    QString text;
    bool error = !why.isEmpty();
    if (error) {
        text = why;
    } else if (m_session) {
        if (const QString failed = m_session->featureTimeError(m_layer); !failed.isEmpty()) {
            text = failed;
            error = true;
        } else if (const auto s = m_session->featureTimeSummary(m_layer)) {
            text = summaryText(m_kind, s->timed, s->features, s->extent, s->unparsable, s->firstUnparsable,
                               s->endBeforeStart, m_session->project().zone());
        }
    }
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
}

QString TemporalPanel::summaryText(data::LayerKind kind, std::int64_t timed, std::int64_t features,
                                   const data::TimeRange& extent, std::int64_t unparsable,
                                   const QString& firstUnparsable, std::int64_t endBeforeStart,
                                   const QTimeZone& zone)
{
    const QLocale locale;
    const QString a = locale.toString(qlonglong(timed));
    const QString b = locale.toString(qlonglong(features));
    QString text;
    switch (kind) {
    case data::LayerKind::Buildings:
        text = tr("%1 of %2 buildings have times").arg(a, b);
        break;
    case data::LayerKind::Pipes:
        text = tr("%1 of %2 pipes have times").arg(a, b);
        break;
    case data::LayerKind::UndergroundSpaces:
        text = tr("%1 of %2 underground spaces have times").arg(a, b);
        break;
    default:
        text = tr("%1 of %2 features have times").arg(a, b);
        break;
    }
    if (!extent.isEmpty()) {
        // Years for what spans years (construction dates), days for shorter replays; in the
        // project's zone like the timeline (UTC would move a 1 January start into the year before).
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(extent.start, zone);
        const QDateTime to = QDateTime::fromMSecsSinceEpoch(extent.end - 1, zone);
        const bool years = extent.duration() >= 2 * 365 * data::kDayMs;
        const QString fmt = years ? QStringLiteral("yyyy") : QStringLiteral("yyyy-MM-dd");
        text += tr(", %1–%2").arg(from.toString(fmt), to.toString(fmt));
    }
    if (unparsable > 0)
        text += tr("; %1 values unreadable, e.g. '%2'").arg(locale.toString(qlonglong(unparsable)), firstUnparsable);
    if (endBeforeStart > 0)
        text += tr("; %1 end before their start (shown from the start on)")
                    .arg(locale.toString(qlonglong(endBeforeStart)));
    return text;
}

data::TemporalSettings TemporalPanel::temporal() const
{
    data::TemporalSettings t = m_before;
    if (m_trail)
        t.trailLengthMs = data::TimeMs(std::llround(m_trail->value() * 60000.0));
    if (m_mode)
        t.accumulate = m_mode->currentIndex() == 1;
    if (m_replay) {
        switch (m_replay->currentIndex()) {
        case StartEndFields:
            t.mode = data::TemporalMode::FeatureFields;
            t.startField = m_startField->currentText();
            t.endField = m_endField->currentText();
            break;
        case StartDuration:
            t.mode = data::TemporalMode::FeatureFields;
            t.startField = m_startField->currentText();
            t.endField.clear();
            if (m_durationEdited) {
                const data::TimeMs unit = kUnitMs[std::size_t(std::max(0, m_durationUnit->currentIndex()))];
                t.durationMs = data::TimeMs(std::llround(m_duration->value() * double(unit)));
            }
            break;
        default: // always shown: the fields stay stored for the next time
            if (t.mode == data::TemporalMode::FeatureFields)
                t.mode = data::TemporalMode::None;
            break;
        }
    }
    return t;
}

QJsonObject TemporalPanel::style() const
{
    QJsonObject s = m_styleBefore;
    if (m_maxGap) {
        const double before = m_styleBefore.value(QLatin1String(kMaxGapKey)).toDouble(kDefaultMaxGapSeconds);
        const double now = std::round(m_maxGap->value() * 60.0);
        if (std::abs(now - before) > 0.5) // an untouched default stays unset
            s.insert(QLatin1String(kMaxGapKey), now);
    }
    return s;
}

void TemporalPanel::apply()
{
    if (!isValid())
        return; // the dialog's OK/Apply are disabled; nothing half-chosen reaches the project
    const data::TemporalSettings t = temporal();
    const QJsonObject s = style();
    if (t == m_before && s == m_styleBefore)
        return;
    if (m_session && m_kind == data::LayerKind::People) {
        if (scene::PeopleLayer* people = scene::PeopleLayer::of(m_session->scene().layerNode(m_layer))) {
            people->setTrailSeconds(double(t.trailLengthMs) / 1000.0);
            people->setMaxGapSeconds(s.value(QLatin1String(kMaxGapKey)).toDouble(kDefaultMaxGapSeconds));
        }
    }
    m_before = t;
    m_styleBefore = s;
    emit changed(m_layer, t, s);
}

} // namespace citytwin::app
