#pragma once

// Field lookup and per-feature attribute reading for readPipes(); internal to gis/.

#include "data/Features.h"
#include "data/PipeMapping.h"
#include "data/Result.h"

#include <QString>

class OGRFeature;
class OGRFeatureDefn;

namespace citytwin::gis {

//! Indices of the mapped fields in a layer (-1: not mapped).
struct PipeFieldIndices
{
    int depth = -1;
    int startElevation = -1;
    int endElevation = -1;
    int diameter = -1;
    int width = -1;
    int height = -1;
    int material = -1;
    int installYear = -1;
    int network = -1;
};

//! The indices of MAPPING's fields in DEFN; NotFound naming PATH, the mapping key and the missing
//! field (and the fields the layer does have) when a non-empty field name is not in the layer.
data::Result<PipeFieldIndices> resolvePipeFields(OGRFeatureDefn& defn, const data::PipeMapping& mapping,
                                                 const QString& path);

//! Where a pipe's vertical position comes from.
enum class PipeDepthSource { Field, Elevations, LineZ, Default };

//! A feature's attributes as a pipe template (no points yet) plus where its depth comes from.
struct PipeAttributes
{
    data::PipeLine pipe;
    PipeDepthSource depthSource = PipeDepthSource::Default;
    bool sizeDefaulted = false;
    double startCentreZ = 0.0; //!< Elevations: centre elevation at the start
    double endCentreZ = 0.0;   //!< Elevations: centre elevation at the end
};

//! Reads FEATURE's attributes with MAPPING; LINEHASZ says whether its geometry carries z. Returns
//! false with WHY ("negative depth (-1.5 m)", …) when the feature must be skipped.
bool readPipeAttributes(OGRFeature& feature, const PipeFieldIndices& fields, const data::PipeMapping& mapping,
                        bool lineHasZ, PipeAttributes& out, QString& why);

} // namespace citytwin::gis
