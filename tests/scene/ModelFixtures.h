#pragma once

// Synthetic data::Model inputs for the model suites (tst_modelbuilder, tst_featurestyler,
// tst_modelrender): a box house with a red roof and grey walls, quads, textures.

#include "SceneFixtures.h"
#include "data/Model.h"

#include <array>
#include <cstdint>
#include <vector>

namespace citytwin::test {

inline constexpr std::int64_t kHouseId = 0;
inline constexpr std::int64_t kRoofId = 1;
inline constexpr std::int64_t kWallsId = 2;
inline constexpr std::array<float, 4> kRoofColour{0.85f, 0.10f, 0.10f, 1.0f};
inline constexpr std::array<float, 4> kWallColour{0.60f, 0.60f, 0.60f, 1.0f};

//! Project point at local (X, Y, Z) of the fixture origin.
inline data::ProjectedPoint fixturePoint(double x, double y, double z)
{
    const data::ProjectedPoint o = fixtureOrigin();
    return {o.x + x, o.y + y, o.z + z};
}

//! A horizontal rectangle [X0,X1]×[Y0,Y1] at height Z (relative to ANCHOR), counter-clockwise
//! from above (or clockwise with FLIPPED). Texture coordinates: north-west corner (0, 0),
//! south-east (1, 1): v grows southwards, i.e. down the image.
inline data::ModelMesh quadMesh(const data::ProjectedPoint& anchor, float x0, float y0, float x1, float y1,
                                float z, std::int64_t feature, std::array<float, 4> colour,
                                bool flipped = false)
{
    data::ModelMesh m;
    m.anchor = anchor;
    m.positions = {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z};
    m.texCoords = {0, 1, 1, 1, 1, 0, 0, 0};
    m.indices =
        flipped ? std::vector<std::uint32_t>{0, 2, 1, 0, 3, 2} : std::vector<std::uint32_t>{0, 1, 2, 0, 2, 3};
    m.feature = feature;
    m.colour = colour;
    return m;
}

//! The four walls of a box W×D×H centred on ANCHOR (base at the anchor's height), wound
//! counter-clockwise from outside, no normals.
inline data::ModelMesh wallsMesh(const data::ProjectedPoint& anchor, float w, float d, float h,
                                 std::int64_t feature, std::array<float, 4> colour)
{
    data::ModelMesh m;
    m.anchor = anchor;
    const float x0 = -w / 2, x1 = w / 2, y0 = -d / 2, y1 = d / 2;
    const float corners[4][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}; // counter-clockwise from above
    for (int i = 0; i < 4; ++i) {
        const float* a = corners[i];
        const float* b = corners[(i + 1) % 4];
        const auto base = std::uint32_t(m.positions.size() / 3);
        m.positions.insert(m.positions.end(), {a[0], a[1], 0, b[0], b[1], 0, b[0], b[1], h, a[0], a[1], h});
        m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    m.feature = feature;
    m.colour = colour;
    return m;
}

//! A CityGML-like box house W×D×H at local (CX, CY, baseZ): Building 0 with RoofSurface 1
//! (red, flat roof) and WallSurface 2 (grey walls).
inline data::Model boxHouse(double cx, double cy, double baseZ, float w = 20, float d = 16, float h = 10)
{
    data::Model model;
    model.name = QStringLiteral("box house");
    model.features = {{kHouseId,
                       -1,
                       QStringLiteral("house-1"),
                       QStringLiteral("Building"),
                       QStringLiteral("House"),
                       {{QStringLiteral("storeys"), QStringLiteral("3")}}},
                      {kRoofId, kHouseId, QStringLiteral("roof-1"), QStringLiteral("RoofSurface"), {}, {}},
                      {kWallsId,
                       kHouseId,
                       QStringLiteral("walls-1"),
                       QStringLiteral("WallSurface"),
                       {},
                       {{QStringLiteral("material"), QStringLiteral("brick")}}}};
    const data::ProjectedPoint anchor = fixturePoint(cx, cy, baseZ);
    model.meshes.push_back(wallsMesh(anchor, w, d, h, kWallsId, kWallColour));
    model.meshes.push_back(quadMesh(anchor, -w / 2, -d / 2, w / 2, d / 2, h, kRoofId, kRoofColour));
    model.computeBounds();
    return model;
}

//! A W×H RGBA texture, rows 0..H/2-1 (the top half) TOP, the rest BOTTOM.
inline data::ModelTexture twoBandTexture(int w, int h, std::array<std::uint8_t, 4> top,
                                         std::array<std::uint8_t, 4> bottom)
{
    data::ModelTexture t;
    t.width = w;
    t.height = h;
    t.rgba.reserve(std::size_t(w) * std::size_t(h) * 4);
    for (int row = 0; row < h; ++row)
        for (int col = 0; col < w; ++col)
            for (std::uint8_t c : (row < h / 2 ? top : bottom))
                t.rgba.push_back(c);
    return t;
}

} // namespace citytwin::test
