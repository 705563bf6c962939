#pragma once

// A synthetic tileset for the TilesetNode suites: a root over a 2 km square and its four quadrant
// children, whose content is built in memory (two boxes per tile, one feature each) by a loader
// the test can hold back, fail or watch.

#include "data/Model.h"
#include "scene/TilesetNode.h"

#include <QString>
#include <QThread>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <set>

namespace citytwin::test {

inline const data::ProjectedPoint kTilesetOrigin{500000, 3400000, 0};
inline constexpr int kTilesetTiles = 5;
inline constexpr double kRootHeight = 10.0; //!< roof of the root's boxes
inline constexpr double kChildHeight =
    20.0; //!< roof of the children's boxes: a ray from above tells them apart

//! Local centre (x, y) of tile INDEX: 0 the root, 1 SW, 2 SE, 3 NW, 4 NE quadrant.
inline std::array<double, 2> tileCentre(int index)
{
    static const std::array<std::array<double, 2>, kTilesetTiles> centres{
        {{0, 0}, {-500, -500}, {500, -500}, {-500, 500}, {500, 500}}};
    return centres[std::size_t(index)];
}

//! Base colour of tile INDEX's boxes: the root red, the children green.
inline std::array<float, 4> tileColour(int index)
{
    return index == 0 ? std::array<float, 4>{0.9f, 0.1f, 0.1f, 1.0f}
                      : std::array<float, 4>{0.1f, 0.8f, 0.1f, 1.0f};
}

//! A closed box standing on (ANCHOR), half sizes HX/HY, HEIGHT tall.
inline data::ModelMesh boxMesh(const data::ProjectedPoint& anchor, float hx, float hy, float height,
                               std::int64_t feature, const std::array<float, 4>& colour)
{
    data::ModelMesh m;
    m.anchor = anchor;
    for (int i = 0; i < 8; ++i) {
        m.positions.push_back((i & 1) ? hx : -hx);
        m.positions.push_back((i & 2) ? hy : -hy);
        m.positions.push_back((i & 4) ? height : 0.0f);
    }
    m.indices = {4, 5, 7, 4, 7, 6, 0, 2, 3, 0, 3, 1, 0, 1, 5, 0, 5, 4,
                 3, 2, 6, 3, 6, 7, 2, 0, 4, 2, 4, 6, 1, 3, 7, 1, 7, 5};
    m.feature = feature;
    m.colour = colour;
    return m;
}

//! Tile INDEX's content: its square split in a west and an east box (features 0 and 1, with
//! the tile's own ids starting at 0 as a reader gives them).
inline data::Model tileModel(int index)
{
    data::Model model;
    model.name = QStringLiteral("tile%1.b3dm").arg(index);
    const auto [cx, cy] = tileCentre(index);
    const double half = index == 0 ? 1000.0 : 500.0;
    const float height = float(index == 0 ? kRootHeight : kChildHeight);
    for (int k = 0; k < 2; ++k) {
        data::ModelFeature f;
        f.id = k;
        f.type = QStringLiteral("Building");
        f.name = QStringLiteral("tile %1 feature %2").arg(index).arg(k);
        f.attributes = {{QStringLiteral("tile"), QString::number(index)}};
        model.features.push_back(f);
        const double x = cx + (k == 0 ? -half / 2 : half / 2);
        const data::ProjectedPoint anchor{kTilesetOrigin.x + x, kTilesetOrigin.y + cy, kTilesetOrigin.z};
        // A 2 m gap between the boxes keeps them apart.
        model.meshes.push_back(
            boxMesh(anchor, float(half / 2 - 1), float(half - 1), height, k, tileColour(index)));
    }
    model.computeBounds();
    return model;
}

//! The tree: root (geometric error 100 m) over four leaf quadrants (error 0).
inline std::vector<scene::TilesetNodeTile> tilesetTiles(bool refineAdd = false)
{
    std::vector<scene::TilesetNodeTile> tiles(kTilesetTiles);
    for (int i = 0; i < kTilesetTiles; ++i) {
        const auto [cx, cy] = tileCentre(i);
        scene::TilesetNodeTile& t = tiles[std::size_t(i)];
        t.centre = {kTilesetOrigin.x + cx, kTilesetOrigin.y + cy, kTilesetOrigin.z};
        t.hasContent = true;
        if (i == 0) {
            t.radius = 1420;
            t.geometricError = 100;
            t.refineAdd = refineAdd;
            t.children = {1, 2, 3, 4};
        } else {
            t.parent = 0;
            t.radius = 712;
            t.geometricError = 0;
        }
    }
    return tiles;
}

//! What the loader does and saw; shared with its workers.
struct LoaderControl
{
    std::array<std::atomic<int>, kTilesetTiles> calls{};
    std::atomic<int> cancelledSeen{0};
    std::atomic<bool> release{false};
    std::mutex mutex;
    std::set<int> held; //!< loads of these wait until release (or their cancel)
    int failing = -1;
    QString failure = QStringLiteral("tile2.b3dm: truncated header at byte 12");

    void hold(int index)
    {
        const std::lock_guard lock(mutex);
        held.insert(index);
    }
    bool isHeld(int index)
    {
        const std::lock_guard lock(mutex);
        return held.count(index) > 0;
    }
    int totalCalls() const
    {
        int n = 0;
        for (const auto& c : calls)
            n += c.load();
        return n;
    }
};

inline scene::TileContentLoader tilesetLoader(std::shared_ptr<LoaderControl> control)
{
    return [control](int index, const data::CancelToken& cancel) -> data::Result<data::Model> {
        ++control->calls[std::size_t(index)];
        if (control->isHeld(index)) {
            while (!control->release.load() && !cancel.isCancelled())
                QThread::msleep(1);
            if (cancel.isCancelled()) {
                ++control->cancelledSeen;
                return data::Status::error(data::Status::Code::Cancelled, QStringLiteral("cancelled"));
            }
        }
        if (index == control->failing)
            return data::Status::error(data::Status::Code::FormatError, control->failure);
        return tileModel(index);
    };
}

} // namespace citytwin::test
