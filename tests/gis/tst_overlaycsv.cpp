// CsvRecordReader: quoting, line ends, BOM, block boundaries, delimiter detection, limits.
#include "gis/CsvRecordReader.h"

#include <QBuffer>
#include <QTest>

using citytwin::gis::CsvRecordReader;

namespace {

//! Every record of DATA as lists of fields (and "!" appended to a record cut inside quotes).
QList<QStringList> readAll(const QByteArray& data, char delimiter)
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(buffer, delimiter, QStringLiteral("test.csv"));
    QList<QStringList> records;
    while (reader.next()) {
        QStringList r;
        for (std::string_view f : reader.fields())
            r << QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size()));
        if (reader.unterminatedQuote())
            r << QStringLiteral("!");
        records << r;
    }
    return records;
}

} // namespace

class TestOverlayCsv : public QObject
{
    Q_OBJECT

private slots:
    void records_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<char>("delimiter");
        QTest::addColumn<QList<QStringList>>("expected");
        const QStringList h{"a", "b", "c"};
        QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n") << ','
                               << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("crlf") << QByteArray("a,b,c\r\n1,2,3\r\n") << ','
                              << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("no final newline")
            << QByteArray("a,b,c\n1,2,3") << ',' << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                           "a;b;c\n1;2;3\n")
                             << ';' << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("empty fields")
            << QByteArray("a,b,c\n,,\n") << ',' << QList<QStringList>{h, {"", "", ""}};
        QTest::newRow("blank lines skipped")
            << QByteArray("a,b,c\n\n1,2,3\n\r\n") << ',' << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("quoted delimiter")
            << QByteArray("a,b,c\n\"x,y\",2,3\n") << ',' << QList<QStringList>{h, {"x,y", "2", "3"}};
        QTest::newRow("quoted newline") << QByteArray("a,b,c\n\"line1\nline2\",2,3\n") << ','
                                        << QList<QStringList>{h, {"line1\nline2", "2", "3"}};
        QTest::newRow("escaped quotes") << QByteArray("a,b,c\n\"say \"\"hi\"\"\",\"\",3\n") << ','
                                        << QList<QStringList>{h, {"say \"hi\"", "", "3"}};
        QTest::newRow("quoted crlf") << QByteArray("a,b,c\r\n\"1\",\"2\",\"3\"\r\n") << ','
                                     << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("quote inside unquoted")
            << QByteArray("a,b,c\n5\" pipe,2,3\n") << ',' << QList<QStringList>{h, {"5\" pipe", "2", "3"}};
        QTest::newRow("tab") << QByteArray("a\tb\tc\n1\t2\t3\n") << '\t'
                             << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("pipe") << QByteArray("a|b|c\n1|2|3\n") << '|'
                              << QList<QStringList>{h, {"1", "2", "3"}};
        QTest::newRow("utf8") << QByteArray("经度,纬度,时间\n121.0,30.7,2026-11-27\n") << ','
                              << QList<QStringList>{{"经度", "纬度", "时间"},
                                                    {"121.0", "30.7", "2026-11-27"}};
        QTest::newRow("truncated quote") << QByteArray("a,b,c\n1,2,\"unfinished") << ','
                                         << QList<QStringList>{h, {"1", "2", "unfinished", "!"}};
        QTest::newRow("short last line")
            << QByteArray("a,b,c\n1,2,3\n4,5") << ',' << QList<QStringList>{h, {"1", "2", "3"}, {"4", "5"}};
    }
    void records()
    {
        QFETCH(QByteArray, data);
        QFETCH(char, delimiter);
        QFETCH(QList<QStringList>, expected);
        QCOMPARE(readAll(data, delimiter), expected);
    }

    void quotedFieldsAcrossBlocks()
    {
        // 3 MB of records, some quoted with embedded newlines and "", so records straddle the
        // reader's 1 MB blocks at every kind of position.
        QByteArray data("id,text,n\n");
        const int n = 60000;
        for (int i = 0; i < n; ++i) {
            if (i % 3 == 0)
                data += QByteArray::number(i) + ",\"a,\"\"b\"\"\nc" + QByteArray(i % 17, 'x') + "\"," +
                        QByteArray::number(i * 2) + "\r\n";
            else
                data += QByteArray::number(i) + ",plain" + QByteArray(i % 29, 'y') + "," +
                        QByteArray::number(i * 2) + "\n";
        }
        const QList<QStringList> records = readAll(data, ',');
        QCOMPARE(records.size(), n + 1);
        for (int i = 0; i < n; ++i) {
            const QStringList& r = records[i + 1];
            QCOMPARE(r.size(), 3);
            QCOMPARE(r[0].toInt(), i);
            QCOMPARE(r[2].toInt(), i * 2);
            if (i % 3 == 0)
                QCOMPARE(r[1], QStringLiteral("a,\"b\"\nc") + QString(i % 17, QLatin1Char('x')));
            else
                QCOMPARE(r[1], QStringLiteral("plain") + QString(i % 29, QLatin1Char('y')));
        }
    }

    void bytesConsumed()
    {
        QByteArray data("a,b\n1,2\n3,4\n");
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        CsvRecordReader reader(buffer, ',', QStringLiteral("t.csv"));
        QVERIFY(reader.next());
        QCOMPARE(reader.bytesConsumed(), 4);
        QVERIFY(reader.next());
        QVERIFY(reader.next());
        QCOMPARE(reader.bytesConsumed(), data.size());
        QCOMPARE(reader.recordCount(), 3);
        QVERIFY(!reader.next());
        QVERIFY(reader.status().isOk());
    }

    void overlongRecordIsAnError()
    {
        // A file without newlines inside an open quote must not be read into memory whole.
        QByteArray data("a,b\n\"");
        data += QByteArray(CsvRecordReader::kMaxRecordBytes + 10, 'z');
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        CsvRecordReader reader(buffer, ',', QStringLiteral("huge.csv"));
        QVERIFY(reader.next());
        QVERIFY(!reader.next());
        QCOMPARE(reader.status().code(), citytwin::data::Status::Code::FormatError);
        QVERIFY2(reader.status().message().contains(QLatin1String("huge.csv")),
                 qPrintable(reader.status().message()));
    }

    void detectDelimiter_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<char>("expected");
        QTest::newRow("comma") << QByteArray("a,b,c") << ',';
        QTest::newRow("semicolon") << QByteArray("X;Y;fid;id;sequence;trajectory_id;tracker;t") << ';';
        QTest::newRow("tab") << QByteArray("a\tb\tc,d") << '\t';
        QTest::newRow("pipe") << QByteArray("a|b|c") << '|';
        QTest::newRow("quoted commas ignored") << QByteArray("\"a,b,c\";d;e") << ';';
        QTest::newRow("single column") << QByteArray("name") << ',';
    }
    void detectDelimiter()
    {
        QFETCH(QByteArray, line);
        QFETCH(char, expected);
        QCOMPARE(CsvRecordReader::detectDelimiter(std::string_view(line.constData(), line.size())), expected);
    }
};

QTEST_GUILESS_MAIN(TestOverlayCsv)
#include "tst_overlaycsv.moc"
