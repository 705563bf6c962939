#pragma once

#include "data/Features.h"
#include "data/PipeMapping.h"
#include "data/Result.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace citytwin::gis {

//! What a pipe read did besides returning pipes: features skipped and why (per feature, so the
//! layer's status can say "12 of 1,156 pipes skipped: 9 negative depth, 3 no geometry").
struct PipeReadReport
{
    int featuresRead = 0;
    int pipes = 0;
    int skipped = 0;
    QStringList skipReasons; //!< "feature 12: negative depth (-1.5 m)", … (the first 50)
    int depthsDefaulted = 0; //!< no depth source: defaultDepthM used
    int sizesDefaulted = 0;  //!< no size: defaultDiameterM used
};

struct PipeReadResult
{
    std::vector<data::PipeLine> pipes;
    PipeReadReport report;
};

//! Reads pipe lines (LineString/MultiLineString, 2D or 3D) from any OGR source (GPKG, Shapefile,
//! GeoJSON, PostGIS…) into PROJECTCRS with MAPPING. Ids: FID (part P of a multi-line with several
//! parts: FID * 1000 + P, like footprints). Per-feature problems are skipped and reported, not
//! errors: null/empty/non-line geometry, fewer than 2 distinct points, depth < 0 or > 100 m,
//! diameter/width/height <= 0 or > 20 m, coordinates PROJ cannot transform. Depth references:
//! top → centre = depth + size/2, invert → centre = depth − size/2 (elevations likewise). Lines
//! whose depth comes from a depth field get NaN z (the loader drapes them). Errors (whole read):
//! file missing/unreadable, no layer, a mapped field that does not exist (named), no CRS and no
//! ASSUMEDSOURCECRS.
data::Result<PipeReadResult> readPipes(const QString& path, const QString& projectCrs,
                                       const data::PipeMapping& mapping,
                                       const QString& assumedSourceCrs = {});

//! A mapping for PATH's first layer guessed from its field names, as utility surveys name them in
//! English or Chinese (depth_m/depth/埋深, 管顶埋深 → top, 管底埋深 → invert, diameter/dn/管径,
//! width/宽度, height/高度, material/材质/管材, install_year/year/建设年代, network/type/管线类型…).
//! Roles without a matching field are left empty, so readPipes() does not fail on them; the
//! defaults are PipeMapping's. Errors: file missing/unreadable, no layer.
data::Result<data::PipeMapping> guessPipeMapping(const QString& path);

} // namespace citytwin::gis
