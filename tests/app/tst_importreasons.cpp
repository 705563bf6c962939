// Rejected rows' reason classes (English keys from gis/) shown translated: every class the
// importers' sources use is in app/ImportReasons' table, zh_CN translates each one, the detail
// after the class stays as it is, and unknown classes pass through.
#include "app/ImportReasons.h"
#include "app/Translations.h"
#include "tests/common/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace citytwin;

class TstImportReasons : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { app::Translations::install(QStringLiteral("en")); }

    void englishIsTheKey()
    {
        QVERIFY(app::Translations::install(QStringLiteral("en")));
        QCOMPARE(app::translatedReasonClass(QStringLiteral("bad number")), QStringLiteral("bad number"));
        QCOMPARE(app::translatedReason(QStringLiteral("bad number: 'high' in alarm_low")),
                 QStringLiteral("bad number: 'high' in alarm_low"));
    }

    void everyClassOfTheImportersIsTranslated()
    {
        const QSet<QString> classes = importerReasonClasses();
        QVERIFY2(classes.size() >= 10, qPrintable(QStringList(classes.values()).join(QLatin1String(", "))));
        QVERIFY(app::Translations::install(QStringLiteral("zh_CN")));
        for (const QString& c : classes) {
            const QString zh = app::translatedReasonClass(c);
            QVERIFY2(zh != c, qPrintable(QStringLiteral("'%1' has no zh_CN translation (add it to "
                                                        "app/ImportReasons.cpp and the catalogue)")
                                             .arg(c)));
        }
    }

    void detailStaysAsItIs()
    {
        QVERIFY(app::Translations::install(QStringLiteral("zh_CN")));
        const QString reason = app::translatedReason(QStringLiteral("unparsable time: '2026-13-01' in reported"));
        QVERIFY2(reason.endsWith(QLatin1String(": '2026-13-01' in reported")), qPrintable(reason));
        QVERIFY2(!reason.startsWith(QLatin1String("unparsable time")), qPrintable(reason));
        QCOMPARE(app::translatedReason(QStringLiteral("something new: x")), QStringLiteral("something new: x"));
        QCOMPARE(app::translatedReasonClass(QString()), QString());
    }

private:
    //! The reason classes gis/'s importers pass to ImportReport::reject(), read from their sources.
    static QSet<QString> importerReasonClasses()
    {
        QSet<QString> out;
        const QDir gis(test::sourceDir() + QStringLiteral("/gis"));
        // reject(row, QStringLiteral("class"), …) and ternaries choosing between two classes.
        static const QRegularExpression call(QStringLiteral(R"re(reject\(\s*[^,]+,([^;]*?)QStringLiteral\("([^"]+)"\))re"));
        static const QRegularExpression literal(QStringLiteral(R"re(QStringLiteral\("([^"]+)"\))re"));
        for (const QString& name : gis.entryList({QStringLiteral("Overlay*.cpp")})) {
            QFile f(gis.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString text = QString::fromUtf8(f.readAll());
            for (auto it = call.globalMatch(text); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                out.insert(m.captured(2));
                for (auto lit = literal.globalMatch(m.captured(1)); lit.hasNext();)
                    out.insert(lit.next().captured(1));
            }
        }
        return out;
    }
};

QTEST_GUILESS_MAIN(TstImportReasons)
#include "tst_importreasons.moc"
