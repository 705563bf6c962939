// data/FeatureStyle: mode names, JSON round trip and rejection, classify() for categories and classes.
#include "data/FeatureStyle.h"

#include <QJsonDocument>
#include <QTest>

using namespace citytwin::data;

using Values = std::vector<std::pair<std::int64_t, QString>>;
Q_DECLARE_METATYPE(Values)

namespace {

Values numbered(const QStringList& texts)
{
    Values v;
    for (int i = 0; i < texts.size(); ++i)
        v.emplace_back(i + 100, texts[i]);
    return v;
}

FeatureStyle graduated(int classes, ClassBreaks breaks)
{
    FeatureStyle s;
    s.mode = StyleMode::Graduated;
    s.field = QStringLiteral("height");
    s.classes = classes;
    s.breaks = breaks;
    return s;
}

//! Counts per class and each feature's class index agree.
void checkCounts(const StyleClassification& c)
{
    std::vector<int> counts(c.classes.size(), 0);
    for (const auto& [id, cls] : c.classOf) {
        QVERIFY(cls >= 0 && std::size_t(cls) < c.classes.size());
        ++counts[std::size_t(cls)];
    }
    for (std::size_t i = 0; i < counts.size(); ++i)
        QCOMPARE(c.classes[i].count, counts[i]);
}

} // namespace

class TstFeatureStyle : public QObject
{
    Q_OBJECT

private slots:
    void modeNames()
    {
        for (auto [mode, name] :
             {std::pair{StyleMode::Single, "single"}, std::pair{StyleMode::Categorized, "categorized"},
              std::pair{StyleMode::Graduated, "graduated"}}) {
            QCOMPARE(toString(mode), QString::fromLatin1(name));
            StyleMode back = StyleMode::Single;
            QVERIFY(fromString(QString::fromLatin1(name), back));
            QCOMPARE(int(back), int(mode));
        }
        StyleMode m = StyleMode::Graduated;
        QVERIFY(!fromString(QStringLiteral("Single"), m));
        QCOMPARE(int(m), int(StyleMode::Graduated));
    }

    void jsonRoundTrip()
    {
        FeatureStyle s;
        s.mode = StyleMode::Graduated;
        s.field = QStringLiteral("measuredHeight");
        s.classes = 7;
        s.breaks = ClassBreaks::Quantile;
        s.wireframe = true;
        s.hidden = {3, 17, 16777215};
        s.isolatedStorey = 12;
        const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(toJson(s)).toJson()).object();
        FeatureStyle back;
        QVERIFY(fromJson(reread, back));
        QCOMPARE(back, s);

        FeatureStyle plain;
        FeatureStyle plainBack = s;
        QVERIFY(fromJson(toJson(plain), plainBack));
        QCOMPARE(plainBack, plain); // no isolated storey survives as "none"
    }

    void jsonMissingKeysKeepDefaults()
    {
        FeatureStyle out;
        QVERIFY(
            fromJson(QJsonDocument::fromJson(R"({"mode":"categorized","hidden":[5,2,5]})").object(), out));
        QCOMPARE(int(out.mode), int(StyleMode::Categorized));
        QCOMPARE(out.classes, 5);
        QCOMPARE(out.hidden, (std::vector<std::int64_t>{2, 5})); // sorted, unique
        QVERIFY(!out.isolatedStorey);
    }

    void jsonBad_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("unknown mode") << R"({"mode":"rainbow"})";
        QTest::newRow("mode number") << R"({"mode":1})";
        QTest::newRow("classes 1") << R"({"classes":1})";
        QTest::newRow("classes 11") << R"({"classes":11})";
        QTest::newRow("classes fraction") << R"({"classes":4.5})";
        QTest::newRow("unknown breaks") << R"({"breaks":"jenks"})";
        QTest::newRow("wireframe text") << R"({"wireframe":"yes"})";
        QTest::newRow("hidden not array") << R"({"hidden":3})";
        QTest::newRow("hidden negative") << R"({"hidden":[1,-3]})";
        QTest::newRow("hidden text") << R"({"hidden":["a"]})";
        QTest::newRow("storey text") << R"({"isolatedStorey":"ground"})";
        QTest::newRow("field number") << R"({"field":3})";
    }
    void jsonBad()
    {
        QFETCH(QString, json);
        FeatureStyle out;
        out.field = QStringLiteral("kept");
        QVERIFY(!fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), out));
        QCOMPARE(out.field, QStringLiteral("kept"));
    }

    void single()
    {
        const StyleClassification c = classify(numbered({"1", "2"}), FeatureStyle{});
        QVERIFY(c.classes.empty());
        QVERIFY(c.classOf.empty());
    }

    void emptyInput_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("categorized") << int(StyleMode::Categorized);
        QTest::newRow("graduated") << int(StyleMode::Graduated);
    }
    void emptyInput()
    {
        QFETCH(int, mode);
        FeatureStyle s;
        s.mode = StyleMode(mode);
        const StyleClassification c = classify({}, s);
        QVERIFY(c.classes.empty());
        QVERIFY(c.classOf.empty());
        QCOMPARE(c.unclassified, 0);
    }

    void categoriesSorted()
    {
        FeatureStyle s;
        s.mode = StyleMode::Categorized;
        const StyleClassification c =
            classify(numbered({"residential", "10", "", "2", "office", "residential", "2"}), s);
        QStringList labels;
        for (const StyleClass& k : c.classes)
            labels << k.label;
        QCOMPARE(labels, (QStringList{"2", "10", "", "office", "residential"}));
        QCOMPARE(c.classes[0].count, 2);
        QCOMPARE(c.classes[4].count, 2);
        QCOMPARE(c.classOf.at(100), 4); // residential
        QCOMPARE(c.classOf.at(102), 2); // the empty value is a category of its own
        QCOMPARE(c.unclassified, 0);
        checkCounts(c);
        for (std::size_t i = 0; i < c.classes.size(); ++i)
            for (std::size_t j = i + 1; j < c.classes.size(); ++j)
                QVERIFY(c.classes[i].colour != c.classes[j].colour);
    }

    void manyCategoriesShareOther()
    {
        FeatureStyle s;
        s.mode = StyleMode::Categorized;
        Values v;
        std::int64_t id = 0;
        // 15 distinct values; "a" and "b" are the most frequent and must keep their own colours.
        for (int i = 0; i < 15; ++i)
            v.emplace_back(id++, QStringLiteral("v%1").arg(i, 2, 10, QLatin1Char('0')));
        for (int i = 0; i < 5; ++i) {
            v.emplace_back(id++, QStringLiteral("a"));
            v.emplace_back(id++, QStringLiteral("b"));
        }
        const StyleClassification c = classify(v, s);
        QCOMPARE(c.classes.size(), std::size_t(12));
        QCOMPARE(c.classes.back().label, QStringLiteral("other"));
        QCOMPARE(c.classes.back().count, 6); // 17 distinct, 11 kept: 6 single-feature values share "other"
        QCOMPARE(c.classes[0].label, QStringLiteral("a"));
        QCOMPARE(c.classes[0].count, 5);
        QCOMPARE(int(c.classOf.size()), int(v.size()));
        checkCounts(c);
    }

    void graduated_data()
    {
        QTest::addColumn<Values>("values");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("breaks");
        QTest::addColumn<QList<int>>("expectedClass"); // per value, -1: unclassified
        QTest::addColumn<QList<int>>("expectedCounts");

        const Values lin = numbered({"0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"});
        QTest::newRow("equal 0..100 in 5")
            << lin << 5 << int(ClassBreaks::EqualInterval) << QList<int>{0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4}
            << QList<int>{3, 2, 2, 2, 2};
        // A skewed set: equal intervals leave classes empty, quantiles fill them evenly.
        const Values skew = numbered({"1", "2", "3", "4", "5", "6", "7", "8", "9", "100"});
        QTest::newRow("equal skewed") << skew << 2 << int(ClassBreaks::EqualInterval)
                                      << QList<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 1} << QList<int>{9, 1};
        QTest::newRow("quantile skewed") << skew << 2 << int(ClassBreaks::Quantile)
                                         << QList<int>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1} << QList<int>{5, 5};
        QTest::newRow("quantile 4 of 8")
            << numbered({"8", "7", "6", "5", "4", "3", "2", "1"}) << 4 << int(ClassBreaks::Quantile)
            << QList<int>{3, 3, 2, 2, 1, 1, 0, 0} << QList<int>{2, 2, 2, 2};
        QTest::newRow("quantile ties merge")
            << numbered({"5", "5", "5", "5", "9"}) << 4 << int(ClassBreaks::Quantile)
            << QList<int>{0, 0, 0, 0, 1} << QList<int>{4, 1};
        QTest::newRow("units and years")
            << numbered({"12 m", "1998", "  3.5", "-2", "1e1"}) << 2 << int(ClassBreaks::EqualInterval)
            << QList<int>{0, 1, 0, 0, 0} << QList<int>{4, 1};
        QTest::newRow("non-numeric unclassified")
            << numbered({"tall", "", "10", "20", "n/a"}) << 2 << int(ClassBreaks::EqualInterval)
            << QList<int>{-1, -1, 0, 1, -1} << QList<int>{1, 1};
        QTest::newRow("one value") << numbered({"7", "7"}) << 5 << int(ClassBreaks::EqualInterval)
                                   << QList<int>{0, 0} << QList<int>{2};
        QTest::newRow("nothing numeric")
            << numbered({"a", "b"}) << 3 << int(ClassBreaks::Quantile) << QList<int>{-1, -1} << QList<int>{};
    }
    void graduated()
    {
        QFETCH(Values, values);
        QFETCH(int, classes);
        QFETCH(int, breaks);
        QFETCH(QList<int>, expectedClass);
        QFETCH(QList<int>, expectedCounts);
        const StyleClassification c = classify(values, ::graduated(classes, ClassBreaks(breaks)));
        QList<int> counts;
        for (const StyleClass& k : c.classes)
            counts << k.count;
        QCOMPARE(counts, expectedCounts);
        int unclassified = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto it = c.classOf.find(values[i].first);
            const int got = it == c.classOf.end() ? -1 : it->second;
            QCOMPARE(got, expectedClass[int(i)]);
            unclassified += got < 0;
        }
        QCOMPARE(c.unclassified, unclassified);
        checkCounts(c);
        // The ramp runs from pale yellow to dark red: the green channel falls class by class.
        for (std::size_t k = 1; k < c.classes.size(); ++k)
            QVERIFY(c.classes[k].colour[1] < c.classes[k - 1].colour[1]);
    }

    void graduatedLabels()
    {
        const StyleClassification c =
            classify(numbered({"0", "100"}), ::graduated(4, ClassBreaks::EqualInterval));
        QCOMPARE(c.classes.size(), std::size_t(4));
        QCOMPARE(c.classes[0].label, QStringLiteral("0 – 25"));
        QCOMPARE(c.classes[3].label, QStringLiteral("75 – 100"));
    }
};

QTEST_APPLESS_MAIN(TstFeatureStyle)
#include "tst_featurestyle.moc"
