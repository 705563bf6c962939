#pragma once

namespace citytwin::data {

//! Longitude/latitude in degrees (x = lon, y = lat, always), height in metres.
struct GeoPoint
{
    double lon = 0.0;
    double lat = 0.0;
    double height = 0.0;
    bool operator==(const GeoPoint&) const = default;
};

//! A position in the project's projected CRS (x = easting, y = northing, z = height), metres.
struct ProjectedPoint
{
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;
    bool operator==(const ProjectedPoint&) const = default;
};

//! A position in the scene's local frame: projected minus the project origin; x east, y north, z up.
struct LocalPoint
{
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;
    bool operator==(const LocalPoint&) const = default;
};

//! Axis-aligned rectangle in projected or local coordinates.
struct Extent2D
{
    double minX = 0.0;
    double minY = 0.0;
    double maxX = 0.0;
    double maxY = 0.0;

    bool isEmpty() const { return !(maxX > minX && maxY > minY); }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    double centerX() const { return 0.5 * (minX + maxX); }
    double centerY() const { return 0.5 * (minY + maxY); }
    bool contains(double x, double y) const { return x >= minX && x <= maxX && y >= minY && y <= maxY; }
    bool operator==(const Extent2D&) const = default;
};

} // namespace citytwin::data
