// buildFacilities() (scene/FacilityBuilder.h): manholes, valves and hydrants as vertical shafts,
// merged per chunk with PipeGeometryBuilder (a shaft is a short vertical tube).
#include "scene/FacilityBuilder.h"

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
#include <osg/MatrixTransform>

namespace citytwin::scene {

namespace {

constexpr double kDefaultDepthM = 2.0;

struct ChunkKey
{
    long long x = 0;
    long long y = 0;
    auto operator<=>(const ChunkKey&) const = default;
};

struct Chunk
{
    osg::BoundingBoxd bounds;
    std::vector<std::size_t> members;
};

bool finitePosition(const data::PointFacility& f)
{
    return std::isfinite(f.position.x) && std::isfinite(f.position.y) && std::isfinite(f.position.z);
}

//! Adds a closed vertical tube of DIAMETER from TOP down to BOTTOM (both relative to the origin)
//! as strand STRAND; CAPTOP draws its top disc (a cover above hides it otherwise).
void addTube(PipeGeometryBuilder& builder, std::size_t strand, const osg::Vec3d& top,
             const osg::Vec3d& bottom, double diameter, int sides, bool capTop)
{
    const std::vector<osg::Vec3d> points{top, bottom};
    const std::vector<osg::Vec3d> rings = sweepRings(points, diameter / 2.0, sides);
    builder.addRoundSegment(strand, points, rings, sides, 0, capTop, true);
}

} // namespace

double shaftDepth(const data::PointFacility& facility)
{
    return std::isfinite(facility.depthM) && facility.depthM > 0.0 ? facility.depthM : kDefaultDepthM;
}

osg::ref_ptr<osg::Node> buildFacilities(const std::vector<data::PointFacility>& facilities,
                                        const data::ProjectedPoint& origin, const FacilitiesOptions& options)
{
    const double chunkSize = options.chunkSizeM > 0.0 ? options.chunkSizeM : 1500.0;
    const int sides[2] = {std::max(options.nearSides, 3), std::max(options.farSides, 3)};

    std::map<ChunkKey, Chunk> chunks;
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        const data::PointFacility& f = facilities[i];
        if (!finitePosition(f)) {
            ++skipped;
            continue;
        }
        const osg::Vec3d top(f.position.x - origin.x, f.position.y - origin.y, f.position.z - origin.z);
        Chunk& chunk =
            chunks[{(long long)std::floor(top.x() / chunkSize), (long long)std::floor(top.y() / chunkSize)}];
        chunk.bounds.expandBy(top);
        chunk.bounds.expandBy(top - osg::Vec3d(0.0, 0.0, shaftDepth(f)));
        chunk.members.push_back(i);
    }
    if (skipped > 0)
        qCWarning(lcScene) << "buildFacilities:" << skipped << "of" << facilities.size()
                           << "facilities skipped (a position without elevation)";

    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName("facilities");
    static const char* const kNames[2] = {"facilities-near", "facilities-far"};
    for (auto& [key, chunk] : chunks) {
        const osg::Vec3d centre = chunk.bounds.center();
        const double halfDiagonal =
            std::hypot(chunk.bounds.xMax() - chunk.bounds.xMin(), chunk.bounds.yMax() - chunk.bounds.yMin()) /
            2.0;
        const float limits[3] = {0.0f, float(options.nearRangeM + halfDiagonal),
                                 std::numeric_limits<float>::max()};
        osg::ref_ptr<osg::LOD> lod = new osg::LOD;
        lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        lod->setCenter(osg::Vec3(0.0f, 0.0f, 0.0f));
        lod->setRadius(float(chunk.bounds.radius()));
        for (int level = 0; level < 2; ++level) {
            PipeGeometryBuilder builder(centre, false);
            std::size_t strand = 0;
            for (std::size_t i : chunk.members) {
                const data::PointFacility& f = facilities[i];
                const osg::Vec3d top(f.position.x - origin.x, f.position.y - origin.y,
                                     f.position.z - origin.z);
                const osg::Vec3d down(0.0, 0.0, shaftDepth(f));
                const double diameter = f.diameterM > 0.0 ? f.diameterM : 1.0;
                const std::array<float, 3> c = data::pointFacilityColour(f);
                const osg::Vec3d halfCover(0.0, 0.0, options.coverThicknessM / 2.0);
                // One feature per facility: its shaft, cover and riser share the id.
                builder.beginPipe(f.id, {c[0], c[1], c[2]});
                addTube(builder, strand++, top, top - down, diameter, sides[level], false);
                builder.beginPipe(f.id, options.coverColour);
                addTube(builder, strand++, top + halfCover, top - halfCover,
                        diameter + 2.0 * options.coverOverhangM, sides[level], true);
                if (f.kind == data::PointFacilityKind::Hydrant && options.hydrantPostM > 0.0) {
                    builder.beginPipe(f.id, {c[0], c[1], c[2]});
                    addTube(builder, strand++, top + osg::Vec3d(0.0, 0.0, options.hydrantPostM),
                            top + halfCover, std::min(diameter, 0.25), sides[level], true);
                }
            }
            osg::ref_ptr<osg::Geode> geode = new osg::Geode;
            geode->addDrawable(builder.finish(kNames[level]));
            lod->addChild(geode, limits[level], limits[level + 1]);
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
    return root;
}

} // namespace citytwin::scene
