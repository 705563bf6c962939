#pragma once

#include "data/TileKey.h"
#include "data/TilingScheme.h"

#include <functional>
#include <vector>

namespace citytwin::data {

//! Pixels that a GEOMETRICERROR (metres) spans at DISTANCE (metres) for a perspective camera with
//! vertical field of view FOVYDEG and a viewport VIEWPORTHEIGHT pixels high. DISTANCE <= 0
//! counts as very near (huge error).
double screenSpaceError(double geometricError, double distance, double viewportHeight, double fovyDeg);

//! 3D distance from P to the box [extent] × [minZ, maxZ] (0 inside).
double distanceToBox(const ProjectedPoint& p, const Extent2D& extent, double minZ, double maxZ);

//! What the selection needs to know about the view and the engine, as plain callbacks so the
//! algorithm is testable without GL.
struct SelectionInput
{
    ProjectedPoint eye;          //!< camera position in the scheme's CRS
    double viewportHeight = 720; //!< pixels
    double fovyDeg = 35.0;
    double maxErrorPx = 2.0; //!< refine while a tile's error spans more pixels than this
    int maxLevel = 0;        //!< no tile deeper than this
    //! Geometric error of KEY in metres (e.g. its texel size); must halve from level to level.
    std::function<double(const TileKey&)> geometricError;
    //! Height range of KEY (for distances); default [0, 0].
    std::function<std::pair<double, double>(const TileKey&)> heightRange;
    //! False when KEY is outside the view frustum (the tile and its subtree are skipped).
    std::function<bool(const TileKey&)> isVisible;
    //! True when KEY's data is resident and can be drawn now.
    std::function<bool(const TileKey&)> isReady;
};

struct TileRequest
{
    TileKey key;
    double priority = 0; //!< larger first: the screen-space error the tile would fix
};

struct SelectionResult
{
    std::vector<TileKey> draw;         //!< ready tiles to draw this frame; they never overlap
    std::vector<TileRequest> requests; //!< tiles wanted and not ready, by priority (highest first)
};

//! Screen-space-error quadtree selection: a visible tile is refined when its error exceeds
//! maxErrorPx and it is above maxLevel; it is replaced by its children only once ALL four are
//! ready (so no hole ever shows), otherwise it stays drawn and the missing children are requested.
//! A visible root that is not ready is requested (nothing drawn there yet). "All four" means the
//! children that are in the scheme AND visible: an off-screen child is neither awaited nor requested
//! (its part of the parent is off screen). Empty callbacks: visible, ready, error 0, heights [0, 0].
SelectionResult selectTiles(const TilingScheme& scheme, const SelectionInput& input);

} // namespace citytwin::data
