#pragma once

// RAII for the GDAL/OGR objects gis/ holds; internal to gis/.

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <memory>
#include <ogr_spatialref.h>

namespace citytwin::gis {

using DatasetPtr = GDALDatasetUniquePtr; // closes with GDALClose

struct CoordinateTransformationDeleter
{
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformationPtr =
    std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;

struct GenImgTransformerDeleter
{
    void operator()(void* arg) const { GDALDestroyTransformer(arg); }
};
//! A GDALCreateGenImgProjTransformer2 / approximate transformer argument.
using GenImgTransformerPtr = std::unique_ptr<void, GenImgTransformerDeleter>;

} // namespace citytwin::gis
