#pragma once
// Test helpers of tst_realbasemap: a raster's own colours read with GDAL at project-CRS points, and
// colour averages/distances of rendered images.
#include "gis/CrsTransformer.h"

#include <QColor>
#include <QImage>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gdal_priv.h>
#include <memory>
#include <ogr_spatialref.h>
#include <optional>

namespace citytwin::test {

//! Mean colour of the (2R+1)² pixels around (COL, ROW).
inline QColor meanColour(const QImage& image, int col, int row, int r = 1)
{
    double sum[3] = {0, 0, 0};
    int n = 0;
    for (int y = row - r; y <= row + r; ++y)
        for (int x = col - r; x <= col + r; ++x)
            if (image.valid(x, y)) {
                const QRgb p = image.pixel(x, y);
                sum[0] += qRed(p);
                sum[1] += qGreen(p);
                sum[2] += qBlue(p);
                ++n;
            }
    if (n == 0)
        return {};
    return QColor(int(sum[0] / n + 0.5), int(sum[1] / n + 0.5), int(sum[2] / n + 0.5));
}

inline double colourDistance(const QColor& a, const QColor& b)
{
    return (std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue())) /
           3.0;
}

//! Reads a raster's own RGB pixels (GDAL, nearest pixel) at points given in the project CRS.
class FileSampler
{
public:
    static data::Result<FileSampler> open(const QString& path, const QString& projectCrs)
    {
        FileSampler s;
        s.m_ds.reset(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!s.m_ds || s.m_ds->GetRasterCount() < 3 || s.m_ds->GetGeoTransform(s.m_gt) != CE_None ||
            !s.m_ds->GetSpatialRef())
            return data::Status::error(data::Status::Code::IoError,
                                       path + QStringLiteral(": not a georeferenced RGB raster"));
        const OGRSpatialReference* srs = s.m_ds->GetSpatialRef();
        const QString crs = QStringLiteral("%1:%2").arg(QString::fromUtf8(srs->GetAuthorityName(nullptr)),
                                                        QString::fromUtf8(srs->GetAuthorityCode(nullptr)));
        auto toFile = gis::CrsTransformer::create(projectCrs, crs);
        if (!toFile)
            return toFile.status();
        s.m_toFile = std::move(*toFile);
        return s;
    }

    //! The file's colour at projected (X, Y), nullopt outside the file or where it is transparent.
    std::optional<QColor> colourAt(double x, double y) const
    {
        const auto p = m_toFile->forward({x, y, 0.0});
        if (!p)
            return std::nullopt;
        // North-up files (all of ours): invert the geotransform axis by axis; interpolate the 2×2
        // pixels around the point bilinearly, as the GPU filters the drawn texture.
        const double fc = (p->x - m_gt[0]) / m_gt[1] - 0.5;
        const double fr = (p->y - m_gt[3]) / m_gt[5] - 0.5;
        const int w = m_ds->GetRasterXSize(), h = m_ds->GetRasterYSize();
        if (fc < -0.5 || fr < -0.5 || fc > w - 0.5 || fr > h - 0.5)
            return std::nullopt;
        const int c0 = std::clamp(int(std::floor(fc)), 0, w - 2);
        const int r0 = std::clamp(int(std::floor(fr)), 0, h - 2);
        const double tc = std::clamp(fc - c0, 0.0, 1.0), tr = std::clamp(fr - r0, 0.0, 1.0);
        const int bands = std::min(m_ds->GetRasterCount(), 4);
        std::uint8_t v[2][2][4] = {};
        int bandList[4] = {1, 2, 3, 4};
        if (m_ds->RasterIO(GF_Read, c0, r0, 2, 2, v, 2, 2, GDT_Byte, bands, bandList, 4, 8, 1, nullptr) !=
            CE_None)
            return std::nullopt;
        double rgb[3] = {0, 0, 0};
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) {
                if (bands == 4 && v[r][c][3] < 255)
                    return std::nullopt; // transparent (or its edge): the ground colour shows there
                const double weight = (r ? tr : 1.0 - tr) * (c ? tc : 1.0 - tc);
                for (int b = 0; b < 3; ++b)
                    rgb[b] += weight * v[r][c][b];
            }
        return QColor(int(rgb[0] + 0.5), int(rgb[1] + 0.5), int(rgb[2] + 0.5));
    }

private:
    std::shared_ptr<GDALDataset> m_ds;
    double m_gt[6] = {0, 1, 0, 0, 0, -1};
    std::optional<gis::CrsTransformer> m_toFile;
};

} // namespace citytwin::test
