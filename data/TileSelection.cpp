#include "data/TileSelection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_set>

namespace citytwin::data {

double screenSpaceError(double geometricError, double distance, double viewportHeight, double fovyDeg)
{
    if (!(distance > 0.0))
        return std::numeric_limits<double>::infinity();
    const double halfFovy = 0.5 * fovyDeg * std::numbers::pi / 180.0;
    return geometricError * viewportHeight / (2.0 * distance * std::tan(halfFovy));
}

double distanceToBox(const ProjectedPoint& p, const Extent2D& extent, double minZ, double maxZ)
{
    const double dx = std::max({extent.minX - p.x, 0.0, p.x - extent.maxX});
    const double dy = std::max({extent.minY - p.y, 0.0, p.y - extent.maxY});
    const double dz = std::max({minZ - p.z, 0.0, p.z - maxZ});
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

namespace {

//! One selection pass; callbacks left empty mean "everything visible/ready, flat at 0 m".
class Selector
{
public:
    Selector(const TilingScheme& scheme, const SelectionInput& input) : m_scheme(scheme), m_in(input) {}

    SelectionResult run()
    {
        for (const TileKey& root : m_scheme.rootKeys()) {
            if (!visible(root))
                continue;
            if (!ready(root)) {
                request(root, errorPx(root));
                continue;
            }
            visit(root);
        }
        // Stable: equal priorities keep traversal order (shallower, north-west first).
        std::stable_sort(m_result.requests.begin(), m_result.requests.end(),
                         [](const TileRequest& a, const TileRequest& b) { return a.priority > b.priority; });
        return std::move(m_result);
    }

private:
    //! KEY is visible and ready: draw it, or its children when it is too coarse and they can be.
    void visit(const TileKey& key)
    {
        const double error = errorPx(key);
        if (!(error > m_in.maxErrorPx) || key.level >= m_in.maxLevel) {
            m_result.draw.push_back(key);
            return;
        }
        // Children outside the view are neither needed for the swap nor worth loading: their
        // part of the parent is off screen, so leaving it undrawn shows no hole.
        std::vector<TileKey> wanted;
        bool allReady = true;
        for (const TileKey& child : key.children()) {
            if (!m_scheme.contains(child) || !visible(child))
                continue;
            wanted.push_back(child);
            allReady = allReady && ready(child);
        }
        if (wanted.empty() || !allReady) {
            m_result.draw.push_back(key);
            for (const TileKey& child : wanted)
                if (!ready(child))
                    request(child, error);
            return;
        }
        for (const TileKey& child : wanted)
            visit(child);
    }

    double errorPx(const TileKey& key) const
    {
        const double geometric = m_in.geometricError ? m_in.geometricError(key) : 0.0;
        const auto [minZ, maxZ] =
            m_in.heightRange ? m_in.heightRange(key) : std::pair<double, double>{0.0, 0.0};
        const double distance = distanceToBox(m_in.eye, m_scheme.tileExtent(key), minZ, maxZ);
        return screenSpaceError(geometric, distance, m_in.viewportHeight, m_in.fovyDeg);
    }

    bool visible(const TileKey& key) const { return !m_in.isVisible || m_in.isVisible(key); }
    bool ready(const TileKey& key) const { return !m_in.isReady || m_in.isReady(key); }

    void request(const TileKey& key, double priority)
    {
        if (m_requested.insert(key).second)
            m_result.requests.push_back({key, priority});
    }

    const TilingScheme& m_scheme;
    const SelectionInput& m_in;
    SelectionResult m_result;
    std::unordered_set<TileKey, TileKeyHash> m_requested;
};

} // namespace

SelectionResult selectTiles(const TilingScheme& scheme, const SelectionInput& input)
{
    if (!scheme.isValid())
        return {};
    return Selector(scheme, input).run();
}

} // namespace citytwin::data
