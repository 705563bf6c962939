#pragma once

#include "data/LayerId.h"
#include "data/PipeSection.h"
#include "data/Points.h"
#include "data/Result.h"

#include <QCoreApplication>
#include <QString>
#include <map>
#include <vector>

namespace citytwin::app {

class ProjectSession;

//! A vertical section through a project's pipe layers: what the section dock and
//! `citytwin-cli section` show, computed once from the session.
struct SectionResult
{
    std::vector<data::ProjectedPoint> line; //!< the section line, project CRS
    double lengthM = 0.0;
    std::vector<data::PipeCrossing> crossings;     //!< every pipe layer's, sorted by distance
    std::vector<data::SectionGroundSample> ground; //!< the surface along the line
    std::map<data::LayerId, QString> layerNames;   //!< the pipe layers searched
    bool hasGround = false;                        //!< the project has a loaded DEM

    //! LAYER's name (its id when unknown).
    QString layerName(data::LayerId layer) const;
    //! The deepest pipe bottom (absolute z), NaN without crossings.
    double deepestInvertZ() const;
};

//! Computes the section along LINE (project CRS, ≥ 2 distinct points) through every loaded pipe
//! layer of SESSION, with the ground of its DEM (ProjectSession::terrain()) sampled every STEPM.
//! Fails when the line is too short or the session has no loaded pipe layer.
data::Result<SectionResult> computeSection(const ProjectSession& session,
                                           const std::vector<data::ProjectedPoint>& line, double stepM = 2.0);

//! Parses "x1,y1 x2,y2 …" (spaces or semicolons between points); nullopt when malformed or
//! fewer than two points.
std::optional<std::vector<data::ProjectedPoint>> parseSectionLine(const QString& text);

//! The crossings as CSV (UTF-8, header row, '.' decimals, empty cells for unknown depths).
QByteArray sectionCsv(const SectionResult& section);

//! Translated texts shared by the dock, its table and the CLI.
class SectionText
{
    Q_DECLARE_TR_FUNCTIONS(citytwin::app::SectionText)
public:
    //! "Ø0.40 m" or "2.00 × 1.00 m".
    static QString size(const data::PipeCrossing& c);
    //! "1.52" (2 decimals) or "—" for NaN.
    static QString metres(double value);
    //! The network's user-facing name ("Water supply", …).
    static QString network(data::PipeNetwork network);
};

} // namespace citytwin::app
