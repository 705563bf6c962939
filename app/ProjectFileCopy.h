#pragma once

#include "data/Project.h"
#include "data/ProjectStore.h"
#include "data/Result.h"

#include <QString>

namespace citytwin::app {

//! Copies the whole database of FROM (every table) to TARGET with PROJECT saved into it (replacing
//! it only once the copy is complete), with relative layer sources rebased onto TARGET's folder
//! so they still point at the same files. Returns the project as written.
data::Result<data::Project> copyProjectFile(const data::ProjectStore& from, const data::Project& project,
                                            const QString& target);

//! SOURCEURI (relative to FROMFILE's folder) re-expressed relative to TOFILE's folder. Absolute
//! paths, URLs and "store:" URIs come back unchanged.
QString rebaseSourceUri(const QString& sourceUri, const QString& fromFile, const QString& toFile);

} // namespace citytwin::app
