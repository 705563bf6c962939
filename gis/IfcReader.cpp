#include "gis/IfcReader.h"

#include "gis/CNumericLocale.h"
#include "gis/GisLog.h"
#include "gis/IfcFile.h"
#include "gis/IfcGeometry.h"
#include "gis/IfcGeoreference.h"
#include "gis/IfcProperties.h"
#include "gis/IfcSpatialTree.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <ifcpp/IFC4/include/IfcObjectDefinition.h>
#include <ifcpp/IFC4/include/IfcProduct.h>
#include <limits>
#include <mutex>

namespace citytwin::gis {

using data::Model;
using data::ModelFeature;
using data::ModelMesh;
using data::Result;
using data::Status;

namespace {

constexpr int kMaxWarnings = 12;
constexpr float kSpaceOpacity = 0.3f; //!< spaces enclose what users look for: never opaque
//! Metres from the model origin beyond which a vertex is a broken file, not a building (a
//! mangled number like 1.E308 would otherwise poison the bounds and the float vertices).
constexpr double kMaxCoordinate = 1.0e6;

//! IfcPlusPlus and carve keep process-wide state (carve's epsilon, the reader's static tables):
//! one IFC file is converted at a time.
std::mutex& ifcMutex()
{
    static std::mutex m;
    return m;
}

Status cancelled()
{
    return Status::error(Status::Code::Cancelled, QStringLiteral("cancelled"));
}

void addWarning(Model& model, const QString& warning)
{
    if (model.warnings.size() < kMaxWarnings)
        model.warnings.append(warning);
}

bool inRange(const IfcTriangles& triangles)
{
    return std::all_of(triangles.positions.begin(), triangles.positions.end(),
                       [](double v) { return std::isfinite(v) && std::abs(v) < kMaxCoordinate; });
}

std::array<float, 4> meshColour(const IfcTriangles& triangles, const QString& type)
{
    std::array<float, 4> colour{0.8f, 0.8f, 0.8f, 1.0f};
    if (triangles.colour)
        colour = *triangles.colour;
    else if (const auto typeColour = data::defaultTypeColour(type))
        colour = *typeColour;
    if (type == QLatin1String("IfcSpace"))
        colour[3] = std::min(colour[3], kSpaceOpacity);
    return colour;
}

//! TRIANGLES as a mesh of the project frame, anchored at its projected bounding-box centre.
std::optional<ModelMesh> toMesh(const IfcTriangles& triangles, const IfcGeoreference& geo)
{
    const std::vector<double>& p = triangles.positions;
    double lo[3] = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                    std::numeric_limits<double>::max()};
    double hi[3] = {-lo[0], -lo[1], -lo[2]};
    for (size_t i = 0; i < p.size(); ++i) {
        lo[i % 3] = std::min(lo[i % 3], p[i]);
        hi[i % 3] = std::max(hi[i % 3], p[i]);
    }
    const auto anchor = geo.toProjected((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
    if (!anchor)
        return std::nullopt;
    ModelMesh mesh;
    mesh.anchor = *anchor;
    mesh.positions.reserve(p.size());
    for (size_t i = 0; i + 2 < p.size(); i += 3) {
        const auto q = geo.toProjected(p[i], p[i + 1], p[i + 2]);
        if (!q)
            return std::nullopt;
        mesh.positions.insert(mesh.positions.end(),
                              {float(q->x - anchor->x), float(q->y - anchor->y), float(q->z - anchor->z)});
    }
    mesh.indices = triangles.indices;
    return mesh;
}

Result<Model> read(const QString& path, const ModelReadOptions& options, Model& model)
{
    auto progress = [&options](double f) {
        if (options.progress)
            options.progress(std::clamp(f, 0.0, 1.0));
    };
    progress(0.0);
    QElapsedTimer timer;
    timer.start();
    auto file = loadIfcFile(path, options.cancel, [&](double f) { progress(0.1 * f); });
    if (!file)
        return file.status();
    if (options.cancel.isCancelled())
        return cancelled();
    progress(0.1);
    const qint64 parseMs = timer.elapsed();
    auto geo = IfcGeoreference::create(*file, options);
    if (!geo)
        return geo.status();
    model.sourceCrs = geo->description();
    for (const QString& w : geo->warnings())
        addWarning(model, w);
    for (const QString& e : file->errors)
        addWarning(model, QStringLiteral("parse: ") + e);

    const qint64 geometryStart = timer.elapsed();
    auto geometry = IfcGeometry::convert(*file, options.cancel, [&](double f) { progress(0.1 + 0.7 * f); });
    if (!geometry)
        return geometry.status();
    const qint64 geometryMs = timer.elapsed() - geometryStart;
    for (const QString& e : geometry->errors())
        addWarning(model, QStringLiteral("geometry: ") + e);

    const std::vector<IfcTreeNode> tree = ifcSpatialTree(*file->model);
    std::vector<std::vector<IfcTriangles>> shapes(tree.size());
    std::vector<bool> keep(tree.size(), false);
    // Children follow their parents: a reverse pass sees every subtree before its root.
    for (size_t i = tree.size(); i-- > 0;) {
        shapes[i] = geometry->triangles(tree[i].object->m_entity_id);
        const auto outside = std::remove_if(shapes[i].begin(), shapes[i].end(),
                                            [](const IfcTriangles& t) { return !inRange(t); });
        if (outside != shapes[i].end()) {
            addWarning(model, QStringLiteral("%1 %2: coordinates beyond %3 km ignored")
                                  .arg(QString::fromLatin1(tree[i].object->className()),
                                       ifcGlobalId(*tree[i].object))
                                  .arg(kMaxCoordinate / 1000));
            shapes[i].erase(outside, shapes[i].end());
        }
        keep[i] = keep[i] || tree[i].spatial || !shapes[i].empty();
        if (keep[i] && tree[i].parent >= 0)
            keep[tree[i].parent] = true;
        if (shapes[i].empty() && geometry->hasShapeData(tree[i].object->m_entity_id)) {
            ++model.skippedElements;
            addWarning(model, QStringLiteral("%1 %2: no geometry")
                                  .arg(QString::fromLatin1(tree[i].object->className()),
                                       ifcGlobalId(*tree[i].object)));
        }
    }
    std::vector<std::int64_t> featureOf(tree.size(), -1);
    for (size_t i = 0; i < tree.size(); ++i) {
        if (!keep[i])
            continue;
        if (i % 256 == 0) {
            if (options.cancel.isCancelled())
                return cancelled();
            progress(0.8 + 0.2 * double(i) / double(tree.size()));
        }
        const IfcObjectDefinition& object = *tree[i].object;
        ModelFeature feature;
        feature.id = std::int64_t(model.features.size());
        feature.parent = tree[i].parent >= 0 ? featureOf[tree[i].parent] : -1;
        feature.externalId = ifcGlobalId(object);
        feature.type = QString::fromLatin1(object.className());
        feature.name = ifcName(object);
        feature.attributes = ifcAttributes(object, file->lengthToMetre);
        featureOf[i] = feature.id;
        for (const IfcTriangles& triangles : shapes[i]) {
            auto mesh = toMesh(triangles, *geo);
            if (!mesh)
                return Status::error(Status::Code::Unsupported,
                                     QStringLiteral("cannot transform %1 into %2")
                                         .arg(geo->description(), options.projectCrs));
            mesh->feature = feature.id;
            mesh->colour = meshColour(triangles, feature.type);
            model.meshes.push_back(std::move(*mesh));
        }
        model.features.push_back(std::move(feature));
    }
    if (model.meshes.empty()) {
        const QString why =
            file->errors.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(file->errors.first());
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("no elements: no IfcProduct with geometry%1").arg(why));
    }
    model.computeBounds();
    progress(1.0);
    qCInfo(lcGis).noquote() << QStringLiteral("%1: %2 features, %3 meshes, %4 triangles, %5 skipped (%6); "
                                              "parse %7 ms, geometry %8 ms, total %9 ms")
                                   .arg(model.name)
                                   .arg(model.features.size())
                                   .arg(model.meshes.size())
                                   .arg(model.triangleCount())
                                   .arg(model.skippedElements)
                                   .arg(model.sourceCrs)
                                   .arg(parseMs)
                                   .arg(geometryMs)
                                   .arg(timer.elapsed());
    return std::move(model);
}

} // namespace

Result<Model> readIfc(const QString& path, const ModelReadOptions& options)
{
    Model model;
    model.name = QFileInfo(path).fileName();
    std::lock_guard lock(ifcMutex());
    const CNumericLocale numbers;
    Result<Model> result = Status::error(Status::Code::Internal, QStringLiteral("not read"));
    try {
        result = read(path, options, model);
    } catch (const std::exception& e) {
        result =
            Status::error(Status::Code::FormatError,
                          QStringLiteral("IfcPlusPlus failed: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        result = Status::error(Status::Code::FormatError, QStringLiteral("IfcPlusPlus failed"));
    }
    if (!result)
        return result.status().code() == Status::Code::Cancelled ? result.status()
                                                                 : result.status().withContext(model.name);
    return result;
}

} // namespace citytwin::gis
