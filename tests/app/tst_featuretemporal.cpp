// Feature layers replayed by their time fields (issue 7: Layer Properties → Time → start/end
// fields or a start field + duration) through the session on the small demo: the buildings'
// year_built and the pipes' install_year become per-feature spans on the live node (a feature is
// clipped before its start), start/end fields, the duration mode, the accumulate switch without a
// re-read, always shown, a missing field reported, a glTF model dated by its extras, and the
// settings surviving save/reopen (applied on load). The Time panel and the timeline:
// tst_featuretemporalgui.
#include "FeatureTemporalFixtures.h"
#include "ModelFixtures.h"

#include <QFile>

using namespace citytwin;
using app::ProjectSession;
using data::LayerKind;

class TstFeatureTemporal : public test::FeatureTemporalFixture
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
    void featuresReplayByTheirYear_data();
    void featuresReplayByTheirYear();
    void startAndEndFields();
    void startFieldPlusDuration();
    void accumulateSwitchesWithoutARead();
    void alwaysShownClearsTheTimes();
    void missingFieldIsReported();
    void modelReplaysByAttribute();
    void settingsSurviveSaveAndReopen();
};

void TstFeatureTemporal::featuresReplayByTheirYear_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("shownAfterDays"); //!< days after 1 January of its year a feature surely exists
    QTest::newRow("buildings") << int(LayerKind::Buildings) << QStringLiteral("year_built") << 30;
    QTest::newRow("pipes") << int(LayerKind::Pipes) << QStringLiteral("install_year") << 30;
    QTest::newRow("manholes") << int(LayerKind::Manholes) << QStringLiteral("install_year") << 30;
    // A date field (OGR Date: "2019/06/30"): sometime in that year.
    QTest::newRow("underground spaces") << int(LayerKind::UndergroundSpaces) << QStringLiteral("opened") << 365;
}

void TstFeatureTemporal::featuresReplayByTheirYear()
{
    QFETCH(int, kind);
    QFETCH(QString, field);
    QFETCH(int, shownAfterDays);
    const data::LayerId layer = test::firstLayerOf(m_session->project(), LayerKind(kind));
    QVERIFY(layer.isValid());
    osg::Node* node = m_session->scene().layerNode(layer);
    QVERIFY(node);
    QVERIFY(!scene::hasFeatureTimes(node));
    QVERIFY(m_session->temporalFields(layer).contains(field));

    QVERIFY(applyAndWait(layer, test::byField(field)));
    QVERIFY2(m_session->featureTimeError(layer).isEmpty(), qPrintable(m_session->featureTimeError(layer)));
    const auto summary = m_session->featureTimeSummary(layer);
    QVERIFY(summary);
    QVERIFY(scene::hasFeatureTimes(node));
    QVERIFY(summary->features > 0);
    QCOMPARE(summary->timed, summary->features); // the demo gives every feature a year
    QCOMPARE(summary->unparsable, 0);
    QVERIFY(!summary->extent.isEmpty());
    QVERIFY(summary->extent.duration() > 365 * data::kDayMs); // years apart, not one day

    const test::TimedSample s = sampleOf(layer, field);
    QVERIFY2(s.drawable, "no vertex of a feature with a year");
    const QDateTime yearStart(QDate(s.year, 1, 1), QTime(0, 0), QTimeZone::utc());
    QVERIFY(summary->extent.start <= yearStart.toMSecsSinceEpoch() + data::kDayMs);
    QVERIFY2(timedOut(s, s.year, -30),
             qPrintable(QStringLiteral("feature %1 of %2 drawn before").arg(s.feature).arg(s.year)));
    QVERIFY(!timedOut(s, s.year, shownAfterDays));
    QVERIFY(!timedOut(s, s.year + 10)); // no end field, no duration: from its start on
}

void TstFeatureTemporal::startAndEndFields()
{
    // The same year as start and end: a year as end means its end, so the span is that year.
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("year_built"), QStringLiteral("year_built"))));
    const test::TimedSample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year, -30));
    QVERIFY(!timedOut(s, s.year, 180));
    QVERIFY(timedOut(s, s.year + 1, 30));
}

void TstFeatureTemporal::startFieldPlusDuration()
{
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("year_built"), {}, 3 * 365 * data::kDayMs)));
    const test::TimedSample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year, -30));
    QVERIFY(!timedOut(s, s.year + 2, 180));
    QVERIFY(timedOut(s, s.year + 3, 30));
}

void TstFeatureTemporal::accumulateSwitchesWithoutARead()
{
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("year_built"), QStringLiteral("year_built"))));
    const test::TimedSample s = sampleOf(m_buildings, QStringLiteral("year_built"));
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
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("year_built"))));
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
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("year_built"))));
    QVERIFY(applyAndWait(m_buildings, test::byField(QStringLiteral("demolished_on"))));
    const QString error = m_session->featureTimeError(m_buildings);
    QVERIFY2(error.contains(QLatin1String("demolished_on")), qPrintable(error));
    QVERIFY(!m_session->featureTimeSummary(m_buildings));
    QVERIFY(!scene::hasFeatureTimes(m_session->scene().layerNode(m_buildings))); // every building shown
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

    QVERIFY(applyAndWait(id, test::byField(QStringLiteral("built"))));
    QVERIFY2(m_session->featureTimeError(id).isEmpty(), qPrintable(m_session->featureTimeError(id)));
    osg::Node* node = m_session->scene().layerNode(id);
    QVERIFY(scene::hasFeatureTimes(node));
    const auto summary = m_session->featureTimeSummary(id);
    QVERIFY(summary && summary->timed >= 1);
    std::unordered_map<std::int64_t, int> years;
    for (const data::ModelFeature& f : m_session->modelFeatures(id))
        if (f.attribute(QStringLiteral("built")))
            years.emplace(f.id, 1999);
    const test::TimedSample s = test::findTimedSample(node, years);
    QVERIFY2(s.drawable, "no vertex of the dated glTF node");
    QVERIFY(timedOut(s, 1999, 100));  // 11 April: before 1 June
    QVERIFY(!timedOut(s, 1999, 200)); // 20 July: built
    // A model attribute nobody has: the error names it.
    QVERIFY(applyAndWait(id, test::byField(QStringLiteral("demolished"))));
    QVERIFY2(m_session->featureTimeError(id).contains(QLatin1String("demolished")),
             qPrintable(m_session->featureTimeError(id)));
    QVERIFY(!scene::hasFeatureTimes(node));
}

void TstFeatureTemporal::settingsSurviveSaveAndReopen()
{
    const data::TemporalSettings t = test::byField(QStringLiteral("year_built"), {}, 20 * 365 * data::kDayMs);
    QVERIFY(applyAndWait(m_buildings, t));
    QVERIFY(m_session->save().isOk());
    const QString path = m_session->path();
    m_session.reset();

    auto reopened = ProjectSession::open(path);
    QVERIFY2(reopened.isOk(), qPrintable(reopened.status().message()));
    m_session = std::move(reopened.value());
    QVERIFY(m_session->project().layer(m_buildings)->temporal == t);
    QVERIFY(m_session->loadAllBlocking().isOk());
    // Applied on load, before loadAllBlocking returns (a CLI render right after it sees the times).
    QVERIFY(m_session->featureTimeSummary(m_buildings).has_value());
    QVERIFY(scene::hasFeatureTimes(m_session->scene().layerNode(m_buildings)));
    const test::TimedSample s = sampleOf(m_buildings, QStringLiteral("year_built"));
    QVERIFY(s.drawable);
    QVERIFY(timedOut(s, s.year, -30));
    QVERIFY(timedOut(s, s.year + 21));
}

QTEST_MAIN(TstFeatureTemporal)
#include "tst_featuretemporal.moc"
