#include "scene/TileMeshBuilder.h"

#include "scene/SceneLog.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Image>

namespace citytwin::scene {

namespace {

bool intersects(const data::Extent2D& a, const data::Extent2D& b)
{
    return !a.isEmpty() && !b.isEmpty() && a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY &&
           b.minY < a.maxY;
}

//! Heights on GRID (one vertex per cell centre) from every enabled source, coarse to fine so
//! that the finest valid sample wins; NaN where no source has data.
std::vector<float> combinedHeights(const TileBuildContext& context, const data::GridGeometry& grid,
                                   const data::CancelToken& cancel, TileBuildResult& result)
{
    std::vector<float> heights(size_t(grid.width) * size_t(grid.height),
                               std::numeric_limits<float>::quiet_NaN());
    std::vector<const TileBuildContext::Elevation*> sources;
    for (const TileBuildContext::Elevation& e : context.elevation)
        if (e.source && intersects(e.source->info().extent, grid.extent))
            sources.push_back(&e);
    // Unknown resolution (<= 0) counts as the coarsest.
    auto coarseness = [](const TileBuildContext::Elevation* e) {
        const double r = e->source->info().resolution;
        return r > 0 ? r : std::numeric_limits<double>::max();
    };
    std::stable_sort(sources.begin(), sources.end(),
                     [&](auto* a, auto* b) { return coarseness(a) > coarseness(b); });
    for (const TileBuildContext::Elevation* e : sources) {
        if (cancel.isCancelled()) {
            result.cancelled = true;
            return heights;
        }
        data::Result<data::ElevationGrid> read = e->source->readHeights(grid, cancel);
        if (!read) {
            if (read.status().code() == data::Status::Code::Cancelled) {
                result.cancelled = true;
                return heights;
            }
            result.errors.push_back({e->id, read.status()});
            continue;
        }
        const data::ElevationGrid& g = read.value();
        if (g.grid.width != grid.width || g.grid.height != grid.height ||
            g.heights.size() != heights.size()) {
            result.errors.push_back(
                {e->id, data::Status::error(data::Status::Code::Internal,
                                            QStringLiteral("%1: returned a %2x%3 height grid for %4x%5")
                                                .arg(e->source->info().name)
                                                .arg(g.grid.width)
                                                .arg(g.grid.height)
                                                .arg(grid.width)
                                                .arg(grid.height))});
            continue;
        }
        for (size_t i = 0; i < heights.size(); ++i)
            if (std::isfinite(g.heights[i]))
                heights[i] = g.heights[i];
    }
    // No data: the lowest valid height (a hole would show the sky, a dip is honest); none at all: 0.
    float lowest = std::numeric_limits<float>::max();
    for (float h : heights)
        if (std::isfinite(h))
            lowest = std::min(lowest, h);
    if (lowest == std::numeric_limits<float>::max())
        lowest = 0.0f;
    for (float& h : heights)
        if (!std::isfinite(h))
            h = lowest;
    return heights;
}

osg::ref_ptr<osg::Texture2D> makeTexture(const data::ImageRaster& image)
{
    const int w = image.grid.width, h = image.grid.height;
    osg::ref_ptr<osg::Image> img = new osg::Image;
    img->allocateImage(w, h, 1, GL_RGBA, GL_UNSIGNED_BYTE);
    std::memcpy(img->data(), image.rgba.data(), size_t(w) * size_t(h) * 4);
    osg::ref_ptr<osg::Texture2D> texture = new osg::Texture2D(img);
    // Tiles are chosen so that a texel spans about a pixel: no mipmaps (their generation would
    // be the dearest part of an upload on llvmpipe).
    texture->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR);
    texture->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
    texture->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
    texture->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
    texture->setResizeNonPowerOfTwoHint(false);
    texture->setUnRefImageDataAfterApply(false); // several contexts (offscreen renders) may upload it
    return texture;
}

bool fullyTransparent(const data::ImageRaster& image)
{
    for (size_t i = 3; i < image.rgba.size(); i += 4)
        if (image.rgba[i] != 0)
            return false;
    return true;
}

void readImagery(const TileBuildContext& context, const data::TileKey& key, const data::CancelToken& cancel,
                 TileBuildResult& result)
{
    const data::Extent2D tileExtent = context.scheme.tileExtent(key);
    const double side = context.scheme.tileSize(key.level);
    for (const TileBuildContext::Imagery& layer : context.imagery) {
        if (cancel.isCancelled()) {
            result.cancelled = true;
            return;
        }
        if (!layer.source || !intersects(layer.source->info().extent, tileExtent))
            continue;
        const int size = tileTextureSize(side, layer.source->info().resolution, context.textureSize);
        data::Result<data::ImageRaster> read =
            layer.source->readImage(context.scheme.cellGrid(key, size), cancel);
        if (!read) {
            if (read.status().code() == data::Status::Code::Cancelled) {
                result.cancelled = true;
                return;
            }
            result.errors.push_back({layer.id, read.status()});
            continue;
        }
        const data::ImageRaster& image = read.value();
        if (image.grid.width <= 0 || image.grid.height <= 0 ||
            image.rgba.size() != size_t(image.grid.width) * size_t(image.grid.height) * 4) {
            result.errors.push_back(
                {layer.id,
                 data::Status::error(data::Status::Code::Internal,
                                     QStringLiteral("%1: returned an image of the wrong size for tile %2")
                                         .arg(layer.source->info().name, key.toString()))});
            continue;
        }
        if (fullyTransparent(image))
            continue; // nothing to draw: save the memory and the texture unit's fetches
        result.textures.push_back({layer.id, makeTexture(image), image.rgba.size()});
    }
}

} // namespace

int tileTextureSize(double tileSide, double resolution, int textureSize)
{
    textureSize = std::max(16, textureSize);
    if (!(resolution > 0.0) || !(tileSide > 0.0))
        return textureSize;
    const double sourcePixels = std::ceil(tileSide / resolution - 1e-6);
    int size = 16;
    while (size < sourcePixels && size < textureSize)
        size *= 2;
    return std::min(size, textureSize);
}

TileBuildResult buildTerrainTile(const TileBuildContext& context, const data::TileKey& key,
                                 const data::CancelToken& cancel)
{
    TileBuildResult result;
    result.key = key;
    result.epoch = context.epoch;
    const int quads = std::max(1, context.meshQuads);
    const int n = quads + 1; // vertices a side
    const int bw = n + 2;    // with the one-vertex border
    const data::GridGeometry grid = context.scheme.vertexGrid(key, quads, 1);
    if (grid.width != bw || grid.height != bw) {
        // A TilingScheme bug, not a data problem: say so loudly and give the tile up.
        qCCritical(lcScene) << "vertex grid of tile" << key.toString() << "is" << grid.width << "x"
                            << grid.height << "instead of" << bw;
        result.cancelled = true;
        return result;
    }
    const std::vector<float> raw = combinedHeights(context, grid, cancel, result);
    if (result.cancelled)
        return result;
    readImagery(context, key, cancel, result);
    if (result.cancelled)
        return result;

    const data::Extent2D e = context.scheme.tileExtent(key);
    const double side = e.width();
    const double cx = e.centerX(), cy = e.centerY();
    const double scale = context.verticalScale;
    auto heightAt = [&](int c, int r) { return double(raw[size_t(r) * size_t(bw) + size_t(c)]) * scale; };
    auto vertexX = [&](int c) { return grid.extent.minX + (c + 0.5) * grid.cellX(); };
    auto vertexY = [&](int r) { return grid.extent.maxY - (r + 0.5) * grid.cellY(); };

    auto positions = new osg::Vec3Array;
    auto normals = new osg::Vec3Array;
    auto uvs = new osg::Vec3Array; // u, v, 1 on skirts (hidden when the ground is see-through)
    positions->reserve(size_t(n) * n + size_t(16) * n);
    result.minZ = std::numeric_limits<double>::max();
    result.maxZ = std::numeric_limits<double>::lowest();
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
            const int c = i + 1, r = j + 1; // bordered indices
            const double x = vertexX(c), y = vertexY(r), z = heightAt(c, r);
            positions->push_back(osg::Vec3f(float(x - cx), float(y - cy), float(z)));
            result.minZ = std::min(result.minZ, z);
            result.maxZ = std::max(result.maxZ, z);
            // Central differences over the border: the same on both sides of a tile edge.
            const double dzx = heightAt(c + 1, r) - heightAt(c - 1, r);
            const double dzy = heightAt(c, r - 1) - heightAt(c, r + 1); // north minus south
            const double dx = vertexX(c + 1) - vertexX(c - 1), dy = vertexY(r - 1) - vertexY(r + 1);
            osg::Vec3f normal(float(-dzx * dy), float(-dx * dzy), float(dx * dy));
            if (normal.normalize() == 0.0f)
                normal.set(0.0f, 0.0f, 1.0f);
            normals->push_back(normal);
            uvs->push_back(osg::Vec3f(float((x - e.minX) / side), float((e.maxY - y) / side), 0.0f));
        }
    }

    auto indices = new osg::DrawElementsUInt(GL_TRIANGLES);
    auto local = [n](int i, int j) { return unsigned(j * n + i); };
    for (int j = 0; j + 1 < n; ++j) {
        for (int i = 0; i + 1 < n; ++i) {
            // Counter-clockwise seen from above (j grows southwards).
            const unsigned nw = local(i, j), ne = local(i + 1, j), sw = local(i, j + 1),
                           se = local(i + 1, j + 1);
            for (unsigned v : {sw, se, ne, sw, ne, nw})
                indices->push_back(v);
        }
    }
    // Skirts hide the cracks to neighbours drawn at another level.
    const float skirt = float(std::max(2.0, context.skirtRatio * side));
    // Skirt vertices are copies (the top ones too) flagged in uv.z, so the whole curtain and
    // nothing of the surface can be told apart in the shader.
    auto addSkirt = [&](unsigned top0, unsigned top1) {
        const unsigned base = unsigned(positions->size());
        for (float depth : {0.0f, skirt}) {
            for (unsigned t : {top0, top1}) {
                positions->push_back((*positions)[t] - osg::Vec3f(0.0f, 0.0f, depth));
                normals->push_back((*normals)[t]);
                uvs->push_back((*uvs)[t] + osg::Vec3f(0.0f, 0.0f, 1.0f));
            }
        }
        // base, base+1: top copies; base+2, base+3: bottom.
        for (unsigned v : {base, base + 2, base + 3, base, base + 3, base + 1})
            indices->push_back(v);
    };
    for (int i = 0; i + 1 < n; ++i) {
        addSkirt(local(i, 0), local(i + 1, 0));
        addSkirt(local(i, n - 1), local(i + 1, n - 1));
        addSkirt(local(0, i), local(0, i + 1));
        addSkirt(local(n - 1, i), local(n - 1, i + 1));
    }

    osg::ref_ptr<osg::Geometry> geom = new osg::Geometry;
    geom->setName("terrain-tile");
    geom->setUseDisplayList(false);
    geom->setUseVertexBufferObjects(true);
    geom->setVertexArray(positions);
    geom->setNormalArray(normals, osg::Array::BIND_PER_VERTEX);
    geom->setTexCoordArray(0, uvs, osg::Array::BIND_PER_VERTEX);
    geom->addPrimitiveSet(indices);
    result.geometryBytes = positions->getTotalDataSize() + normals->getTotalDataSize() +
                           uvs->getTotalDataSize() + indices->getTotalDataSize();

    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(geom);
    result.node = new osg::MatrixTransform(
        osg::Matrixd::translate(cx - context.origin.x, cy - context.origin.y, -context.origin.z));
    result.node->setName(("terrain-tile " + key.toString()).toStdString());
    result.node->addChild(geode);
    return result;
}

} // namespace citytwin::scene
