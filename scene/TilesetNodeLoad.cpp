// TilesetNode worker side: a tile's content is read by the loader, its feature ids moved into the
// tile's layer-unique block, built with buildModel() and handed to the main thread through the
// TileLoadQueue (merged in TilesetNodeUpdate.cpp).
#include "scene/ModelBuilder.h"
#include "scene/TilesetNodeImpl.h"

#include <unordered_map>

namespace citytwin::scene {

std::int64_t FeatureIdBlocks::reserve(int tile, std::int64_t count)
{
    const std::lock_guard lock(m_mutex);
    if (tile < 0 || std::size_t(tile) >= m_blocks.size())
        return -1;
    Block& b = m_blocks[std::size_t(tile)];
    if (b.first >= 0 && count <= b.count)
        return b.first;
    if (m_next + count > kMaxId)
        return -1;
    b.first = m_next;
    b.count = count;
    m_next += count;
    return b.first;
}

namespace {

//! Old id → new id, in order of first appearance: features, then ids that only meshes use.
std::unordered_map<std::int64_t, std::int64_t> idMapping(const data::Model& model, std::int64_t first)
{
    std::unordered_map<std::int64_t, std::int64_t> map;
    auto add = [&](std::int64_t id) {
        if (id >= 0)
            map.try_emplace(id, first + std::int64_t(map.size()));
    };
    for (const data::ModelFeature& f : model.features)
        add(f.id);
    for (const data::ModelMesh& m : model.meshes) {
        add(m.feature);
        for (std::int64_t id : m.vertexFeature)
            add(id);
    }
    return map;
}

} // namespace

std::int64_t distinctFeatureIds(const data::Model& model)
{
    return std::int64_t(idMapping(model, 0).size());
}

void remapFeatureIds(data::Model& model, std::int64_t first)
{
    const std::unordered_map<std::int64_t, std::int64_t> map = idMapping(model, first);
    auto mapped = [&](std::int64_t id) -> std::int64_t {
        auto it = map.find(id);
        return it == map.end() ? -1 : it->second;
    };
    for (data::ModelFeature& f : model.features) {
        f.id = mapped(f.id);
        f.parent = mapped(f.parent);
    }
    for (data::ModelMesh& m : model.meshes) {
        m.feature = mapped(m.feature);
        for (std::int64_t& id : m.vertexFeature)
            id = mapped(id);
    }
}

std::size_t modelBytes(const data::Model& model)
{
    std::size_t bytes = 0;
    for (const data::ModelMesh& m : model.meshes) {
        // Built geometry: positions, normals, colours (RGBA8), texcoords, indices, feature ids.
        const std::size_t vertices = m.vertexCount();
        bytes += vertices * (3 * sizeof(float) * 2 + 4 + sizeof(float));
        bytes += m.texCoords.size() * sizeof(float);
        bytes += m.indices.size() * sizeof(std::uint32_t);
    }
    for (const data::ModelTexture& t : model.textures)
        bytes += t.rgba.size();
    return bytes;
}

void TilesetNode::Impl::submit(int index, double priority)
{
    std::shared_ptr<const TileContentLoader> load = loader;
    std::shared_ptr<FeatureIdBlocks> blocks = idBlocks;
    const data::ProjectedPoint o = origin;
    queue->request(
        tilesetKey(index), priority,
        [load, blocks, o, index](const data::CancelToken& cancel) -> TileBuildResult {
            TileBuildResult result;
            result.key = tilesetKey(index);
            if (cancel.isCancelled()) {
                result.cancelled = true;
                return result;
            }
            data::Result<data::Model> model = (*load)(index, cancel);
            if (cancel.isCancelled() || (!model && model.status().code() == data::Status::Code::Cancelled)) {
                result.cancelled = true;
                return result;
            }
            if (!model) {
                result.errors.push_back({data::LayerId{}, model.status()});
                return result;
            }
            const std::int64_t first = blocks->reserve(index, distinctFeatureIds(*model));
            if (first < 0) {
                result.errors.push_back(
                    {data::LayerId{},
                     data::Status::error(data::Status::Code::Unsupported,
                                         QStringLiteral("%1: the tileset has more than 2^24 features, "
                                                        "tile %2 cannot get feature ids")
                                             .arg(model->name)
                                             .arg(index))});
                return result;
            }
            remapFeatureIds(*model, first);
            result.geometryBytes = modelBytes(*model);
            osg::ref_ptr<osg::Node> built = buildModel(*model, o);
            osg::ref_ptr<TilesetTileContent> content = new TilesetTileContent;
            content->features = std::move(model->features);
            result.node = new osg::MatrixTransform;
            if (built)
                result.node->addChild(built);
            result.node->setUserData(content);
            return result;
        });
}

} // namespace citytwin::scene
