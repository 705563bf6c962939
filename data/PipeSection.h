#pragma once

#include "data/Features.h"
#include "data/LayerId.h"
#include "data/Points.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace citytwin::data {

//! The ground height at a projected (x, y), nullopt where unknown (outside the DEM, no data).
using SurfaceHeightFunction = std::function<std::optional<double>(double x, double y)>;

//! Where a vertical section line cuts a pipe, with what a section drawing and its table show.
struct PipeCrossing
{
    LayerId layer;           //!< the pipe layer (as passed to sectionCrossings)
    std::int64_t pipeId = 0; //!< PipeLine::id
    PipeNetwork network = PipeNetwork::Other;
    QString material;
    int installYear = 0;
    PipeSection section = PipeSection::Round;
    double diameterM = 0.0;    //!< Round: outer diameter
    double widthM = 0.0;       //!< Box: outer width
    double heightM = 0.0;      //!< Box: outer height
    double distanceM = 0.0;    //!< along the section line from its first point
    ProjectedPoint point;      //!< the crossing in plan; z = centreZ
    double centreZ = 0.0;      //!< absolute elevation of the pipe centre, interpolated along its segment
    double groundZ = 0.0;      //!< surface height there; NaN when the surface is unknown
    double depthTopM = 0.0;    //!< ground − top of the pipe (outer); NaN without ground
    double depthCentreM = 0.0; //!< ground − centre; NaN without ground
    double depthInvertM = 0.0; //!< ground − bottom of the pipe (outer); NaN without ground

    //! Vertical extent of the cross-section: the diameter (Round) or the height (Box).
    double verticalSizeM() const { return section == PipeSection::Box ? heightM : diameterM; }
    //! Horizontal extent of the cross-section: the diameter (Round) or the width (Box).
    double horizontalSizeM() const { return section == PipeSection::Box ? widthM : diameterM; }
};

//! One sample of the ground along a section line.
struct SectionGroundSample
{
    double distanceM = 0.0; //!< along the section line
    double x = 0.0;         //!< project CRS
    double y = 0.0;
    double z = 0.0; //!< NaN where the surface is unknown
};

//! Length of the polyline LINE in plan (x/y), metres.
double sectionLength(const std::vector<ProjectedPoint>& line);

//! The point at DISTANCE along LINE in plan (clamped to its ends; z = 0).
ProjectedPoint pointAlongSection(const std::vector<ProjectedPoint>& line, double distanceM);

//! Every crossing of the section polyline LINE (project CRS x/y, z ignored) with the centre lines
//! of PIPES (absolute z; a NaN z falls back to ground − PipeLine::depthM), sorted by distance.
//! Touching counts: a section ending on a pipe, or a pipe ending on the section, is a crossing.
//! A pipe segment parallel to a section segment, collinear overlaps included, is NOT a crossing:
//! such a pipe lies in the section plane along a stretch rather than cutting it at one point, and
//! its neighbouring segments report where it enters or leaves. The same pipe met at one point
//! twice (at a vertex of the pipe or of the section line) is reported once. GROUND (may be empty)
//! gives groundZ and the depths. LAYER is copied into each crossing.
std::vector<PipeCrossing> sectionCrossings(const std::vector<ProjectedPoint>& line,
                                           const std::vector<PipeLine>& pipes, LayerId layer,
                                           const SurfaceHeightFunction& ground);

//! Sorts CROSSINGS by distance along the section (then layer and pipe id) — for crossings of
//! several layers gathered into one list.
void sortCrossings(std::vector<PipeCrossing>& crossings);

//! The ground along LINE sampled at most STEP metres apart (evenly within each segment, every vertex
//! and both ends included), for drawing the section's surface. STEP ≤ 0 samples the vertices only.
std::vector<SectionGroundSample> sectionGroundProfile(const std::vector<ProjectedPoint>& line,
                                                      const SurfaceHeightFunction& ground, double stepM);

} // namespace citytwin::data
