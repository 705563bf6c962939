#include "scene/FeatureStyler.h"

#include "scene/FeatureId.h"
#include "scene/FeatureProgram.h"
#include "scene/NodeState.h"

#include <algorithm>
#include <cmath>
#include <osg/Geometry>
#include <osg/PolygonMode>
#include <vector>

namespace citytwin::scene {

namespace {

const char* const kStateName = "citytwin.featureStyle";
constexpr std::uint8_t kOverride = 255;
constexpr std::uint8_t kKeep = 128;
constexpr std::uint8_t kHidden = 0;

//! The colours and hidden set last given for a node, kept on it so that hiding keeps the
//! colours and colouring keeps the hidden features.
class FeatureStyleState : public osg::Object
{
public:
    FeatureStyleState() = default;
    FeatureStyleState(const FeatureStyleState& other, const osg::CopyOp& op = osg::CopyOp::SHALLOW_COPY)
        : osg::Object(other, op), colours(other.colours), hidden(other.hidden)
    {
    }
    META_Object(citytwin, FeatureStyleState); // the ';' only keeps clang-format from indenting on

    std::unordered_map<std::int64_t, osg::Vec4f> colours;
    std::unordered_set<std::int64_t> hidden;
};

FeatureStyleState& styleState(osg::Node& node)
{
    return nodeState<FeatureStyleState>(node, kStateName);
}

std::uint8_t toByte(float v)
{
    return std::uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

osg::Vec4ub styleValue(const FeatureStyleState& state, std::optional<std::int64_t> id)
{
    if (!id)
        return {0, 0, 0, kKeep};
    const auto colour = state.colours.find(*id);
    osg::Vec4ub value(0, 0, 0, kKeep);
    if (colour != state.colours.end())
        value.set(toByte(colour->second.r()), toByte(colour->second.g()), toByte(colour->second.b()),
                  kOverride);
    if (state.hidden.count(*id))
        value.a() = kHidden;
    return value;
}

//! The ct_style array of GEOMETRY, created (all "keep") when absent or of the wrong size.
osg::Vec4ubArray* styleArray(osg::Geometry& geometry)
{
    const unsigned n = geometry.getVertexArray()->getNumElements();
    auto* array = dynamic_cast<osg::Vec4ubArray*>(geometry.getVertexAttribArray(featureAttrib::kStyle));
    if (array && array->size() == n)
        return array;
    osg::ref_ptr<osg::Vec4ubArray> created = new osg::Vec4ubArray;
    created->assign(n, osg::Vec4ub(0, 0, 0, kKeep));
    created->setNormalize(true);
    geometry.setVertexAttribArray(featureAttrib::kStyle, created, osg::Array::BIND_PER_VERTEX);
    return created.get();
}

//! Rewrites the ct_style values of every feature geometry under NODE from its state.
void applyStyle(osg::Node& node)
{
    const FeatureStyleState& state = styleState(node);
    const bool styled = !state.colours.empty() || !state.hidden.empty();
    const std::vector<osg::Geometry*> geometries = featureGeometries(node);
    // One uniform for all: the root of each builder's output says false for unstyled geometry.
    osg::ref_ptr<osg::Uniform> flag = new osg::Uniform("ct_styled", styled);
    for (osg::Geometry* geometry : geometries) {
        const bool hasArray = geometry->getVertexAttribArray(featureAttrib::kStyle) != nullptr;
        if (!styled && !hasArray)
            continue; // nothing to restore: never styled
        osg::Vec4ubArray* array = styleArray(*geometry);
        featureIdTable(geometry)->forEachRun(
            unsigned(array->size()), [&](unsigned first, unsigned last, std::optional<std::int64_t> id) {
                std::fill(array->begin() + first, array->begin() + last, styleValue(state, id));
            });
        array->dirty();
        geometry->getOrCreateStateSet()->addUniform(flag);
    }
}

} // namespace

void setFeatureColours(osg::Node* node, const std::unordered_map<std::int64_t, osg::Vec4f>& colours)
{
    if (!node)
        return;
    styleState(*node).colours = colours;
    applyStyle(*node);
}

void setFeaturesHidden(osg::Node* node, const std::unordered_set<std::int64_t>& hidden)
{
    if (!node)
        return;
    styleState(*node).hidden = hidden;
    applyStyle(*node);
}

void setWireframe(osg::Node* node, bool wireframe)
{
    if (!node)
        return;
    osg::StateSet* ss = node->getOrCreateStateSet();
    if (wireframe)
        ss->setAttributeAndModes(
            new osg::PolygonMode(osg::PolygonMode::FRONT_AND_BACK, osg::PolygonMode::LINE));
    else
        ss->removeAttribute(osg::StateAttribute::POLYGONMODE);
}

void setFeatureHighlight(osg::Node* node, std::optional<std::int64_t> id)
{
    if (!node)
        return;
    osg::StateSet* ss = node->getOrCreateStateSet();
    osg::Uniform* uniform = ss->getOrCreateUniform("ct_highlightId", osg::Uniform::FLOAT);
    uniform->set(id ? float(*id) : -1.0f);
    // OVERRIDE: the roots of models below NODE (tiles of a TilesetNode) carry their own -1.
    ss->addUniform(uniform, osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
}

bool featureHiddenAt(const osg::Drawable* drawable, unsigned vertexIndex)
{
    const osg::Geometry* geometry = drawable ? drawable->asGeometry() : nullptr;
    if (!geometry)
        return false;
    const auto* style =
        dynamic_cast<const osg::Vec4ubArray*>(geometry->getVertexAttribArray(featureAttrib::kStyle));
    const osg::StateSet* ss = geometry->getStateSet();
    const osg::Uniform* flag = ss ? ss->getUniform("ct_styled") : nullptr;
    bool styled = false;
    if (!style || vertexIndex >= style->size() || !flag || !flag->get(styled) || !styled)
        return false;
    return (*style)[vertexIndex].a() < 64; // the shader's threshold: a < 0.25
}

} // namespace citytwin::scene
