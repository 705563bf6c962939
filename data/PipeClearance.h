#pragma once

#include "data/Features.h"
#include "data/Points.h"

#include <optional>

namespace citytwin::data {

//! Which of two pipes lies above the other where they cross.
enum class UpperPipe { A, B };

//! Where a crossing in plan is and how much room there is between the two pipes' outer surfaces.
struct ClearanceCrossing
{
    ProjectedPoint point;            //!< the crossing in plan; z halfway between the two facing surfaces
    double verticalClearanceM = 0.0; //!< upper's bottom − lower's top (negative: the pipes overlap)
    UpperPipe upper = UpperPipe::A;
};

//! The clearance between two pipes (see pipeClearance()).
struct PipeClearance
{
    //! Set when the centre lines cross in plan: the crossing with the least vertical clearance.
    std::optional<ClearanceCrossing> crossing;
    //! Clear distance in plan between the outer walls at the closest approach of the centre lines
    //! (negative: they overlap in plan; at a crossing the centre-line distance is 0).
    double horizontalClearanceM = 0.0;
    //! Least 3D distance between the outer surfaces (negative: they intersect).
    double minDistanceM = 0.0;
    //! The two points that measure the clearance, on A's and on B's outer surface: at the crossing
    //! (vertical) when there is one, else at the closest approach in 3D. For drawing.
    ProjectedPoint pointA;
    ProjectedPoint pointB;
};

//! Half the horizontal size of PIPE's cross-section: the radius, or half a box's width.
double pipeHalfWidth(const PipeLine& pipe);
//! Half the vertical size of PIPE's cross-section: the radius, or half a box's height.
double pipeHalfHeight(const PipeLine& pipe);

//! The clearance between pipes A and B, whose points are centre lines with absolute z (as the
//! loader hangs them). Sizes: round = diameter, box = width × height, horizontal and vertical.
//! Surface distances treat each section as its support in the direction between the centre lines
//! (exact for round pipes and for boxes met straight from the side or from above). Nullopt when
//! a pipe has fewer than 2 points or a non-finite z.
std::optional<PipeClearance> pipeClearance(const PipeLine& a, const PipeLine& b);

} // namespace citytwin::data
