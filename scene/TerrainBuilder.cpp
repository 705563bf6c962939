// buildTerrain() and the terrain imagery/ground setters (declared in scene/SceneBuilders.h).
#include "scene/SceneBuilders.h"
#include "scene/Shaders.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/Image>
#include <osg/LOD>
#include <osg/Texture2D>

namespace citytwin::scene {

namespace {

const char* const kImageryVisibleKey = "citytwin.imageryVisible";
const char* const kImageryOpacityKey = "citytwin.imageryOpacity";

//! Decimated grid: which DEM columns/rows become vertices (always including the last ones).
std::vector<int> sampleIndices(int count, int maxSamples)
{
    std::vector<int> out;
    if (count <= 0)
        return out;
    maxSamples = std::max(2, maxSamples);
    const int step = count <= maxSamples ? 1 : int(std::ceil(double(count - 1) / double(maxSamples - 1)));
    for (int i = 0; i < count - 1; i += step)
        out.push_back(i);
    out.push_back(count - 1);
    return out;
}

struct TerrainGrid
{
    int cols = 0;
    int rows = 0;
    std::vector<osg::Vec3f> positions; // local frame, row-major, row 0 north
    std::vector<osg::Vec3f> normals;
    std::vector<osg::Vec2f> uvs;
    float minZ = 0.0f;
    float maxZ = 0.0f;

    int index(int c, int r) const { return r * cols + c; }
};

TerrainGrid sampleGrid(const data::ElevationGrid& dem, const data::ImageRaster* imagery,
                       const data::ProjectedPoint& origin, const TerrainOptions& options)
{
    TerrainGrid g;
    const std::vector<int> colIdx = sampleIndices(dem.grid.width, options.maxGridSize);
    const std::vector<int> rowIdx = sampleIndices(dem.grid.height, options.maxGridSize);
    g.cols = int(colIdx.size());
    g.rows = int(rowIdx.size());

    // No-data cells take the lowest valid height: a hole would show the sky, a dip is honest.
    float fallback = std::numeric_limits<float>::max();
    for (float h : dem.heights)
        if (std::isfinite(h))
            fallback = std::min(fallback, h);
    if (fallback == std::numeric_limits<float>::max())
        fallback = 0.0f;

    const double cellX = dem.grid.cellX();
    const double cellY = dem.grid.cellY();
    g.positions.reserve(size_t(g.cols) * size_t(g.rows));
    g.minZ = std::numeric_limits<float>::max();
    g.maxZ = std::numeric_limits<float>::lowest();
    for (int r : rowIdx) {
        for (int c : colIdx) {
            float h = dem.at(c, r);
            if (!std::isfinite(h))
                h = fallback;
            const double x = dem.grid.extent.minX + (c + 0.5) * cellX;
            const double y = dem.grid.extent.maxY - (r + 0.5) * cellY;
            const double z = double(h) * options.verticalScale;
            const osg::Vec3f p(float(x - origin.x), float(y - origin.y), float(z - origin.z));
            g.positions.push_back(p);
            g.minZ = std::min(g.minZ, p.z());
            g.maxZ = std::max(g.maxZ, p.z());
            osg::Vec2f uv(0.0f, 0.0f);
            if (imagery && !imagery->grid.extent.isEmpty()) {
                // Texture row 0 is image row 0 (north), so v grows southwards.
                const data::Extent2D& e = imagery->grid.extent;
                uv.set(float((x - e.minX) / e.width()), float((e.maxY - y) / e.height()));
            }
            g.uvs.push_back(uv);
        }
    }

    g.normals.resize(g.positions.size());
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.cols; ++c) {
            const osg::Vec3f& w = g.positions[g.index(std::max(c - 1, 0), r)];
            const osg::Vec3f& e = g.positions[g.index(std::min(c + 1, g.cols - 1), r)];
            const osg::Vec3f& n = g.positions[g.index(c, std::max(r - 1, 0))];
            const osg::Vec3f& s = g.positions[g.index(c, std::min(r + 1, g.rows - 1))];
            osg::Vec3f normal = (e - w) ^ (n - s);
            if (normal.normalize() == 0.0f)
                normal.set(0.0f, 0.0f, 1.0f);
            g.normals[g.index(c, r)] = normal;
        }
    }
    return g;
}

//! Every STRIDE-th index of [first, last], always including LAST.
std::vector<int> strided(int first, int last, int stride)
{
    std::vector<int> out;
    for (int i = first; i < last; i += stride)
        out.push_back(i);
    out.push_back(last);
    return out;
}

//! One tile [c0,c1]x[r0,r1] (grid vertex indices, inclusive) using every STRIDE-th vertex, with
//! skirts on all four sides: neighbours may be drawn at another level of detail, and the skirt
//! hides the crack between them (and the mesh edge at the grid border).
osg::ref_ptr<osg::Geometry> buildTile(const TerrainGrid& g, int c0, int c1, int r0, int r1, int stride,
                                      float skirtDepth)
{
    const std::vector<int> cols = strided(c0, c1, stride);
    const std::vector<int> rows = strided(r0, r1, stride);
    const int nc = int(cols.size()), nr = int(rows.size());
    auto positions = new osg::Vec3Array;
    auto normals = new osg::Vec3Array;
    auto uvs = new osg::Vec2Array;
    auto indices = new osg::DrawElementsUInt(GL_TRIANGLES);
    for (int r : rows) {
        for (int c : cols) {
            positions->push_back(g.positions[g.index(c, r)]);
            normals->push_back(g.normals[g.index(c, r)]);
            uvs->push_back(g.uvs[g.index(c, r)]);
        }
    }
    auto local = [nc](int i, int j) { return unsigned(j * nc + i); }; // i: column slot, j: row slot
    for (int j = 0; j + 1 < nr; ++j) {
        for (int i = 0; i + 1 < nc; ++i) {
            // Counter-clockwise seen from above (row index grows southwards).
            const unsigned nw = local(i, j), ne = local(i + 1, j), sw = local(i, j + 1),
                           se = local(i + 1, j + 1);
            for (unsigned v : {sw, se, ne, sw, ne, nw})
                indices->push_back(v);
        }
    }

    auto addSkirt = [&](unsigned top0, unsigned top1) {
        const unsigned base = unsigned(positions->size());
        for (unsigned t : {top0, top1}) {
            positions->push_back((*positions)[t] - osg::Vec3f(0.0f, 0.0f, skirtDepth));
            normals->push_back((*normals)[t]);
            uvs->push_back((*uvs)[t]);
        }
        for (unsigned v : {top0, base, base + 1, top0, base + 1, top1})
            indices->push_back(v);
    };
    if (skirtDepth > 0.0f) {
        for (int i = 0; i + 1 < nc; ++i) {
            addSkirt(local(i, 0), local(i + 1, 0));
            addSkirt(local(i, nr - 1), local(i + 1, nr - 1));
        }
        for (int j = 0; j + 1 < nr; ++j) {
            addSkirt(local(0, j), local(0, j + 1));
            addSkirt(local(nc - 1, j), local(nc - 1, j + 1));
        }
    }

    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName(stride > 1 ? "terrain-tile-coarse" : "terrain-tile");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(positions);
    geom->setNormalArray(normals, osg::Array::BIND_PER_VERTEX);
    geom->setTexCoordArray(0, uvs, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(indices);
    return geom;
}

//! A tile node: the full-resolution tile near the eye, a STRIDE-decimated one further away.
osg::ref_ptr<osg::Node> buildTileNode(const TerrainGrid& g, int c0, int c1, int r0, int r1,
                                      const TerrainOptions& options)
{
    const float skirt = float(options.skirtDepthM);
    osg::ref_ptr<osg::Geometry> fine = buildTile(g, c0, c1, r0, r1, 1, skirt);
    const int stride = options.lodStride;
    if (stride <= 1 || std::min(c1 - c0, r1 - r0) < 2 * stride)
        return fine;
    osg::ref_ptr<osg::LOD> lod = new osg::LOD;
    const float switchDistance = fine->getBound().radius() * float(options.lodRangeFactor);
    lod->addChild(fine, 0.0f, switchDistance);
    lod->addChild(buildTile(g, c0, c1, r0, r1, stride, skirt), switchDistance,
                  std::numeric_limits<float>::max());
    return lod;
}

osg::ref_ptr<osg::Texture2D> makeImageryTexture(const data::ImageRaster& imagery)
{
    const int w = imagery.grid.width, h = imagery.grid.height;
    if (w <= 0 || h <= 0 || imagery.rgba.size() < size_t(w) * size_t(h) * 4)
        return nullptr;
    osg::ref_ptr<osg::Image> image = new osg::Image;
    image->allocateImage(w, h, 1, GL_RGBA, GL_UNSIGNED_BYTE);
    std::memcpy(image->data(), imagery.rgba.data(), size_t(w) * size_t(h) * 4);
    osg::ref_ptr<osg::Texture2D> texture = new osg::Texture2D(image);
    texture->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR_MIPMAP_NEAREST);
    texture->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
    texture->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
    texture->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
    texture->setResizeNonPowerOfTwoHint(false);  // GL 2 takes any size; resizing would blur
    texture->setUnRefImageDataAfterApply(false); // several contexts (offscreen renders) may upload it
    return texture;
}

void updateImageryUniform(osg::Node* terrain)
{
    bool visible = true;
    float opacity = 1.0f;
    terrain->getUserValue(kImageryVisibleKey, visible);
    terrain->getUserValue(kImageryOpacityKey, opacity);
    terrain->getOrCreateStateSet()
        ->getOrCreateUniform("ct_imageryOpacity", osg::Uniform::FLOAT)
        ->set(visible ? std::clamp(opacity, 0.0f, 1.0f) : 0.0f);
}

} // namespace

osg::ref_ptr<osg::Node> buildTerrain(const data::ElevationGrid& dem, const data::ImageRaster* imagery,
                                     const data::ProjectedPoint& origin, const TerrainOptions& options)
{
    osg::ref_ptr<osg::Group> terrain = new osg::Group;
    terrain->setName("terrain");
    if (dem.grid.width < 2 || dem.grid.height < 2 ||
        dem.heights.size() < size_t(dem.grid.width) * size_t(dem.grid.height))
        return terrain; // nothing to mesh; the caller validated the source, an empty node is harmless

    const TerrainGrid g = sampleGrid(dem, imagery, origin, options);
    const int tile = std::max(1, options.tileQuads);
    for (int r0 = 0; r0 < g.rows - 1; r0 += tile)
        for (int c0 = 0; c0 < g.cols - 1; c0 += tile)
            terrain->addChild(buildTileNode(g, c0, std::min(c0 + tile, g.cols - 1), r0,
                                            std::min(r0 + tile, g.rows - 1), options));

    osg::StateSet* ss = terrain->getOrCreateStateSet();
    ss->setAttributeAndModes(makeProgram("terrain.vert", "terrain.frag"));
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF); // skirts and views from below
    ss->addUniform(new osg::Uniform("ct_imagery", 0));
    ss->addUniform(new osg::Uniform("ct_groundOpacity", 1.0f));
    ss->addUniform(new osg::Uniform("ct_opacity", 1.0f));
    ss->addUniform(new osg::Uniform("ct_heightRange", osg::Vec2f(g.minZ, g.maxZ)));
    osg::ref_ptr<osg::Texture2D> texture = imagery ? makeImageryTexture(*imagery) : nullptr;
    ss->addUniform(new osg::Uniform("ct_hasImagery", texture ? 1.0f : 0.0f));
    if (texture)
        ss->setTextureAttributeAndModes(0, texture);
    updateImageryUniform(terrain);
    return terrain;
}

void setTerrainImageryOpacity(osg::Node* terrain, float opacity)
{
    if (!terrain)
        return;
    terrain->setUserValue(kImageryOpacityKey, opacity);
    updateImageryUniform(terrain);
}

void setTerrainImageryVisible(osg::Node* terrain, bool visible)
{
    if (!terrain)
        return;
    terrain->setUserValue(kImageryVisibleKey, visible);
    updateImageryUniform(terrain);
}

void setTerrainGroundOpacity(osg::Node* terrain, float opacity)
{
    if (!terrain)
        return;
    opacity = std::clamp(opacity, 0.0f, 1.0f);
    osg::StateSet* ss = terrain->getOrCreateStateSet();
    ss->getOrCreateUniform("ct_groundOpacity", osg::Uniform::FLOAT)->set(opacity);
    if (opacity < 1.0f) {
        ss->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
        ss->setAttribute(new osg::Depth(osg::Depth::LESS, 0.0, 1.0, false)); // see what is below
        ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    } else {
        ss->removeAttribute(osg::StateAttribute::BLENDFUNC);
        ss->removeMode(GL_BLEND);
        ss->removeAttribute(osg::StateAttribute::DEPTH);
        ss->setRenderingHint(osg::StateSet::DEFAULT_BIN);
    }
}

} // namespace citytwin::scene
