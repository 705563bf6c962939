// Bad inputs to importOverlayFile: each gives a clear Status naming the file (nothing written:
// the writer is dropped) or a report whose rejected rows say why.
#include "OverlayFixtures.h"

#include <QRandomGenerator>
#include <QTest>

using namespace citytwin;
using data::OverlayKind;
using data::Status;
using test::mappingOf;

namespace {

const QString kCrs = QStringLiteral("EPSG:4549");

data::OverlayMapping trackMapping()
{
    return mappingOf(OverlayKind::Tracks, {{"id", "id"}, {"x", "lon"}, {"y", "lat"}, {"time", "t"}});
}

//! Imports PATH into STORE (committing on success) and returns the result.
data::Result<data::ImportReport> importTracks(data::ProjectStore& store, const QString& path,
                                              const data::OverlayMapping& m = trackMapping())
{
    return test::importInto(store, path, m, kCrs);
}

} // namespace

class TestOverlayImportErrors : public QObject
{
    Q_OBJECT

private slots:
    void fileLevelErrors_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty with name "missing": no file
        QTest::addColumn<QString>("delimiter");
        QTest::addColumn<QString>("crs");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        const QString ok = QStringLiteral("EPSG:4326");
        const QByteArray good = "id,lon,lat,t\n1,121,30.7,2026-01-01T00:00:00Z\n";
        QTest::newRow("nonexistent") << QByteArray() << "" << ok << int(Status::Code::NotFound)
                                     << "does not exist";
        QTest::newRow("empty file") << QByteArray("") << "" << ok << int(Status::Code::FormatError)
                                    << "empty";
        QTest::newRow("header only") << QByteArray("id,lon,lat,t\n") << "" << ok
                                     << int(Status::Code::FormatError) << "no data rows";
        QTest::newRow("binary garbage") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 16) << "" << ok
                                        << int(Status::Code::FormatError) << "binary";
        QTest::newRow("missing column") << QByteArray("id,lon,latitude,t\n1,121,30.7,2026-01-01T00:00:00Z\n")
                                        << "" << ok << int(Status::Code::InvalidArgument) << "'lat'";
        QTest::newRow("wrong delimiter")
            << good << ";" << ok << int(Status::Code::InvalidArgument) << "is not in the file";
        QTest::newRow("unknown CRS") << good << ""
                                     << "EPSG:999999" << int(Status::Code::Unsupported) << "999999";
        QTest::newRow("no CRS") << good << ""
                                << "" << int(Status::Code::InvalidArgument) << "CRS";
        QTest::newRow("all times bad") << QByteArray("id,lon,lat,t\n1,121,30.7,soon\n2,121,30.7,later\n")
                                       << "" << ok << int(Status::Code::FormatError) << "unparsable time";
        QTest::newRow("metres read as degrees")
            << QByteArray("id,lon,lat,t\n1,596000.5,3397000.25,2026-01-01T00:00:00Z\n2,596001,3397001,"
                          "2026-01-01T00:00:01Z\n")
            << "" << ok << int(Status::Code::FormatError) << "coordinate out of range";
    }
    void fileLevelErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, delimiter);
        QFETCH(QString, crs);
        QFETCH(int, code);
        QFETCH(QString, words);
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QVERIFY(store);
        // Something already imported: a failed replace must leave it.
        const QString before = test::writeText(dir, QStringLiteral("before.csv"),
                                               "id,lon,lat,t\n42,121,30.7,2026-01-01T00:00:00Z\n");
        QVERIFY(importTracks(*store, before));
        const bool missing = QByteArray(QTest::currentDataTag()) == "nonexistent";
        const QString path = missing ? dir.filePath(QStringLiteral("missing.csv"))
                                     : test::writeText(dir, QStringLiteral("input.csv"), content);
        auto m = trackMapping();
        m.sourceCrs = crs;
        if (!delimiter.isEmpty())
            m.delimiter = delimiter.at(0);
        auto result = importTracks(*store, path, m);
        QVERIFY(!result);
        QCOMPARE(int(result.status().code()), code);
        QVERIFY2(result.status().message().contains(path), qPrintable(result.status().message()));
        QVERIFY2(result.status().message().contains(words), qPrintable(result.status().message()));
        QCOMPARE(store->trackPoints()->size(), std::size_t(1));
        QCOMPARE(store->trackPoints()->at(0).personId, 42);
    }

    void unreadableOgrSource()
    {
        // Not CSV by its name, and not something GDAL can open: a Status naming the file.
        QTemporaryDir dir;
        const QString path =
            test::writeText(dir, QStringLiteral("broken.geojson"), "{\"type\": \"FeatureCol");
        auto preview = gis::previewOverlayFile(path);
        QVERIFY(!preview);
        QVERIFY2(preview.status().message().contains(path), qPrintable(preview.status().message()));
        gis::ImportTarget target;
        target.projectCrs = kCrs;
        auto result = gis::importOverlayFile(path, trackMapping(), target);
        QVERIFY(!result);
        QVERIFY2(result.status().message().contains(path), qPrintable(result.status().message()));
    }

    void rejectedRows_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unparsable time") << QByteArray("2,121,30.7,2026-13-01 00:00:00") << "unparsable time";
        QTest::newRow("missing time") << QByteArray("2,121,30.7,") << "missing time";
        QTest::newRow("missing coordinate")
            << QByteArray("2,,30.7,2026-01-01T00:00:00Z") << "missing coordinate";
        QTest::newRow("bad number") << QByteArray("2,121°E,30.7,2026-01-01T00:00:00Z") << "bad number";
        QTest::newRow("latitude out of range")
            << QByteArray("2,121,91,2026-01-01T00:00:00Z") << "coordinate out of range";
        QTest::newRow("longitude out of range")
            << QByteArray("2,-181,30,2026-01-01T00:00:00Z") << "coordinate out of range";
        QTest::newRow("too few columns") << QByteArray("2,121,30.7") << "wrong column count";
        QTest::newRow("too many columns")
            << QByteArray("2,121,30.7,2026-01-01T00:00:00Z,extra") << "wrong column count";
        QTest::newRow("missing id") << QByteArray(",121,30.7,2026-01-01T00:00:00Z") << "missing id";
        QTest::newRow("truncated last line") << QByteArray("2,121,30.7,\"2026-01-01") << "truncated row";
    }
    void rejectedRows()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        const QString path = test::writeText(dir, QStringLiteral("rows.csv"),
                                             "id,lon,lat,t\n1,121,30.7,2026-01-01T00:00:00Z\n" + row);
        auto report = importTracks(*store, path);
        QVERIFY2(report, qPrintable(report.status().message()));
        QCOMPARE(report->rowsRead, 2);
        QCOMPARE(report->rowsImported, 1);
        QCOMPARE(report->rowsRejected, 1);
        QCOMPARE(report->rejectedByReason.value(reason), 1);
        QCOMPARE(report->rejected.at(0).row, 2);
        QVERIFY2(report->rejected.at(0).reason.startsWith(reason), qPrintable(report->rejected.at(0).reason));
        QCOMPARE(store->trackPoints()->size(), std::size_t(1));
    }

    void cancel()
    {
        QTemporaryDir dir;
        auto store = test::makeStore(dir);
        QByteArray csv("id,lon,lat,t\n");
        for (int i = 0; i < 50000; ++i)
            csv += "1,121,30.7," + QByteArray::number(1764201600 + i) + "\n";
        const QString path = test::writeText(dir, QStringLiteral("big.csv"), csv);
        auto writer = store->beginOverlayImport();
        QVERIFY(writer);
        gis::ImportTarget target{kCrs, writer->get(), false};
        int calls = 0;
        auto result = gis::importOverlayFile(
            path, trackMapping(), target,
            [&calls](std::int64_t done, std::int64_t total) { return ++calls < 3 && done <= total; });
        QVERIFY(!result);
        QCOMPARE(result.status().code(), Status::Code::Cancelled);
        writer->reset();
        QCOMPARE(store->trackPoints()->size(), std::size_t(0));
    }

    void randomBytesNeverCrash()
    {
        // Fuzz-ish: random text with delimiters, quotes and newlines gives a Status or a report.
        QRandomGenerator rng(7);
        const char alphabet[] = "ab1,;\"\n\r 9.-:T";
        for (int round = 0; round < 40; ++round) {
            QByteArray data("id,lon,lat,t\n");
            const int n = int(rng.bounded(400));
            for (int i = 0; i < n; ++i)
                data += alphabet[rng.bounded(int(sizeof(alphabet) - 1))];
            QTemporaryDir dir;
            const QString path = test::writeText(dir, QStringLiteral("fuzz.csv"), data);
            gis::ImportTarget target;
            target.projectCrs = kCrs;
            auto result = gis::importOverlayFile(path, trackMapping(), target);
            if (!result)
                QVERIFY(!result.status().message().isEmpty());
            else
                QCOMPARE(result->rowsImported + result->rowsRejected, result->rowsRead);
        }
    }
};

QTEST_GUILESS_MAIN(TestOverlayImportErrors)
#include "tst_overlayimporterrors.moc"
