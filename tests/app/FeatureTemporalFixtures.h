#pragma once

// Helpers of the feature-replay suites (tst_featuretemporal, tst_featuretemporalgui): a fresh copy
// of the small demo per test, opened and loaded; temporal edits applied and awaited; a vertex of a
// feature whose start year is known, and whether it is clipped at a given year.
#include "SessionFixtures.h"
#include "SmallDemo.h"
#include "app/ProjectSession.h"
#include "gis/FieldValues.h"
#include "scene/CityScene.h"
#include "scene/FeatureId.h"
#include "scene/FeatureTimes.h"

#include <QDateTime>
#include <QDir>
#include <QObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <memory>
#include <osg/Geometry>
#include <osg/NodeVisitor>
#include <unordered_map>

namespace citytwin::test {

inline constexpr int kFeatureTimesTimeoutMs = 30000;

//! One vertex of a feature whose start year is known.
struct TimedSample
{
    const osg::Drawable* drawable = nullptr;
    unsigned vertex = 0;
    std::int64_t feature = -1;
    int year = 0;
};

//! The first vertex under NODE whose feature has a year in YEARS (feature id → year).
inline TimedSample findTimedSample(osg::Node* node, const std::unordered_map<std::int64_t, int>& years)
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
        TimedSample found;
    } finder(years);
    if (node)
        node->accept(finder);
    return finder.found;
}

//! FeatureFields settings: START (and END, or DURATIONMS).
inline data::TemporalSettings byField(const QString& start, const QString& end = {}, data::TimeMs durationMs = 0)
{
    data::TemporalSettings t;
    t.mode = data::TemporalMode::FeatureFields;
    t.startField = start;
    t.endField = end;
    t.durationMs = durationMs;
    return t;
}

//! The small demo generated once per suite, copied for every test (tests edit and save it).
class FeatureTemporalFixture : public QObject
{
protected:
    //! Generates the demo (and keeps the user's QSettings out); empty on success, else why not.
    QString prepareDemo()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QSettings().clear();
        m_demoDir = m_dir.filePath(QStringLiteral("demo"));
        auto demo = makeSmallDemo(m_demoDir);
        if (!demo)
            return demo.status().message();
        m_project = QDir(m_demoDir).relativeFilePath(demo.value());
        return {};
    }
    //! A fresh copy of the demo in m_session, loaded; empty on success, else why not.
    QString openCopy()
    {
        m_copy = std::make_unique<QTemporaryDir>();
        if (!m_copy->isValid() || !copyFolder(m_demoDir, m_copy->path()))
            return QStringLiteral("cannot copy the demo");
        auto session = app::ProjectSession::open(m_copy->filePath(m_project));
        if (!session)
            return session.status().message();
        m_session = std::move(session.value());
        if (!m_session->loadAllBlocking())
            return QStringLiteral("the demo did not load");
        m_buildings = firstLayerOf(m_session->project(), data::LayerKind::Buildings);
        if (!m_buildings.isValid() || m_session->layerState(m_buildings) != State::Ready)
            return QStringLiteral("no loaded buildings layer");
        return {};
    }
    void closeCopy()
    {
        m_session.reset();
        m_copy.reset();
    }

    //! Stores TEMPORAL for LAYER and waits for the session to apply it.
    bool applyAndWait(data::LayerId layer, const data::TemporalSettings& temporal)
    {
        QSignalSpy applied(m_session.get(), &app::ProjectSession::featureTimesApplied);
        m_session->setLayerTemporal(layer, temporal, m_session->project().layer(layer)->style);
        return QTest::qWaitFor(
            [&] {
                for (const QList<QVariant>& args : applied)
                    if (args.at(0).value<data::LayerId>() == layer)
                        return true;
                return false;
            },
            kFeatureTimesTimeoutMs);
    }
    //! Scene seconds of 1 January of YEAR plus DAYS in the project's zone.
    double sceneSecondsOf(int year, int days = 0) const
    {
        const QTimeZone zone(m_session->project().timeZone.toUtf8());
        const QDateTime t = QDateTime(QDate(year, 1, 1), QTime(0, 0), zone).addDays(days);
        return double(t.toMSecsSinceEpoch() - m_session->scene().epoch()) / 1000.0;
    }
    //! A vertex of a LAYER feature whose FIELD (in the layer's file) holds a year or a date (its year).
    TimedSample sampleOf(data::LayerId layer, const QString& field) const
    {
        const data::LayerSettings* settings = m_session->project().layer(layer);
        const QString path = QFileInfo(m_session->path()).dir().absoluteFilePath(settings->sourceUri);
        auto values = gis::readFieldValues(path, field);
        if (!values)
            return {};
        std::unordered_map<std::int64_t, int> years;
        for (const auto& [id, text] : *values) {
            bool ok = false;
            const int year = text.left(4).toInt(&ok); // "1998", or a date's year ("2019/06/30")
            if (ok && year > 1900)
                years.emplace(id, year);
        }
        return findTimedSample(m_session->scene().layerNode(layer), years);
    }
    //! Whether S's feature is clipped on 1 January of YEAR plus DAYS.
    bool timedOut(const TimedSample& s, int year, int days = 0) const
    {
        return scene::featureTimedOutAt(s.drawable, s.vertex, sceneSecondsOf(year, days));
    }

    QTemporaryDir m_dir;
    QString m_demoDir;
    QString m_project; //!< relative to the demo folder
    std::unique_ptr<QTemporaryDir> m_copy;
    std::unique_ptr<app::ProjectSession> m_session;
    data::LayerId m_buildings;
};

} // namespace citytwin::test
