// The import mapping dialog on its own (no session, no 3D view): kind and columns guessed for a
// small CSV and for real files from ../shared/data, OK disabled until every required role is
// mapped, the preview's read-back columns (a time in the project's zone, the reason a bad row will
// be rejected), another delimiter re-splitting the preview, the mapping remembered per header.
#include "app/ImportDialog.h"
#include "app/ImportPreview.h"
#include "gis/GdalEnvironment.h"
#include "gis/OverlayImporter.h"
#include "tests/common/TestPaths.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace citytwin;
using app::ImportDialog;
using data::OverlayKind;
namespace col = data::column;

namespace {

const QString kZone = QStringLiteral("Asia/Shanghai");

QString roleColumn(const ImportDialog& dialog, const char* role)
{
    QComboBox* combo = dialog.roleCombo(QString::fromLatin1(role));
    return combo ? combo->currentData().toString() : QStringLiteral("<no combo>");
}

bool okEnabled(const ImportDialog& dialog)
{
    return dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled();
}

void selectColumn(ImportDialog& dialog, const char* role, const QString& column)
{
    QComboBox* combo = dialog.roleCombo(QString::fromLatin1(role));
    QVERIFY2(combo, role);
    const int index = column.isEmpty() ? 0 : combo->findData(column);
    QVERIFY2(index >= 0, qPrintable(column));
    combo->setCurrentIndex(index);
}

} // namespace

class TstImportDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void guessesSmallCsv_data();
    void guessesSmallCsv();
    void guessesRealFiles_data();
    void guessesRealFiles();
    void okNeedsRequiredRoles();
    void previewShowsRejection();
    void changingKindGuessesAgain();
    void thresholdRoles();
    void otherDelimiterResplits();
    void remembersMappingPerHeader();
    void mappingJsonRoundTrip();

private:
    QString write(const QString& name, const QByteArray& text);
    std::unique_ptr<ImportDialog> open(const QString& path);

    QTemporaryDir m_dir;
};

void TstImportDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    gis::ensureGdalRegistered();
}

void TstImportDialog::init()
{
    QSettings().clear(); // no mapping remembered from another case or run
}

QString TstImportDialog::write(const QString& name, const QByteArray& text)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return {};
    return path;
}

std::unique_ptr<ImportDialog> TstImportDialog::open(const QString& path)
{
    auto preview = gis::previewOverlayFile(path);
    if (!preview) {
        qWarning() << preview.status().message();
        return {};
    }
    return std::make_unique<ImportDialog>(std::move(preview).value(), kZone);
}

void TstImportDialog::guessesSmallCsv_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("roles"); // role=column pairs the guess must have
    QTest::addColumn<QString>("firstTime"); // row 0's time as shown in the project's zone

    QTest::newRow("tracks") << QByteArray("person_id,timestamp,lon,lat,name\n"
                                          "p1,2026-11-27 08:00:00,121.010,30.700,Li Wei\n"
                                          "p1,2026-11-27 08:00:10,121.011,30.701,Li Wei\n"
                                          "p2,2026-11-27 08:00:00,121.020,30.710,Wang Fang\n"
                                          "p2,2026-11-27 08:00:10,121.021,30.711,Wang Fang\n")
                            << int(OverlayKind::Tracks)
                            << QStringList{"id=person_id", "time=timestamp", "x=lon", "y=lat"}
                            << QStringLiteral("2026-11-27 08:00:00");
    QTest::newRow("events") << QByteArray("event_id,category,severity,reported,closed,longitude,latitude\n"
                                          "1,fire,3,2026-11-27T00:30:00Z,2026-11-27T02:00:00Z,121.01,30.70\n"
                                          "2,traffic,1,2026-11-27T01:00:00Z,,121.02,30.71\n")
                            << int(OverlayKind::Events)
                            << QStringList{"reported=reported", "category=category", "x=longitude",
                                           "y=latitude"}
                            << QStringLiteral("2026-11-27 08:30:00"); // 00:30 UTC in Shanghai
}

void TstImportDialog::guessesSmallCsv()
{
    QFETCH(QByteArray, csv);
    QFETCH(int, kind);
    QFETCH(QStringList, roles);
    QFETCH(QString, firstTime);
    auto dialog = open(write(QStringLiteral("%1.csv").arg(QTest::currentDataTag()), csv));
    QVERIFY(dialog);
    QCOMPARE(dialog->kindCombo()->currentData().toInt(), kind);
    for (const QString& pair : roles) {
        const QStringList p = pair.split(QLatin1Char('='));
        QCOMPARE(roleColumn(*dialog, p[0].toLatin1().constData()), p[1]);
    }
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
    QCOMPARE(dialog->timeZoneCombo()->currentText(), kZone);
    QCOMPARE(dialog->mapping().timeZone, kZone);
    QCOMPARE(dialog->mapping().delimiter, QLatin1Char(','));
    QTableWidget* table = dialog->previewTable();
    QCOMPARE(table->rowCount(), csv.count('\n') - 1);
    QCOMPARE(table->item(0, dialog->timeColumn())->text(), firstTime);
    QVERIFY(!table->item(0, dialog->positionColumn())->text().isEmpty());
    QCOMPARE(table->item(0, dialog->statusColumn())->text(), ImportDialog::tr("imported"));
    // The file's own cells follow the read-back columns.
    QCOMPARE(table->columnCount(), 3 + dialog->preview().columns.size());
    QCOMPARE(table->horizontalHeaderItem(3)->text(), dialog->preview().columns.first());
    QCOMPARE(table->item(0, 3)->text(), dialog->preview().rows.front().first());
    // For a person to look at the layout (not compared).
    dialog->grab().save(test::testOutputDir(QStringLiteral("importdialog")) +
                        QStringLiteral("/%1.png").arg(QTest::currentDataTag()));
}

void TstImportDialog::guessesRealFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("timeRole");
    QTest::addColumn<QString>("timeColumn");
    QTest::newRow("geolife") << QStringLiteral("trajectories/geolife_beijing/geolife_small.csv")
                             << int(OverlayKind::Tracks) << QString::fromLatin1(col::kTime)
                             << QStringLiteral("t");
    QTest::newRow("geolife gpkg") << QStringLiteral("trajectories/geolife_beijing/geolife_small.gpkg")
                                  << int(OverlayKind::Tracks) << QString::fromLatin1(col::kTime)
                                  << QStringLiteral("t");
    QTest::newRow("nyc311") << QStringLiteral("incidents/nyc311_tuplex/311_nyc_sample.csv")
                            << int(OverlayKind::Events) << QString::fromLatin1(col::kReported)
                            << QStringLiteral("Created Date");
}

void TstImportDialog::guessesRealFiles()
{
    QFETCH(QString, file);
    QFETCH(int, kind);
    QFETCH(QString, timeRole);
    QFETCH(QString, timeColumn);
    const QString path = test::sharedDataFile(file);
    if (path.isEmpty())
        QSKIP(qPrintable(QStringLiteral("%1 is not in ../shared/data").arg(file)));
    auto dialog = open(path);
    QVERIFY(dialog);
    QCOMPARE(dialog->kindCombo()->currentData().toInt(), kind);
    QCOMPARE(dialog->roleCombo(timeRole)->currentData().toString(), timeColumn);
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
    // Every preview row of these files is importable: its time reads, its status says so.
    QTableWidget* table = dialog->previewTable();
    QCOMPARE(table->rowCount(), 20);
    int timed = 0;
    for (int r = 0; r < table->rowCount(); ++r)
        timed += table->item(r, dialog->timeColumn())->text().isEmpty() ? 0 : 1;
    QCOMPARE(timed, 20);
    if (dialog->preview().hasPointGeometry) {
        // The geometry is the position, in the file's own CRS.
        QVERIFY(!dialog->crsEdit()->text().isEmpty());
        QCOMPARE(dialog->mapping().sourceCrs, dialog->preview().crs);
        QCOMPARE(table->item(0, dialog->positionColumn())->text(), ImportDialog::tr("(geometry)"));
        QVERIFY(!dialog->delimiterCombo()->isEnabled());
    } else if (kind == int(OverlayKind::Tracks)) {
        QCOMPARE(roleColumn(*dialog, col::kX), QStringLiteral("X"));
        QCOMPARE(roleColumn(*dialog, col::kY), QStringLiteral("Y"));
        QCOMPARE(dialog->mapping().delimiter, QLatin1Char(';'));
        // "2008-12-11 04:42:14+00" carries its zone: 12:42:14 in Shanghai.
        QCOMPARE(table->item(0, dialog->timeColumn())->text(), QStringLiteral("2008-12-11 12:42:14"));
    }
}

void TstImportDialog::okNeedsRequiredRoles()
{
    auto dialog = open(write(QStringLiteral("required.csv"), "person_id,timestamp,lon,lat\n"
                                                             "p1,2026-11-27 08:00:00,121.01,30.70\n"
                                                             "p1,2026-11-27 08:01:00,121.02,30.71\n"));
    QVERIFY(dialog);
    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(OverlayKind::Tracks)));
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
    QVERIFY(dialog->problemLabel()->isHidden());
    // Required roles are marked in their label.
    const std::vector<QString> required = data::requiredColumns(OverlayKind::Tracks, false);
    QVERIFY(!required.empty());

    selectColumn(*dialog, col::kTime, {});
    QVERIFY(!okEnabled(*dialog));
    QVERIFY(!dialog->problem().isEmpty());
    QCOMPARE(dialog->problemLabel()->text(), dialog->problem());
    QVERIFY(!dialog->problemLabel()->isHidden());
    // accept() refuses too (a shortcut or a test cannot slip past the check).
    dialog->accept();
    QCOMPARE(dialog->result(), int(QDialog::Rejected));

    selectColumn(*dialog, col::kTime, QStringLiteral("timestamp"));
    QVERIFY(okEnabled(*dialog));
    selectColumn(*dialog, col::kX, {});
    QVERIFY(!okEnabled(*dialog));
    selectColumn(*dialog, col::kX, QStringLiteral("lon"));
    QVERIFY(okEnabled(*dialog));
    QCOMPARE(dialog->mapping().columns.value(col::kX), QStringLiteral("lon"));
}

void TstImportDialog::previewShowsRejection()
{
    auto dialog = open(write(QStringLiteral("bad.csv"), "person_id,timestamp,lon,lat\n"
                                                        "p1,2026-11-27 08:00:00,121.01,30.70\n"
                                                        "p1,yesterday noon,121.02,30.71\n"
                                                        "p1,2026-11-27 08:02:00,east,30.72\n"
                                                        ",2026-11-27 08:03:00,121.03,30.73\n"));
    QVERIFY(dialog);
    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(OverlayKind::Tracks)));
    QTableWidget* table = dialog->previewTable();
    QCOMPARE(table->rowCount(), 4);
    const auto status = [&](int row) { return table->item(row, dialog->statusColumn())->text(); };
    QCOMPARE(status(0), ImportDialog::tr("imported"));
    QVERIFY2(status(1).contains(QStringLiteral("unparsable time 'yesterday noon'")), qPrintable(status(1)));
    QVERIFY(table->item(1, dialog->timeColumn())->text().isEmpty());
    QVERIFY2(status(2).contains(QStringLiteral("coordinates")), qPrintable(status(2)));
    QVERIFY2(status(3).contains(QStringLiteral("missing id")), qPrintable(status(3)));
    // A bad row does not block the import: it will be rejected, the rest imported.
    QVERIFY(okEnabled(*dialog));

    // The same text through another time format: a pattern reads a row ISO cannot.
    dialog->timeFormatCombo()->setCurrentIndex(
        dialog->timeFormatCombo()->findData(int(data::TimeFormat::Pattern)));
    QVERIFY(dialog->timePatternEdit()->isEnabled());
    dialog->timePatternEdit()->setText(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(status(0), ImportDialog::tr("imported"));
    QCOMPARE(table->item(0, dialog->timeColumn())->text(), QStringLiteral("2026-11-27 08:00:00"));
    // Read as UTC, shown in Shanghai: eight hours later.
    dialog->timeZoneCombo()->setCurrentText(QStringLiteral("UTC"));
    QCOMPARE(table->item(0, dialog->timeColumn())->text(), QStringLiteral("2026-11-27 16:00:00"));
}

void TstImportDialog::changingKindGuessesAgain()
{
    auto dialog = open(write(QStringLiteral("kinds.csv"), "id,type,name,lon,lat\n"
                                                          "c1,cctv,Gate camera,121.01,30.70\n"
                                                          "h1,hydrant,Hydrant 1,121.02,30.71\n"));
    QVERIFY(dialog);
    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(OverlayKind::Assets)));
    QCOMPARE(roleColumn(*dialog, col::kType), QStringLiteral("type"));
    QVERIFY(!dialog->roleCombo(QString::fromLatin1(col::kReported)));
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
    QCOMPARE(dialog->previewTable()->item(0, dialog->timeColumn())->text(), QString()); // assets have no time

    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(OverlayKind::SensorReadings)));
    QVERIFY(dialog->roleCombo(QString::fromLatin1(col::kValue)));
    QVERIFY(!dialog->roleCombo(QString::fromLatin1(col::kType)));
    QVERIFY(!okEnabled(*dialog)); // no time, no value column in this file
    QCOMPARE(int(dialog->mapping().kind), int(OverlayKind::SensorReadings));
}

void TstImportDialog::thresholdRoles()
{
    auto dialog = open(write(QStringLiteral("limits.csv"), "设备编号,传感器类型,报警下限,报警上限\n"
                                                           ",water_level,,2.8\n"
                                                           "17,,0.5,x\n"
                                                           "18,,3,1\n"));
    QVERIFY(dialog);
    // Guessed from the Chinese names; the kind combo offers thresholds.
    QCOMPARE(int(dialog->mapping().kind), int(OverlayKind::Thresholds));
    QCOMPARE(roleColumn(*dialog, col::kAsset), QStringLiteral("设备编号"));
    QCOMPARE(roleColumn(*dialog, col::kSubtype), QStringLiteral("传感器类型"));
    QCOMPARE(roleColumn(*dialog, col::kMin), QStringLiteral("报警下限"));
    QCOMPARE(roleColumn(*dialog, col::kMax), QStringLiteral("报警上限"));
    QVERIFY(!dialog->roleCombo(QString::fromLatin1(col::kX))); // limits have no position
    QVERIFY(dialog->roleCombo(QString::fromLatin1(col::kMin))->toolTip().contains(QStringLiteral("Max")));
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
    QTableWidget* table = dialog->previewTable();
    const auto status = [&](int row) { return table->item(row, dialog->statusColumn())->text(); };
    QCOMPARE(status(0), ImportDialog::tr("imported"));
    QVERIFY2(status(1).contains(QStringLiteral("unparsable max 'x'")), qPrintable(status(1)));
    QVERIFY2(status(2).contains(QStringLiteral("min above max")), qPrintable(status(2)));

    // One of each pair is enough; neither of a pair is not.
    selectColumn(*dialog, col::kSubtype, QString());
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
    selectColumn(*dialog, col::kMin, QString());
    selectColumn(*dialog, col::kMax, QString());
    QVERIFY(!okEnabled(*dialog));
    QVERIFY2(dialog->problem().contains(QStringLiteral("min or max")), qPrintable(dialog->problem()));
}

void TstImportDialog::otherDelimiterResplits()
{
    auto dialog = open(write(QStringLiteral("semi.csv"), "person_id;timestamp;lon;lat\n"
                                                         "p1;2026-11-27 08:00:00;121.01;30.70\n"
                                                         "p1;2026-11-27 08:01:00;121.02;30.71\n"));
    QVERIFY(dialog);
    QCOMPARE(dialog->mapping().delimiter, QLatin1Char(';'));
    QCOMPARE(dialog->preview().columns.size(), 4);
    dialog->delimiterCombo()->setCurrentIndex(dialog->delimiterCombo()->findData(QStringLiteral(",")));
    QCOMPARE(dialog->preview().columns, QStringList{QStringLiteral("person_id;timestamp;lon;lat")});
    QVERIFY(!okEnabled(*dialog)); // one column cannot hold a track
    dialog->delimiterCombo()->setCurrentIndex(dialog->delimiterCombo()->findData(QStringLiteral(";")));
    QCOMPARE(dialog->preview().columns.size(), 4);
    QCOMPARE(roleColumn(*dialog, col::kTime), QStringLiteral("timestamp"));
    QVERIFY2(okEnabled(*dialog), qPrintable(dialog->problem()));
}

void TstImportDialog::remembersMappingPerHeader()
{
    const QByteArray csv = "code,when,e,n,what\n"
                           "1,2026-11-27 08:00:00,121.01,30.70,fire\n"
                           "2,2026-11-27 09:00:00,121.02,30.71,flood\n";
    auto first = open(write(QStringLiteral("a.csv"), csv));
    QVERIFY(first);
    first->kindCombo()->setCurrentIndex(first->kindCombo()->findData(int(OverlayKind::Events)));
    selectColumn(*first, col::kReported, QStringLiteral("when"));
    selectColumn(*first, col::kX, QStringLiteral("e"));
    selectColumn(*first, col::kY, QStringLiteral("n"));
    selectColumn(*first, col::kCategory, QStringLiteral("what"));
    first->crsEdit()->setText(QStringLiteral("EPSG:4490"));
    QVERIFY2(okEnabled(*first), qPrintable(first->problem()));
    const data::OverlayMapping chosen = first->mapping();
    first->accept();
    QCOMPARE(first->result(), int(QDialog::Accepted));

    // Another file with the same header opens with that mapping, not a fresh guess.
    auto second = open(write(QStringLiteral("b.csv"), csv));
    QVERIFY(second);
    QCOMPARE(second->mapping(), chosen);
    QCOMPARE(roleColumn(*second, col::kCategory), QStringLiteral("what"));
    // A cancelled dialog remembers nothing.
    QSettings().clear();
    second->reject();
    auto third = open(write(QStringLiteral("c.csv"), csv));
    QVERIFY(third->mapping().sourceCrs != QStringLiteral("EPSG:4490") ||
            third->mapping().columns != chosen.columns);
}

void TstImportDialog::mappingJsonRoundTrip()
{
    data::OverlayMapping m;
    m.kind = OverlayKind::Tracks;
    m.columns = {{QString::fromLatin1(col::kId), QStringLiteral("人员")},
                 {QString::fromLatin1(col::kTime), QStringLiteral("t")}};
    m.sourceCrs = QStringLiteral("EPSG:4549");
    m.timeFormat = data::TimeFormat::Pattern;
    m.timePattern = QStringLiteral("dd/MM/yyyy HH:mm");
    m.timeZone = QStringLiteral("Europe/London");
    m.delimiter = QLatin1Char('\t');
    data::OverlayMapping back;
    QVERIFY(app::mappingFromJson(app::mappingToJson(m), back));
    QCOMPARE(back, m);
    QVERIFY(!app::mappingFromJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("boats")}}, back));
    QCOMPARE(back, m);
}

int main(int argc, char** argv)
{
    // Plain widgets, no QOpenGLWidget: without an X display the offscreen platform does.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Remembered mappings go to a settings file of this suite, not the user's.
    QApplication::setOrganizationName(QStringLiteral("citytwin-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_importdialog"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    TstImportDialog test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_importdialog.moc"
