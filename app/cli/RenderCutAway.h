#pragma once

#include "data/Result.h"
#include "scene/CutAway.h"

#include <QString>
#include <optional>
#include <vector>

namespace citytwin::app {
class ProjectSession;
}

namespace citytwin::app::cli {

//! What `render --clip-box/--pit/--pit-depth` asked for, as typed (local frame, or lon/lat with --lonlat).
struct CutAwayRequest
{
    std::optional<scene::ClipBox> box;  //!< corners as typed (min/max sorted)
    std::vector<osg::Vec2d> pitRing;    //!< empty: no pit
    double pitDepthM = 5.0;             //!< below the ring's lowest ground point
};

//! "XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX" → a box (each axis sorted); nullopt when malformed or flat.
std::optional<scene::ClipBox> parseClipBox(const QString& text);
//! "X,Y X,Y X,Y …" (3 to kMaxPitVertices points) → the ring; nullopt when malformed.
std::optional<std::vector<osg::Vec2d>> parsePitRing(const QString& text);

//! Cuts SESSION's scene as REQUEST says with CUT (attached to the scene root; it must outlive the
//! render) and adds the pit walls (on the session's DEM, else at 0) to the analysis group. LONLAT:
//! the request's x/y are longitude/latitude (CGCS2000), converted to the local frame.
data::Status applyCutAway(ProjectSession& session, const CutAwayRequest& request, bool lonLat, scene::CutAway& cut);

} // namespace citytwin::app::cli
