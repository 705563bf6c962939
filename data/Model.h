#pragma once

#include "data/Points.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace citytwin::data {

//! The model formats a Model layer can hold (LayerSettings::style "format"; detected from the source).
enum class ModelFormat { CityGml, Ifc, Gltf, Tiles3d, Osgb };
QString toString(ModelFormat format);
bool fromString(const QString& s, ModelFormat& out);

//! One attribute of a model feature: a CityGML (generic) attribute, an IFC property
//! ("Pset_WallCommon.IsExternal"), a glTF extras entry or a 3D Tiles batch-table value.
struct ModelAttribute
{
    QString name;
    QString value;
    bool operator==(const ModelAttribute&) const = default;
};

//! A pickable part of a model: a CityGML building or one of its surfaces, an IFC element,
//! space or storey, a glTF node, a 3D Tiles batch entry.
struct ModelFeature
{
    std::int64_t id = 0;      //!< unique within the layer, >= 0: what picking returns (< 2^24: the shader compares floats)
    std::int64_t parent = -1; //!< id of the containing feature (IFC storey ← space ← element; CityGML building ← surface); -1: a root
    QString externalId;       //!< gml:id, IFC GlobalId, glTF node name, batch id
    QString type;             //!< "Building", "RoofSurface", "IfcWall", "IfcBuildingStorey", "Node", …
    QString name;
    std::vector<ModelAttribute> attributes;
    bool operator==(const ModelFeature&) const = default;

    //! The value of attribute NAME, or nullopt.
    std::optional<QString> attribute(const QString& name) const;
    //! The text of FIELD, what model layers are styled and replayed by: "type", "name", "id"
    //! (externalId) or attribute FIELD ("" when the feature has none).
    QString fieldText(const QString& field) const;
    //! Whether FIELD is one of fieldText()'s built-in fields ("type", "name", "id").
    static bool isBuiltInField(const QString& field);
};

//! FIELD's text (ModelFeature::fieldText) of every feature in FEATURES, keyed by feature id.
std::vector<std::pair<std::int64_t, QString>> modelFieldValues(const std::vector<ModelFeature>& features,
                                                               const QString& field);

//! An RGBA8 texture image of a model, row 0 at the top (as decoded from PNG/JPEG).
struct ModelTexture
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; //!< width*height*4
};

//! Triangles that share one material, in the project frame: vertices are float metres relative
//! to ANCHOR (a point of the project CRS near the mesh), x east, y north, z up. Readers keep
//! meshes small enough for float precision (anchor within a few km of every vertex).
struct ModelMesh
{
    ProjectedPoint anchor;
    std::vector<float> positions;            //!< x,y,z per vertex
    std::vector<float> normals;              //!< x,y,z per vertex; empty: the builder computes flat normals
    std::vector<float> texCoords;            //!< u,v per vertex (v down from the top row); empty: untextured
    std::vector<std::uint32_t> indices;      //!< triangles, counter-clockwise seen from outside
    std::vector<std::int64_t> vertexFeature; //!< feature id per vertex; empty: every vertex is FEATURE's
    std::int64_t feature = -1;               //!< the feature of all vertices when vertexFeature is empty (-1: none)
    std::array<float, 4> colour{0.8f, 0.8f, 0.8f, 1.0f}; //!< material/base colour, linear 0..1 (alpha < 1: translucent)
    int texture = -1;                        //!< index into Model::textures, -1: none

    std::size_t vertexCount() const { return positions.size() / 3; }
    std::size_t triangleCount() const { return indices.size() / 3; }
};

//! A model read by a gis/ reader, already in the project CRS: the unit a Model layer shows.
struct Model
{
    QString name;       //!< for messages and the layer tree: usually the file name
    QString sourceCrs;  //!< what the reader used ("EPSG:25833", "placed: lon 121.0 lat 30.7 …")
    std::vector<ModelFeature> features;
    std::vector<ModelMesh> meshes;
    std::vector<ModelTexture> textures;
    ProjectedPoint boundsMin; //!< of every vertex, project CRS (see computeBounds())
    ProjectedPoint boundsMax;
    QStringList warnings;     //!< non-fatal problems, the first few ("IfcWall 2O2Fr$…: no geometry")
    int skippedElements = 0;  //!< elements that gave no geometry or were unreadable

    //! Sets boundsMin/boundsMax from every mesh vertex; false (bounds untouched) without vertices.
    bool computeBounds();
    std::size_t triangleCount() const;
    //! The feature with ID, or nullptr (linear for unsorted ids; ids equal to the index are O(1)).
    const ModelFeature* feature(std::int64_t id) const;
};

//! Where a model in local coordinates goes (glTF, IFC without a georeferenced site, CityGML
//! without srsName, a user override): the model's (0,0,0) at ORIGIN, its +y axis turned
//! ROTATIONDEG clockwise from true north, uniform SCALE. Local x east / y north / z up
//! (glTF's y-up axes are converted by its reader first).
struct ModelPlacement
{
    GeoPoint origin;                  //!< CGCS2000/WGS84 lon/lat in degrees; height in metres
    bool heightFromTerrain = false;   //!< true: ignore origin.height, stand the model on the terrain at ORIGIN
    double rotationDeg = 0.0;
    double scale = 1.0;
    bool operator==(const ModelPlacement&) const = default;
};
//! {"lon":…, "lat":…, "height":…, "onTerrain":bool, "rotation":…, "scale":…}: how LayerSettings::style
//! keeps a placement (key "placement").
QJsonObject toJson(const ModelPlacement& placement);
//! Reads what toJson wrote; false when lon/lat are missing or out of range, or scale <= 0.
bool fromJson(const QJsonObject& json, ModelPlacement& out);
//! Parses "lon,lat[,height[,rotation[,scale]]]" (the CLI's --placement); height "terrain" or
//! missing stands the model on the terrain.
std::optional<ModelPlacement> parsePlacement(const QString& text);

//! Default colour of a model feature type: CityGML semantic surfaces (roof red-brown, wall light
//! grey, ground dark grey, window light blue, door brown…), IFC classes (walls, slabs, windows,
//! doors, roofs, stairs, spaces translucent), else nullopt (keep the material colour).
std::optional<std::array<float, 4>> defaultTypeColour(const QString& type);

} // namespace citytwin::data
