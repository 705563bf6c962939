#pragma once

// The geometries (and LODs) of a built scene node with their local-to-world matrices: what the
// builder suites without GL (tst_pipebuilder, tst_facilitybuilder) inspect.
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/Matrixd>
#include <osg/NodeVisitor>
#include <string>
#include <vector>

namespace citytwin::test {

//! A geometry of the built node and its local-to-world matrix.
struct PlacedGeometry
{
    osg::Geometry* geometry;
    osg::Matrixd toWorld;
};

//! Every geometry and LOD below the node it visits.
class GeometryCollector : public osg::NodeVisitor
{
public:
    GeometryCollector() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Geometry& g) override { found.push_back({&g, osg::computeLocalToWorld(getNodePath())}); }
    void apply(osg::LOD& lod) override
    {
        lods.push_back(&lod);
        traverse(lod);
    }
    std::vector<PlacedGeometry> found;
    std::vector<osg::LOD*> lods;
};

//! The geometries and LODs below NODE.
inline GeometryCollector collectGeometries(osg::Node* node)
{
    GeometryCollector c;
    node->accept(c);
    return c;
}

//! The geometries in C named NAME.
inline std::vector<PlacedGeometry> geometriesNamed(const GeometryCollector& c, const std::string& name)
{
    std::vector<PlacedGeometry> out;
    for (const PlacedGeometry& p : c.found)
        if (p.geometry->getName() == name)
            out.push_back(p);
    return out;
}

} // namespace citytwin::test
