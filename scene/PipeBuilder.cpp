// buildPipes() (scene/PipeBuilder.h): pipes split into strands, their segments merged per chunk
// into three levels of detail under an osg::LOD.
#include "scene/PipeBuilder.h"

#include "data/PipeMapping.h"
#include "scene/FeatureProgram.h"
#include "scene/PipeGeometry.h"
#include "scene/SceneLog.h"

#include <algorithm>
#include <cmath>
#include <compare>
#include <limits>
#include <map>
#include <memory>
#include <osg/BoundingBox>
#include <osg/Geode>
#include <osg/LOD>
#include <osg/LineWidth>
#include <osg/MatrixTransform>

namespace citytwin::scene {

namespace {

//! Turns sharper than this (cosine of half the turn; ~157°) end a strand: a mitre there would
//! grow without bound.
constexpr double kMinMitreCos = 0.2;

struct ChunkKey
{
    long long x = 0;
    long long y = 0;
    auto operator<=>(const ChunkKey&) const = default;
};

//! A run of a pipe's centre line without sharp turns, swept as one tube.
struct Strand
{
    std::size_t pipe = 0;
    std::vector<osg::Vec3d> points;  // relative to the project origin
    std::vector<ChunkKey> segmentChunk; // chunk of each segment (by its midpoint)
};

struct Chunk
{
    osg::BoundingBoxd bounds; // of its segments' end points, relative to the project origin
    std::unique_ptr<PipeGeometryBuilder> levels[3];
};

bool finitePoint(const data::ProjectedPoint& p)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

//! The strands of PIPE (empty when it is skipped).
std::vector<Strand> strandsOf(const data::PipeLine& pipe, std::size_t index, const data::ProjectedPoint& origin,
                              double chunkSize)
{
    if (pipe.points.size() < 2 || !std::all_of(pipe.points.begin(), pipe.points.end(), finitePoint))
        return {};
    std::vector<osg::Vec3d> points;
    for (const data::ProjectedPoint& p : pipe.points) {
        const osg::Vec3d local(p.x - origin.x, p.y - origin.y, p.z - origin.z);
        if (points.empty() || (local - points.back()).length2() > 1e-8) // drop repeated points
            points.push_back(local);
    }
    std::vector<Strand> strands;
    Strand current{index, {points.empty() ? osg::Vec3d() : points.front()}, {}};
    for (std::size_t i = 1; i < points.size(); ++i) {
        if (current.points.size() >= 2) {
            osg::Vec3d d0 = current.points.back() - current.points[current.points.size() - 2];
            osg::Vec3d d1 = points[i] - current.points.back();
            d0.normalize();
            d1.normalize();
            osg::Vec3d mitre = d0 + d1;
            if (mitre.length() / 2.0 < kMinMitreCos) {
                strands.push_back(current);
                current = Strand{index, {current.points.back()}, {}};
            }
        }
        const osg::Vec3d mid = (current.points.back() + points[i]) * 0.5;
        current.segmentChunk.push_back(
            {(long long)std::floor(mid.x() / chunkSize), (long long)std::floor(mid.y() / chunkSize)});
        current.points.push_back(points[i]);
    }
    if (current.points.size() >= 2)
        strands.push_back(current);
    return strands;
}

osg::Vec3f colourOf(const data::PipeLine& pipe)
{
    const std::array<float, 3> c = data::pipeNetworkColour(pipe.network);
    return {c[0], c[1], c[2]};
}

} // namespace

osg::ref_ptr<osg::Node> buildPipes(const std::vector<data::PipeLine>& pipes, const data::ProjectedPoint& origin,
                                   const PipesOptions& options)
{
    const double chunkSize = options.chunkSizeM > 0.0 ? options.chunkSizeM : 500.0;
    const int nearSides = std::max(options.roundSegments, 3);
    const int farSides = std::max(options.farRoundSegments, 3);

    std::vector<Strand> strands;
    std::size_t skipped = 0;
    for (std::size_t p = 0; p < pipes.size(); ++p) {
        std::vector<Strand> s = strandsOf(pipes[p], p, origin, chunkSize);
        if (s.empty())
            ++skipped;
        for (Strand& strand : s)
            strands.push_back(std::move(strand));
    }
    if (skipped > 0)
        qCWarning(lcScene) << "buildPipes:" << skipped << "of" << pipes.size()
                           << "pipes skipped (fewer than 2 distinct points or a point without elevation)";

    // Chunk centres first: vertices are stored relative to them.
    std::map<ChunkKey, Chunk> chunks;
    for (const Strand& strand : strands)
        for (std::size_t k = 0; k < strand.segmentChunk.size(); ++k) {
            osg::BoundingBoxd& b = chunks[strand.segmentChunk[k]].bounds;
            b.expandBy(strand.points[k]);
            b.expandBy(strand.points[k + 1]);
        }
    for (auto& [key, chunk] : chunks) {
        const osg::Vec3d centre = chunk.bounds.center();
        chunk.levels[0] = std::make_unique<PipeGeometryBuilder>(centre, false);
        chunk.levels[1] = std::make_unique<PipeGeometryBuilder>(centre, false);
        chunk.levels[2] = std::make_unique<PipeGeometryBuilder>(centre, true);
    }

    // Strand by strand (so pipe by pipe: a pipe's strands are consecutive), each segment into
    // its chunk's builders; a pipe's vertices stay contiguous in every builder.
    for (std::size_t s = 0; s < strands.size(); ++s) {
        const Strand& strand = strands[s];
        const data::PipeLine& pipe = pipes[strand.pipe];
        const osg::Vec3f colour = colourOf(pipe);
        const bool box = pipe.section == data::PipeSection::Box;
        const double diameter = pipe.diameterM > 0.0 ? pipe.diameterM : 0.3;
        std::vector<osg::Vec3d> nearRings, farRings, corners;
        if (box)
            corners = boxCorners(strand.points, pipe.widthM > 0.0 ? pipe.widthM : diameter,
                                 pipe.heightM > 0.0 ? pipe.heightM : diameter);
        else {
            nearRings = sweepRings(strand.points, diameter / 2.0, nearSides);
            farRings = sweepRings(strand.points, diameter / 2.0, farSides);
        }
        const std::size_t segments = strand.segmentChunk.size();
        for (std::size_t k = 0; k < segments; ++k) {
            Chunk& chunk = chunks[strand.segmentChunk[k]];
            const bool first = k == 0, last = k + 1 == segments;
            for (auto& level : chunk.levels)
                level->beginPipe(pipe.id, colour);
            if (box) {
                chunk.levels[0]->addBoxSegment(strand.points, corners, k, first, last);
                chunk.levels[1]->addBoxSegment(strand.points, corners, k, first, last);
            } else {
                chunk.levels[0]->addRoundSegment(s, strand.points, nearRings, nearSides, k, first, last);
                chunk.levels[1]->addRoundSegment(s, strand.points, farRings, farSides, k, first, last);
            }
            chunk.levels[2]->addLineSegment(s, strand.points, k);
        }
    }

    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("pipes");
    static const char* const kNames[3] = {"pipes-near", "pipes-far", "pipes-lines"};
    for (auto& [key, chunk] : chunks) {
        const osg::Vec3d centre = chunk.bounds.center();
        // Ranges count from the chunk's centre: widened by its horizontal half-diagonal so a pipe
        // anywhere in the chunk gets full detail within nearRangeM of the eye.
        const double halfDiagonal = std::hypot(chunk.bounds.xMax() - chunk.bounds.xMin(),
                                               chunk.bounds.yMax() - chunk.bounds.yMin()) / 2.0;
        const float limits[4] = {0.0f, float(options.nearRangeM + halfDiagonal),
                                 float(options.lineRangeM + halfDiagonal), std::numeric_limits<float>::max()};
        osg::ref_ptr<osg::LOD> lod = new osg::LOD;
        lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        lod->setCenter(osg::Vec3(0.0f, 0.0f, 0.0f));
        lod->setRadius(float(chunk.bounds.radius()));
        for (int l = 0; l < 3; ++l) {
            osg::ref_ptr<osg::Geode> geode = new osg::Geode;
            geode->addDrawable(chunk.levels[l]->finish(kNames[l]));
            lod->addChild(geode, limits[l], limits[l + 1]);
        }
        osg::ref_ptr<osg::MatrixTransform> xf = new osg::MatrixTransform(osg::Matrix::translate(centre));
        xf->addChild(lod);
        root->addChild(xf);
    }

    osg::StateSet* ss = root->getOrCreateStateSet();
    ss->setAttributeAndModes(makeFeatureProgram("model.vert", "model.frag"));
    addFeatureUniforms(*ss, options.highlightColour);
    ss->addUniform(new osg::Uniform("ct_textured", false));
    ss->addUniform(new osg::Uniform("ct_texture", 0));
    ss->setAttributeAndModes(new osg::LineWidth(2.0f));
    return root;
}

} // namespace citytwin::scene
