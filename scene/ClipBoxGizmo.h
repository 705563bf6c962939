#pragma once

#include "scene/CutAway.h"

#include <optional>
#include <osg/Group>
#include <osg/ref_ptr>
#include <string>

namespace citytwin::scene {

//! A face of a clip box: the axis and which end.
enum class BoxFace { MinX, MaxX, MinY, MaxY, MinZ, MaxZ };

//! Prefix of the handles' node names ("clipBoxHandle.maxX" …): Picker::pick() reports it as nodeName.
inline constexpr const char* kClipBoxHandlePrefix = "clipBoxHandle.";

//! "minX" … "maxZ".
std::string boxFaceName(BoxFace face);
//! The face a handle node NAME (kClipBoxHandlePrefix + boxFaceName) stands for; nullopt for any other name.
std::optional<BoxFace> boxFaceFromNodeName(const std::string& name);
//! The centre of FACE of BOX.
osg::Vec3d boxFaceCentre(const ClipBox& box, BoxFace face);
//! The outward unit normal of FACE (e.g. +x for MaxX, -x for MinX).
osg::Vec3d boxFaceNormal(BoxFace face);
//! BOX with FACE moved OFFSET metres outward (negative: inward); the box keeps at least MINSIZE
//! metres along that axis.
ClipBox moveBoxFace(const ClipBox& box, BoxFace face, double offset, double minSize = 0.5);

//! The clip box drawn for editing: its 12 edges and a handle (a small cube) at each face centre,
//! named kClipBoxHandlePrefix + face so a pick tells which face was grabbed. Drawn on top of the
//! scene (no depth test, late bin), unlit, never cut away. node() goes into CityScene's analysis group.
class ClipBoxGizmo
{
public:
    ClipBoxGizmo();

    //! The group named "clipBox".
    osg::Group* node() const { return m_node.get(); }
    //! Rebuilds the edges and handles around BOX.
    void setBox(const ClipBox& box);
    const ClipBox& box() const { return m_box; }
    //! Edge length of the handle cubes for the current box (a tenth of its smallest side, 0.3…20 m).
    double handleSize() const;

private:
    osg::ref_ptr<osg::Group> m_node;
    ClipBox m_box;
};

} // namespace citytwin::scene
