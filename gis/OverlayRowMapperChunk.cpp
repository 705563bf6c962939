// OverlayRowMapper, the chunk's second half: positions to the project CRS in one PROJ batch,
// rows PROJ cannot place rejected, people first seen handed over, the report's time range.
#include "gis/OverlayRowMapper.h"

#include <cmath>
#include <limits>
#include <unordered_set>

namespace citytwin::gis {

using data::ImportReport;

namespace {

//! Keeps the records whose KEEP flag is set (and their source rows), in order.
template <class T>
void keepFlagged(std::vector<T>& records, std::vector<std::int64_t>& rows, const std::vector<char>& keep)
{
    std::size_t out = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!keep[i])
            continue;
        if (out != i) {
            records[out] = std::move(records[i]);
            rows[out] = rows[i];
        }
        ++out;
    }
    records.resize(out);
    rows.resize(out);
}

void widen(ImportReport& report, data::TimeMs t)
{
    if (t == data::kNoTime)
        return;
    report.firstTime = report.firstTime == data::kNoTime ? t : std::min(report.firstTime, t);
    report.lastTime = report.lastTime == data::kNoTime ? t : std::max(report.lastTime, t);
}

} // namespace

template <class T> void OverlayRowMapper::transformPositions(std::vector<T>& records, ImportReport& report)
{
    if (records.empty() || !m_transformer)
        return;
    m_positions.resize(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        m_positions[i] = records[i].position;
    std::vector<char> keep(records.size(), 1);
    bool anyFailed = false;
    if (!m_transformer->forwardInPlace(m_positions)) {
        // Some point PROJ cannot place (outside the CRS's domain): find it point by point.
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto p = m_transformer->forward(records[i].position);
            if (p)
                m_positions[i] = *p;
            else
                m_positions[i].x = std::numeric_limits<double>::quiet_NaN();
        }
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        const data::ProjectedPoint& p = m_positions[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 1e9 || std::abs(p.y) > 1e9) {
            report.reject(m_chunk.rows[i], QStringLiteral("coordinate out of range"),
                          QStringLiteral("(%1, %2) in %3 has no position in the project CRS")
                              .arg(records[i].position.x, 0, 'g', 10)
                              .arg(records[i].position.y, 0, 'g', 10)
                              .arg(m_sourceCrs));
            keep[i] = 0;
            anyFailed = true;
            continue;
        }
        records[i].position = {p.x, p.y, 0.0};
    }
    if (anyFailed)
        keepFlagged(records, m_chunk.rows, keep);
}

OverlayChunk& OverlayRowMapper::finishChunk(ImportReport& report)
{
    transformPositions(m_chunk.trackPoints, report);
    transformPositions(m_chunk.events, report);
    const std::size_t assets = m_chunk.assets.size();
    transformPositions(m_chunk.assets, report);
    if (m_chunk.assets.size() != assets && !m_chunk.thresholds.empty()) {
        // The limits of an asset PROJ could not place go with it.
        std::unordered_set<std::int64_t> kept;
        for (const data::Asset& a : m_chunk.assets)
            kept.insert(a.id);
        std::erase_if(m_chunk.thresholds, [&kept](const data::Threshold& t) { return !kept.contains(t.assetId); });
    }
    if (m_mapping.kind == data::OverlayKind::Assets)
        report.thresholdsImported += static_cast<std::int64_t>(m_chunk.thresholds.size());
    for (const data::TrackPoint& p : m_chunk.trackPoints) {
        widen(report, p.time);
        // A person is written with their first point that made it through, not before.
        if (m_pendingPeople.empty())
            continue;
        if (const auto it = m_pendingPeople.find(p.personId); it != m_pendingPeople.end()) {
            m_chunk.people.push_back(std::move(it->second));
            m_pendingPeople.erase(it);
            m_people.insert(p.personId);
        }
    }
    for (const data::Event& e : m_chunk.events) {
        widen(report, e.reported);
        widen(report, e.closed);
    }
    for (const data::SensorReading& r : m_chunk.readings)
        widen(report, r.time);
    return m_chunk;
}

} // namespace citytwin::gis
