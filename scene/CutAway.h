#pragma once

#include <optional>
#include <osg/Node>
#include <osg/StateSet>
#include <osg/Uniform>
#include <osg/Vec2d>
#include <osg/Vec3d>
#include <osg/observer_ptr>
#include <osg/ref_ptr>
#include <vector>

namespace citytwin::scene {

//! The most ring vertices an excavation pit has on the GPU (a uniform array of this size).
inline constexpr int kMaxPitVertices = 64;
//! The uniform a subgraph sets false to be never cut (pipes, manholes, underground spaces, analysis graphics).
inline constexpr const char* kCutAppliesUniform = "ct_cutApplies";
//! The shader define (#pragma import_defines in shaders/cutaway.frag) that compiles the cut-away
//! test in; while no box or pit is set it is absent and the test compiles to "false", so an
//! unused cut-away costs the fragment shaders nothing (llvmpipe runs both sides of a branch).
inline constexpr const char* kCutAwayDefine = "CT_CUTAWAY";

//! An axis-aligned box in the local frame whose content is cut away.
struct ClipBox
{
    osg::Vec3d min;
    osg::Vec3d max;
    bool operator==(const ClipBox&) const = default;
    //! True when P lies in the box, faces included (the shader's test).
    bool contains(const osg::Vec3d& p) const;
    //! min < max on every axis.
    bool isValid() const;
};

//! A pit dug into the ground: everything inside RING (local x/y) above BOTTOMZ is cut away.
struct ExcavationPit
{
    std::vector<osg::Vec2d> ring; //!< not closed (first != last), either orientation, ≤ kMaxPitVertices
    double bottomZ = 0.0;         //!< local frame height of the pit floor
    bool operator==(const ExcavationPit&) const = default;
    //! True when P lies inside the ring (crossing number) and not below the floor (the shader's test).
    bool contains(const osg::Vec3d& p) const;
    //! At least 3 and at most kMaxPitVertices vertices.
    bool isValid() const;
};

//! The cut-away state of a scene: an optional clip box and an optional excavation pit, kept as
//! uniforms that attach() puts on a state set (CityScene::root()'s). The terrain, building and
//! model shaders discard fragments inside (shaders/cutaway.frag); subgraphs with
//! ct_cutApplies false (setCutApplies) are drawn whole. The attached state set carries the
//! define kCutAwayDefine only while a box or pit is set. Main thread only.
class CutAway
{
public:
    CutAway();

    //! Adds this state's uniforms (ct_cutApplies true there) and, while active, kCutAwayDefine to
    //! SS; later changes reach it. One state set at a time: attaching another detaches the first.
    void attach(osg::StateSet& ss);
    //! Removes this state's uniforms and define from SS.
    void detach(osg::StateSet& ss);

    //! Sets or clears (nullopt) the clip box; an invalid box clears it.
    void setClipBox(const std::optional<ClipBox>& box);
    const std::optional<ClipBox>& clipBox() const { return m_box; }
    //! Sets or clears the pit; a ring of more than kMaxPitVertices vertices is thinned to that many.
    void setPit(const std::optional<ExcavationPit>& pit);
    const std::optional<ExcavationPit>& pit() const { return m_pit; }
    void clear();
    bool isActive() const { return m_box.has_value() || m_pit.has_value(); }

    //! True when local point P is cut away (box or pit), as the shader decides for a cut layer.
    bool cuts(const osg::Vec3d& p) const;

    //! The uniforms but ct_cutApplies (for tests): ct_cutBoxOn, ct_cutBoxMin, ct_cutBoxMax,
    //! ct_cutPitCount, ct_cutPitRect, ct_cutPitBottom, ct_cutPit.
    std::vector<osg::ref_ptr<osg::Uniform>> uniforms() const;

private:
    void updateUniforms();
    void updateDefine();

    std::optional<ClipBox> m_box;
    osg::observer_ptr<osg::StateSet> m_attached;
    std::optional<ExcavationPit> m_pit;
    osg::ref_ptr<osg::Uniform> m_applies;
    osg::ref_ptr<osg::Uniform> m_boxOn;
    osg::ref_ptr<osg::Uniform> m_boxMin;
    osg::ref_ptr<osg::Uniform> m_boxMax;
    osg::ref_ptr<osg::Uniform> m_pitCount;
    osg::ref_ptr<osg::Uniform> m_pitRect;
    osg::ref_ptr<osg::Uniform> m_pitBottom;
    osg::ref_ptr<osg::Uniform> m_pitRing;
};

//! Marks SS's subgraph as cut (true) or never cut (false) by the cut-away (uniform ct_cutApplies).
void setCutApplies(osg::StateSet& ss, bool applies);

//! Whether the cut-away state found on node PATH (the uniforms of its state sets, the last one
//! wins, as in the shaders) cuts local point P: the picker's mirror of the shader test.
bool cutAwayOnPath(const osg::NodePath& path, const osg::Vec3d& p);

} // namespace citytwin::scene
