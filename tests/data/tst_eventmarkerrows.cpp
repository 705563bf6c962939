// ProjectStore::eventMarkers (the events layer's lean read: what the markers draw, in id order,
// no description/source/staff) against events(), and event(id) (a picked marker's whole row).
#include "ProjectStoreFixtures.h"

#include <QTest>
#include <algorithm>
#include <map>

using namespace citytwin;
using namespace citytwin::test;

class TstEventMarkerRows : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void markersMatchFullRows()
    {
        const QString path = m_files.makeProjectFile(500);
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY2(store.isOk(), qPrintable(store.status().message()));
        auto full = (*store)->events();
        auto lean = (*store)->eventMarkers();
        QVERIFY(full.isOk());
        QVERIFY2(lean.isOk(), qPrintable(lean.status().message()));
        QCOMPARE(lean->size(), full->size());
        QVERIFY(std::is_sorted(lean->begin(), lean->end(),
                               [](const Event& a, const Event& b) { return a.id < b.id; }));
        std::map<std::int64_t, const Event*> byId;
        for (const Event& e : *full)
            byId[e.id] = &e;
        for (const Event& m : *lean) {
            const Event& e = *byId.at(m.id);
            QCOMPARE(m.category, e.category);
            QCOMPARE(m.severity, e.severity);
            QCOMPARE(m.position.x, e.position.x);
            QCOMPARE(m.position.y, e.position.y);
            QCOMPARE(m.position.z, e.position.z);
            QCOMPARE(m.reported, e.reported);
            QCOMPARE(m.dispatched, e.dispatched);
            QCOMPARE(m.onSite, e.onSite);
            QCOMPARE(m.resolved, e.resolved);
            QCOMPARE(m.closed, e.closed); // kNoTime (NULL) kept
            QVERIFY(m.description.isEmpty() && m.source.isEmpty() && m.assignedStaff.empty());
        }
        // Open events and skipped steps are in the sample: NULLs really were read back as kNoTime.
        QVERIFY(std::any_of(lean->begin(), lean->end(), [](const Event& e) { return e.closed == kNoTime; }));
        QVERIFY(std::any_of(lean->begin(), lean->end(), [](const Event& e) { return e.onSite == kNoTime; }));
    }

    void categoriesAreShared()
    {
        const QString path = m_files.makeProjectFile(50);
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(store.isOk());
        auto lean = (*store)->eventMarkers();
        QVERIFY(lean.isOk());
        // One decoded string per distinct category: rows share its data.
        std::map<QString, const QChar*> data;
        for (const Event& e : *lean) {
            auto [it, fresh] = data.emplace(e.category, e.category.constData());
            QVERIFY2(fresh || it->second == e.category.constData(), qPrintable(e.category));
        }
        QCOMPARE(data.size(), std::size_t(2));
    }

    void oneEventById()
    {
        const QString path = m_files.makeProjectFile(20);
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(store.isOk());
        const std::vector<Event> expected = sampleEvents(20);
        auto e = (*store)->event(expected[4].id);
        QVERIFY2(e.isOk(), qPrintable(e.status().message()));
        QVERIFY(e->has_value());
        const Event& got = **e;
        QCOMPARE(got.id, expected[4].id);
        QCOMPARE(got.description, expected[4].description);
        QCOMPARE(got.source, expected[4].source);
        QCOMPARE(got.assignedStaff, expected[4].assignedStaff);
        QCOMPARE(got.closed, expected[4].closed);
        auto missing = (*store)->event(99999);
        QVERIFY(missing.isOk());
        QVERIFY(!missing->has_value());
    }

    void idRangesSplitTheRead()
    {
        const QString path = m_files.makeProjectFile(300);
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(store.isOk());
        auto range = (*store)->eventIdRange();
        QVERIFY2(range.isOk(), qPrintable(range.status().message()));
        QVERIFY(range->has_value());
        QCOMPARE((*range)->first, std::int64_t(1));
        QCOMPARE((*range)->second, std::int64_t(300));
        auto all = (*store)->eventMarkers();
        auto low = (*store)->eventMarkers(1, 120);
        auto high = (*store)->eventMarkers(121, 300);
        QVERIFY(all.isOk() && low.isOk() && high.isOk());
        QCOMPARE(low->size(), std::size_t(120));
        QCOMPARE(high->size(), std::size_t(180));
        QCOMPARE(low->back().id, std::int64_t(120));
        QCOMPARE(high->front().id, std::int64_t(121));
        QCOMPARE(high->back().reported, all->back().reported);
        auto none = (*store)->eventMarkers(1000, 2000);
        QVERIFY(none.isOk());
        QVERIFY(none->empty());
    }

    void emptyStore()
    {
        const QString path = m_files.makeProjectFile(0);
        auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(store.isOk());
        auto lean = (*store)->eventMarkers();
        QVERIFY(lean.isOk());
        QVERIFY(lean->empty());
        auto range = (*store)->eventIdRange();
        QVERIFY(range.isOk());
        QVERIFY(!range->has_value());
    }

private:
    ProjectFiles m_files;
};

QTEST_GUILESS_MAIN(TstEventMarkerRows)
#include "tst_eventmarkerrows.moc"
