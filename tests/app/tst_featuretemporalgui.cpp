// Layer Properties → Time for feature layers on the small demo's buildings: the panel offers the
// layer's fields (a time-like one first), applies start field + duration to the project and shows
// the session's summary, disables OK without a start field, shows a missing field's error; the
// main window's timeline widens to the buildings' years (dates on the label, the slider through
// decades) and the view draws far fewer buildings at the first building year than without times.
#include "FeatureTemporalFixtures.h"
#include "WindowFixtures.h"
#include "app/ClockController.h"
#include "app/LayerPropertiesDialog.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/TemporalPanel.h"
#include "tests/common/TestPaths.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

namespace {

//! Pixels of A and B that differ by more than TOLERANCE in some channel.
int differingPixels(const QImage& a, const QImage& b, int tolerance = 24)
{
    if (a.size() != b.size())
        return -1;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            if (std::abs(qRed(p[col]) - qRed(q[col])) > tolerance ||
                std::abs(qGreen(p[col]) - qGreen(q[col])) > tolerance ||
                std::abs(qBlue(p[col]) - qBlue(q[col])) > tolerance)
                ++n;
        }
    }
    return n;
}

//! A frame of W's view once two in a row agree (the paged terrain has settled), else the last.
QImage settledFrame(app::MainWindow& w)
{
    QImage last = w.view()->grabFramebuffer();
    for (int i = 0; i < 40; ++i) {
        QTest::qWait(100);
        QImage next = w.view()->grabFramebuffer();
        if (differingPixels(last, next, 0) == 0)
            return next;
        last = next;
    }
    return last;
}

} // namespace

class TstFeatureTemporalGui : public test::FeatureTemporalFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(prepareDemo().isEmpty(), "the small demo could not be generated"); }
    void init()
    {
        const QString failed = openCopy();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
    void cleanup() { closeCopy(); }
    void missingFieldShowsInThePanel();
    void panelOffersTheFieldsAndApplies();
    void panelNeedsAStartField();
    void timelineWidensToTheLayersYears();
};

void TstFeatureTemporalGui::missingFieldShowsInThePanel()
{
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("demolished_on"))));
    // The Time panel shows the error and still offers the stored field.
    app::LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    app::TemporalPanel* panel = dialog.temporalPanel();
    QVERIFY(panel);
    QCOMPARE(panel->startFieldCombo()->currentText(), QStringLiteral("demolished_on"));
    const QString status = panel->statusLabel()->text();
    QVERIFY2(status.contains(QLatin1String("demolished_on")), qPrintable(status));
}

void TstFeatureTemporalGui::panelOffersTheFieldsAndApplies()
{
    app::LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    app::TemporalPanel* panel = dialog.temporalPanel();
    QVERIFY(panel);
    connect(panel, &app::TemporalPanel::changed, m_session.get(), &ProjectSession::setLayerTemporal);
    QVERIFY(panel->replayCombo());
    QCOMPARE(panel->replayCombo()->currentIndex(), int(app::TemporalPanel::AlwaysShown));
    QVERIFY(!panel->startFieldCombo()->isEnabled());
    for (const QString& f : m_session->temporalFields(m_buildings))
        QVERIFY2(panel->startFieldCombo()->findText(f) >= 0, qPrintable(f));
    // The field that looks like a time is offered first.
    QCOMPARE(panel->startFieldCombo()->currentText(), QStringLiteral("year_built"));

    // Untouched: nothing to store.
    QSignalSpy changed(panel, &app::TemporalPanel::changed);
    QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
    QCOMPARE(changed.count(), 0);

    panel->replayCombo()->setCurrentIndex(app::TemporalPanel::StartDuration);
    QVERIFY(panel->startFieldCombo()->isEnabled());
    QVERIFY(!panel->endFieldCombo()->isEnabled());
    QVERIFY(panel->durationSpin()->isEnabled());
    panel->durationUnitCombo()->setCurrentIndex(3); // years
    panel->durationSpin()->setValue(10);
    panel->modeCombo()->setCurrentIndex(1);
    QSignalSpy applied(m_session.get(), &ProjectSession::featureTimesApplied);
    QTest::mouseClick(dialog.applyButton(), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, test::kFeatureTimesTimeoutMs);

    const data::TemporalSettings& t = m_session->project().layer(m_buildings)->temporal;
    QCOMPARE(data::toString(t.mode), data::toString(data::TemporalMode::FeatureFields));
    QCOMPARE(t.startField, QStringLiteral("year_built"));
    QVERIFY(t.endField.isEmpty());
    QCOMPARE(t.durationMs, data::TimeMs(10 * 365.25 * double(data::kDayMs)));
    QVERIFY(t.accumulate);
    QVERIFY(scene::hasFeatureTimes(m_session->scene().layerNode(m_buildings)));
    const auto summary = m_session->featureTimeSummary(m_buildings);
    QVERIFY(summary);
    const QString status = panel->statusLabel()->text();
    QVERIFY2(status.contains(QLatin1String("buildings have times")), qPrintable(status));
    QVERIFY2(status.contains(QLocale().toString(qlonglong(summary->features))), qPrintable(status));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.grab().save(test::testOutputDir(QStringLiteral("app")) + QStringLiteral("/featuretemporal_panel.png"));

    // A dialog opened again shows what is stored, to the millisecond.
    app::LayerPropertiesDialog again(m_session.get(), m_buildings);
    app::TemporalPanel* p2 = again.temporalPanel();
    QCOMPARE(p2->replayCombo()->currentIndex(), int(app::TemporalPanel::StartDuration));
    QCOMPARE(p2->durationUnitCombo()->currentIndex(), 3);
    QCOMPARE(p2->durationSpin()->value(), 10.0);
    QVERIFY(p2->temporal() == t);
    QVERIFY(!p2->statusLabel()->text().isEmpty());
}

void TstFeatureTemporalGui::panelNeedsAStartField()
{
    app::LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    app::TemporalPanel* panel = dialog.temporalPanel();
    QVERIFY(panel);
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    panel->replayCombo()->setCurrentIndex(app::TemporalPanel::StartEndFields);
    panel->startFieldCombo()->setCurrentIndex(-1);
    QVERIFY(!panel->isValid());
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY(!panel->statusLabel()->text().isEmpty()); // says why
    panel->startFieldCombo()->setCurrentText(QStringLiteral("year_built"));
    panel->endFieldCombo()->setCurrentIndex(-1);
    QVERIFY(!ok->isEnabled()); // start and end fields need the end too
    panel->endFieldCombo()->setCurrentText(QStringLiteral("year_built"));
    QVERIFY(ok->isEnabled());
    QVERIFY(panel->statusLabel()->text().isEmpty());
    panel->replayCombo()->setCurrentIndex(app::TemporalPanel::AlwaysShown);
    QVERIFY(ok->isEnabled());
}

void TstFeatureTemporalGui::timelineWidensToTheLayersYears()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("year_built"))));
    const data::TimeRange years = m_session->featureTimeSummary(m_buildings)->extent;
    const data::TimeRange projectExtent = m_session->project().timeExtent;
    QVERIFY(years.start < projectExtent.start); // construction years lie before the demo's days
    QVERIFY(m_session->save().isOk());
    const QString path = m_session->path();
    m_session.reset();

    auto w = test::makeTestWindow();
    w->show();
    QVERIFY(w->openProject(path));
    QVERIFY(test::waitLoaded(*w));
    QTRY_VERIFY_WITH_TIMEOUT(w->clock()->extent().start <= years.start, test::kFeatureTimesTimeoutMs);
    QVERIFY(w->clock()->extent().end >= projectExtent.end); // widened, not replaced
    // Decades on the timeline: the slider still moves through them and the label shows the date.
    const QTimeZone zone(w->session()->project().timeZone.toUtf8());
    const QDateTime mid(QDate(1999, 6, 1), QTime(12, 0), zone);
    w->clock()->seek(mid.toMSecsSinceEpoch());
    QCOMPARE(w->clock()->currentTime(), mid.toMSecsSinceEpoch());
    auto* label = w->findChild<QLabel*>(QStringLiteral("timelineTime"));
    QVERIFY(label);
    QVERIFY2(label->text().startsWith(QLatin1String("1999-06-01 12:00")), qPrintable(label->text()));
    auto* slider = w->findChild<QSlider*>(QStringLiteral("timelineSlider"));
    QVERIFY(slider && slider->isEnabled() && slider->maximum() > slider->minimum());
    QVERIFY(slider->value() > slider->minimum() && slider->value() < slider->maximum());

    // Drawn: at the first building year the city is nearly empty; the same moment without the
    // times shows every building, and with them again the empty city comes back.
    data::SavedView top;
    top.pitchDeg = -89;
    top.rangeM = 3200;
    w->view()->setView(top);
    w->clock()->seek(years.start);
    const QImage early = settledFrame(*w);
    ProjectSession* s = w->session();
    const data::LayerId buildings = test::firstLayerOf(s->project(), LayerKind::Buildings);
    data::TemporalSettings none = s->project().layer(buildings)->temporal;
    none.mode = data::TemporalMode::None;
    s->setLayerTemporal(buildings, none, s->project().layer(buildings)->style);
    const QImage all = settledFrame(*w);
    s->setLayerTemporal(buildings, test::byField(QStringLiteral("year_built")), s->project().layer(buildings)->style);
    QTRY_VERIFY_WITH_TIMEOUT(s->featureTimeSummary(buildings).has_value(), test::kFeatureTimesTimeoutMs);
    const QImage again = settledFrame(*w);
    const QString out = test::testOutputDir(QStringLiteral("app"));
    early.save(out + QStringLiteral("/featuretemporal_early.png"));
    all.save(out + QStringLiteral("/featuretemporal_all.png"));
    const int hidden = differingPixels(early, all);
    const int back = differingPixels(early, again);
    QVERIFY2(hidden > early.width() * early.height() / 100, qPrintable(QString::number(hidden)));
    QVERIFY2(back < hidden / 10, qPrintable(QStringLiteral("%1 vs %2").arg(back).arg(hidden)));
}

QTEST_MAIN(TstFeatureTemporalGui)
#include "tst_featuretemporalgui.moc"
