// Footprints from PostGIS ("PG:…" connections through OGR's PostgreSQL driver): guessed as a
// buildings layer, never contacted before the user trusts it, and a database that does not answer
// ends in a layer error naming the connection. (No PostGIS server runs in CI: the success path
// is OGR's own; what citytwin adds — guessing, consent, error reporting — is tested here.)
#include "app/ProjectSession.h"
#include "gis/GdalEnvironment.h"
#include "tests/app/CliFixtures.h"
#include "tests/common/TestPaths.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using app::ProjectSession;

namespace {

//! Nothing listens on the discard port of this machine: the connection is refused at once.
const QString kDeadDatabase = QStringLiteral("PG:host=127.0.0.1 port=9 dbname=pinghu user=gis tables=buildings connect_timeout=3");

bool waitLoaded(ProjectSession& s, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (s.isLoading() && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    return !s.isLoading();
}

} // namespace

class TstPostgisLayer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { gis::ensureGdalRegistered(); }
    void guessedAsBuildings();
    void contactedOnlyWhenTrusted();
    void cliRefusesADeadDatabase();
};

void TstPostgisLayer::guessedAsBuildings()
{
    auto layer = ProjectSession::layerForSource(kDeadDatabase);
    QVERIFY2(layer, qPrintable(layer.status().message()));
    QCOMPARE(data::toString(layer->kind), data::toString(data::LayerKind::Buildings));
    QCOMPARE(layer->name, QStringLiteral("buildings"));
    QCOMPARE(layer->sourceUri, kDeadDatabase);
}

void TstPostgisLayer::contactedOnlyWhenTrusted()
{
    QTemporaryDir dir;
    data::Project project;
    project.name = QStringLiteral("postgis");
    project.origin = {500000.0, 3400000.0, 0.0};
    data::LayerSettings layer;
    layer.name = QStringLiteral("buildings");
    layer.kind = data::LayerKind::Buildings;
    layer.group = data::LayerGroup::CityModels;
    layer.sourceUri = kDeadDatabase;
    const data::LayerId id = project.addLayer(layer);
    // Saved by someone else: opening the project must not contact the database on its own.
    auto created = ProjectSession::create(dir.filePath(QStringLiteral("p.citytwin")), project);
    QVERIFY(created);
    created->reset();
    auto opened = ProjectSession::open(dir.filePath(QStringLiteral("p.citytwin")));
    QVERIFY(opened);
    ProjectSession& session = **opened;
    session.loadAllBlocking();
    QVERIFY(session.layerState(id) == ProjectSession::LayerState::Failed);
    QVERIFY2(session.layerError(id).contains(QLatin1String("not contacted")), qPrintable(session.layerError(id)));
    QCOMPARE(session.untrustedLayers().size(), size_t(1));
    QVERIFY(!gis::isNetworkSourceAllowed(kDeadDatabase));

    // Trusted: OGR connects, is refused, and the layer says so naming the connection.
    QElapsedTimer timer;
    timer.start();
    session.trustLayer(id);
    QVERIFY(waitLoaded(session));
    QVERIFY(session.layerState(id) == ProjectSession::LayerState::Failed);
    QVERIFY2(session.layerError(id).contains(QLatin1String("PG:host=127.0.0.1")), qPrintable(session.layerError(id)));
    QVERIFY2(!session.layerError(id).contains(QLatin1String("not contacted")), qPrintable(session.layerError(id)));
    QVERIFY(session.untrustedLayers().empty());
    QVERIFY(timer.elapsed() < 30000);
}

void TstPostgisLayer::cliRefusesADeadDatabase()
{
    QTemporaryDir dir;
    data::Project project;
    project.name = QStringLiteral("postgis");
    const QString path = dir.filePath(QStringLiteral("p.citytwin"));
    QVERIFY(ProjectSession::create(path, project));
    const QByteArray before = test::fileHash(path);
    const test::Run run = test::runCli({QStringLiteral("layer"), QStringLiteral("add"), path, kDeadDatabase});
    QVERIFY2(run.exitCode == 1, qPrintable(test::show(run)));
    QVERIFY2(run.err.contains(QLatin1String("PG:host=127.0.0.1")), qPrintable(test::show(run)));
    QCOMPARE(test::fileHash(path), before);
}

QTEST_MAIN(TstPostgisLayer)
#include "tst_postgislayer.moc"
