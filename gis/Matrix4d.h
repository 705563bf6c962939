#pragma once

#include <array>
#include <cmath>

namespace citytwin::gis {

//! A 4x4 affine transform stored column-major, as glTF node matrices and 3D Tiles tile
//! transforms are: element (row r, column c) is m[c * 4 + r].
using Matrix4d = std::array<double, 16>;

inline constexpr Matrix4d kIdentity4d{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

//! A * B (B applied first).
inline Matrix4d multiply(const Matrix4d& a, const Matrix4d& b)
{
    Matrix4d out{};
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) {
            double sum = 0.0;
            for (int k = 0; k < 4; ++k)
                sum += a[k * 4 + r] * b[c * 4 + k];
            out[c * 4 + r] = sum;
        }
    return out;
}

//! M * (x, y, z, 1), in place.
inline void transformPoint(const Matrix4d& m, double& x, double& y, double& z)
{
    const double tx = m[0] * x + m[4] * y + m[8] * z + m[12];
    const double ty = m[1] * x + m[5] * y + m[9] * z + m[13];
    const double tz = m[2] * x + m[6] * y + m[10] * z + m[14];
    x = tx;
    y = ty;
    z = tz;
}

//! Determinant of the upper 3x3 (negative: the transform mirrors, triangle winding flips).
inline double determinant3(const Matrix4d& m)
{
    return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) +
           m[8] * (m[1] * m[6] - m[5] * m[2]);
}

//! The matrix that carries normals: inverse transpose of the upper 3x3, row-major 3x3 result
//! (unnormalised: callers normalise each transformed normal). Identity for a singular matrix.
inline std::array<double, 9> normalMatrix(const Matrix4d& m)
{
    const double det = determinant3(m);
    if (std::abs(det) < 1e-300)
        return {1, 0, 0, 0, 1, 0, 0, 0, 1};
    // Cofactor matrix of the upper 3x3 = det * inverse transpose.
    const double a = m[0], b = m[4], c = m[8];
    const double d = m[1], e = m[5], f = m[9];
    const double g = m[2], h = m[6], i = m[10];
    const double s = 1.0 / det;
    return {s * (e * i - f * h), s * (f * g - d * i), s * (d * h - e * g),
            s * (c * h - b * i), s * (a * i - c * g), s * (b * g - a * h),
            s * (b * f - c * e), s * (c * d - a * f), s * (a * e - b * d)};
}

//! True when every element is a finite number.
inline bool isFinite(const Matrix4d& m)
{
    for (const double v : m)
        if (!std::isfinite(v))
            return false;
    return true;
}

} // namespace citytwin::gis
