#include "scene/PeopleTrails.h"

#include "scene/Shaders.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <osg/BlendFunc>
#include <osg/LineWidth>

namespace citytwin::scene {

namespace {

//! Location of ct_trailTime. The trail program is ours alone, so it may reuse 6 (see Shaders.h).
constexpr unsigned kTrailTimeAttrib = 6;
constexpr float kLineWidthPx = 2.0f;
//! Trails go under every marker: before the assets (8), people (9) and events (10).
constexpr int kTrailBin = 7;
//! How far a simplified trail may stray from a fix (metres): under a pixel at city scale.
constexpr double kSimplifyM = 1.0;
//! Fixes one trail piece may span (bounds the greedy test's cost).
constexpr std::size_t kMaxSimplifiedFixes = 64;

osg::ref_ptr<osg::Program> trailProgram()
{
    // One program for every people layer (a program per layer would be compiled per layer).
    static std::mutex mutex;
    static osg::ref_ptr<osg::Program> program;
    const std::lock_guard<std::mutex> lock(mutex);
    if (!program) {
        program = new osg::Program;
        program->setName("people_trail");
        program->addShader(new osg::Shader(osg::Shader::VERTEX, embeddedShader("people_trail.vert")));
        const char* frag = embeddedShader("people_trail.frag");
        program->addShader(new osg::Shader(osg::Shader::FRAGMENT, frag));
        addSharedFragmentShaders(*program, frag);
        program->addBindAttribLocation("ct_trailTime", kTrailTimeAttrib);
    }
    return program;
}

std::int64_t chunkOf(double seconds)
{
    return std::int64_t(std::floor(seconds / PeopleTrails::kChunkSeconds));
}

} // namespace

PeopleTrails::PeopleTrails(osg::Geode* host, const std::vector<PersonTrack>* tracks,
                           const std::vector<osg::Vec4ub>* colours)
    : m_host(host), m_tracks(tracks), m_colours(colours), m_stateSet(new osg::StateSet),
      m_trailUniform(new osg::Uniform("ct_trailLength", 0.0f))
{
    m_stateSet->setAttributeAndModes(trailProgram());
    m_stateSet->addUniform(m_trailUniform);
    m_stateSet->setAttributeAndModes(new osg::LineWidth(kLineWidthPx));
    m_stateSet->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
    m_stateSet->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    m_stateSet->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
    m_stateSet->setRenderBinDetails(kTrailBin, "RenderBin");
}

void PeopleTrails::setTrailSeconds(double seconds)
{
    m_trailSeconds = std::max(0.0, seconds);
    m_trailUniform->set(float(m_trailSeconds));
    update(m_lastSeconds); // a longer trail needs older chunks; the geometry itself stays
}

void PeopleTrails::setMaxGapSeconds(double seconds)
{
    if (seconds == m_maxGapSeconds)
        return;
    m_maxGapSeconds = std::max(0.0, seconds);
    invalidateAll(); // which segments exist changed
    update(m_lastSeconds);
}

void PeopleTrails::invalidateFrom(double seconds)
{
    // A segment ending at SECONDS starts at most a max gap earlier, in that chunk or a later one.
    const std::int64_t first = chunkOf(seconds - m_maxGapSeconds);
    detachAll();
    m_chunks.erase(m_chunks.lower_bound(first), m_chunks.end());
}

void PeopleTrails::invalidateAll()
{
    detachAll();
    m_chunks.clear();
}

void PeopleTrails::detachAll()
{
    if (osg::ref_ptr<osg::Geode> host; m_host.lock(host))
        for (std::int64_t index : m_attached)
            if (const auto it = m_chunks.find(index); it != m_chunks.end())
                host->removeDrawable(it->second.geometry.get());
    m_attached.clear();
}

bool PeopleTrails::isSegmentVisible(double t0, double t1, double t, double trail)
{
    return trail > 0.0 && t0 <= t && t1 >= t - trail;
}

float PeopleTrails::fadeAt(double age, double trail)
{
    if (trail <= 0.0 || age < 0.0 || age > trail)
        return 0.0f;
    return float(1.0 - age / trail); // keep in step with people_trail.frag
}

PeopleTrails::Chunk PeopleTrails::buildChunk(std::int64_t index) const
{
    const double c0 = double(index) * kChunkSeconds, c1 = c0 + kChunkSeconds;
    const auto buckets = std::size_t(std::ceil(kChunkSeconds));
    // A segment crossing the chunk's edges is clipped to them (positions interpolated like the
    // marker's): every piece lies inside one chunk, so only the chunks overlapping the trail's
    // window are ever needed, however long a segment is.
    struct Piece
    {
        std::uint32_t person;
        float t0, t1;
        osg::Vec3f p0, p1;
    };
    std::vector<Piece> pieces;
    std::vector<std::uint32_t> bucketOf;
    Chunk chunk;
    chunk.bucketStart.assign(buckets + 1, 0);
    std::vector<double> runTimes;
    std::vector<osg::Vec3f> runPoints;
    auto flushRun = [&](std::uint32_t person) {
        // Greedy simplification: a piece spans as many fixes as it predicts (position at each
        // fix's time, linearly in time) within kSimplifyM. Straight walks at an even pace become
        // one piece per chunk, and the trail still ends within kSimplifyM of the marker.
        const std::size_t n = runTimes.size();
        std::size_t a = 0;
        while (a + 1 < n) {
            std::size_t b = a + 1;
            while (b + 1 < n && b + 1 - a <= kMaxSimplifiedFixes) {
                const std::size_t c = b + 1;
                const double span = runTimes[c] - runTimes[a];
                bool fits = true;
                for (std::size_t k = a + 1; k < c && fits; ++k) {
                    const float f = float((runTimes[k] - runTimes[a]) / span);
                    const osg::Vec3f predicted = runPoints[a] + (runPoints[c] - runPoints[a]) * f;
                    fits = (predicted - runPoints[k]).length2() <= float(kSimplifyM * kSimplifyM);
                }
                if (!fits)
                    break;
                b = c;
            }
            const auto bucket = std::min(std::uint32_t(runTimes[a] - c0), std::uint32_t(buckets - 1));
            pieces.push_back({person, float(runTimes[a]), float(runTimes[b]), runPoints[a], runPoints[b]});
            bucketOf.push_back(bucket);
            ++chunk.bucketStart[bucket + 1];
            chunk.longestSegment = std::max(chunk.longestSegment, runTimes[b] - runTimes[a]);
            a = b;
        }
        runTimes.clear();
        runPoints.clear();
    };
    for (std::size_t p = 0; p < m_tracks->size(); ++p) {
        const PersonTrack& track = (*m_tracks)[p];
        std::size_t i = track.lowerBound(c0);
        i = i > 0 ? i - 1 : 0; // the segment reaching into the chunk from before it
        for (; i + 1 < track.size() && track.times[i] < c1; ++i) {
            const double ta = track.times[i], tb = track.times[i + 1];
            const double dt = tb - ta;
            if (tb <= c0)
                continue; // ends before the chunk
            if (dt <= 0.0 || dt > m_maxGapSeconds) {
                flushRun(std::uint32_t(p)); // a gap: the trail breaks like the marker disappears
                continue;
            }
            const double s0 = std::max(ta, c0), s1 = std::min(tb, c1);
            const osg::Vec3f& a = track.points[i];
            const osg::Vec3f& b = track.points[i + 1];
            const auto at = [&](double s) { return a + (b - a) * float((s - ta) / dt); };
            if (runTimes.empty()) {
                runTimes.push_back(s0);
                runPoints.push_back(s0 == ta ? a : at(s0));
            }
            runTimes.push_back(s1);
            runPoints.push_back(s1 == tb ? b : at(s1));
        }
        flushRun(std::uint32_t(p));
    }
    // Counting sort by the second the piece starts in: O(pieces), and the draw range is a bucket
    // range (conservative by under a second).
    for (std::size_t b = 1; b <= buckets; ++b)
        chunk.bucketStart[b] += chunk.bucketStart[b - 1];
    std::vector<std::uint32_t> next(chunk.bucketStart.begin(), chunk.bucketStart.end() - 1);
    const auto vertices = unsigned(2 * pieces.size());
    osg::ref_ptr<osg::Vec3Array> positions = new osg::Vec3Array(vertices);
    chunk.times = new osg::FloatArray(vertices);
    osg::ref_ptr<osg::Vec4ubArray> colours = new osg::Vec4ubArray(vertices);
    chunk.person.resize(pieces.size());
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        const Piece& piece = pieces[k];
        const std::uint32_t s = next[bucketOf[k]]++;
        const osg::Vec4ub colour = (*m_colours)[piece.person];
        (*positions)[2 * s] = piece.p0;
        (*positions)[2 * s + 1] = piece.p1;
        (*chunk.times)[2 * s] = piece.t0;
        (*chunk.times)[2 * s + 1] = piece.t1;
        (*colours)[2 * s] = (*colours)[2 * s + 1] = colour;
        chunk.person[s] = piece.person;
    }
    chunk.geometry = new osg::Geometry;
    chunk.geometry->setName("peopleTrail");
    chunk.geometry->setUseDisplayList(false);
    chunk.geometry->setUseVertexBufferObjects(true);
    chunk.geometry->setVertexArray(positions);
    chunk.geometry->setColorArray(colours, osg::Array::BIND_PER_VERTEX);
    colours->setNormalize(true);
    chunk.geometry->setVertexAttribArray(kTrailTimeAttrib, chunk.times, osg::Array::BIND_PER_VERTEX);
    chunk.draw = new osg::DrawArrays(GL_LINES, 0, GLsizei(vertices));
    // update() narrows the range every frame: the primitive set is not shared with a draw thread
    // running ahead (the viewer is single-threaded on the main thread).
    chunk.draw->setDataVariance(osg::Object::DYNAMIC);
    chunk.geometry->addPrimitiveSet(chunk.draw);
    chunk.geometry->setStateSet(m_stateSet.get());
    return chunk;
}

std::size_t PeopleTrails::update(double seconds)
{
    m_lastSeconds = seconds;
    ++m_frame;
    osg::ref_ptr<osg::Geode> host;
    if (!m_host.lock(host) || m_trailSeconds <= 0.0 || m_tracks->empty()) {
        detachAll();
        return 0;
    }
    const double from = seconds - m_trailSeconds; // oldest visible instant
    const std::int64_t firstNeeded = chunkOf(from), lastNeeded = chunkOf(seconds);
    std::vector<std::int64_t> show;
    std::size_t drawn = 0;
    for (std::int64_t k = firstNeeded; k <= lastNeeded; ++k) {
        auto it = m_chunks.find(k);
        if (it == m_chunks.end()) {
            it = m_chunks.emplace(k, buildChunk(k)).first;
            ++m_chunksBuilt;
        }
        Chunk& chunk = it->second;
        chunk.lastUsed = m_frame;
        const double c0 = double(k) * kChunkSeconds;
        const auto last = std::ptrdiff_t(chunk.bucketStart.size()) - 2; // last bucket
        // Segments start in [from - longest, seconds]: the rest ended too long ago or starts later.
        const std::ptrdiff_t lo = std::clamp(std::ptrdiff_t(std::floor(from - chunk.longestSegment - c0)),
                                             std::ptrdiff_t(0), last + 1);
        const std::ptrdiff_t hi =
            std::clamp(std::ptrdiff_t(std::floor(seconds - c0)), std::ptrdiff_t(-1), last);
        const std::uint32_t first =
            lo <= last ? chunk.bucketStart[std::size_t(lo)] : chunk.bucketStart.back();
        const std::uint32_t end = hi >= 0 ? chunk.bucketStart[std::size_t(hi + 1)] : 0;
        if (end <= first)
            continue;
        chunk.draw->setFirst(GLint(2 * first));
        chunk.draw->setCount(GLsizei(2 * (end - first)));
        chunk.draw->dirty();
        drawn += end - first;
        show.push_back(k);
    }
    // Attach and detach only the difference: drawables stay put while their chunk stays visible.
    for (std::int64_t k : m_attached)
        if (std::find(show.begin(), show.end(), k) == show.end())
            host->removeDrawable(m_chunks.at(k).geometry.get());
    for (std::int64_t k : show)
        if (std::find(m_attached.begin(), m_attached.end(), k) == m_attached.end())
            host->addDrawable(m_chunks.at(k).geometry.get());
    m_attached = std::move(show);
    evict(firstNeeded, lastNeeded);
    return drawn;
}

void PeopleTrails::evict(std::int64_t firstNeeded, std::int64_t lastNeeded)
{
    const std::size_t keep = std::size_t(lastNeeded - firstNeeded + 1) + kSpareChunks;
    while (m_chunks.size() > keep) {
        // Least recently used outside the needed range (never an attached chunk).
        auto victim = m_chunks.end();
        for (auto it = m_chunks.begin(); it != m_chunks.end(); ++it)
            if ((it->first < firstNeeded || it->first > lastNeeded) &&
                (victim == m_chunks.end() || it->second.lastUsed < victim->second.lastUsed))
                victim = it;
        if (victim == m_chunks.end())
            return;
        m_chunks.erase(victim);
    }
}

std::vector<PeopleTrails::DrawnSegment> PeopleTrails::drawnSegments() const
{
    std::vector<DrawnSegment> out;
    for (std::int64_t k : m_attached) {
        const Chunk& chunk = m_chunks.at(k);
        const auto first = std::size_t(chunk.draw->getFirst()) / 2;
        const std::size_t count = std::size_t(chunk.draw->getCount()) / 2;
        for (std::size_t s = first; s < first + count; ++s)
            out.push_back({(*chunk.times)[2 * s], (*chunk.times)[2 * s + 1], chunk.person[s]});
    }
    return out;
}

} // namespace citytwin::scene
