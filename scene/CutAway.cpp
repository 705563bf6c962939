#include "scene/CutAway.h"

#include <algorithm>
#include <limits>

namespace citytwin::scene {

namespace {

const char* const kBoxOn = "ct_cutBoxOn";
const char* const kBoxMin = "ct_cutBoxMin";
const char* const kBoxMax = "ct_cutBoxMax";
const char* const kPitCount = "ct_cutPitCount";
const char* const kPitRect = "ct_cutPitRect";
const char* const kPitBottom = "ct_cutPitBottom";
const char* const kPitRing = "ct_cutPit";

//! Crossing number of P against RING (the same edge rule as shaders/cutaway.frag).
bool insideRing(const std::vector<osg::Vec2d>& ring, double x, double y)
{
    bool inside = false;
    osg::Vec2d b = ring.back();
    for (const osg::Vec2d& a : ring) {
        if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x())
            inside = !inside;
        b = a;
    }
    return inside;
}

//! At most kMaxPitVertices of RING's vertices, evenly spread, in order.
std::vector<osg::Vec2d> thinned(const std::vector<osg::Vec2d>& ring)
{
    if (int(ring.size()) <= kMaxPitVertices)
        return ring;
    std::vector<osg::Vec2d> out;
    out.reserve(kMaxPitVertices);
    for (int i = 0; i < kMaxPitVertices; ++i)
        out.push_back(ring[size_t(double(i) * double(ring.size()) / kMaxPitVertices)]);
    return out;
}

} // namespace

bool ClipBox::contains(const osg::Vec3d& p) const
{
    return p.x() >= min.x() && p.y() >= min.y() && p.z() >= min.z() && p.x() <= max.x() && p.y() <= max.y() &&
           p.z() <= max.z();
}

bool ClipBox::isValid() const
{
    return min.x() < max.x() && min.y() < max.y() && min.z() < max.z();
}

bool ExcavationPit::contains(const osg::Vec3d& p) const
{
    if (!isValid() || p.z() < bottomZ)
        return false;
    return insideRing(ring, p.x(), p.y());
}

bool ExcavationPit::isValid() const
{
    return ring.size() >= 3 && int(ring.size()) <= kMaxPitVertices;
}

CutAway::CutAway()
    : m_applies(new osg::Uniform(kCutAppliesUniform, true)), m_boxOn(new osg::Uniform(kBoxOn, false)),
      m_boxMin(new osg::Uniform(kBoxMin, osg::Vec3f())), m_boxMax(new osg::Uniform(kBoxMax, osg::Vec3f())),
      m_pitCount(new osg::Uniform(kPitCount, 0)), m_pitRect(new osg::Uniform(kPitRect, osg::Vec4f())),
      m_pitBottom(new osg::Uniform(kPitBottom, 0.0f)),
      m_pitRing(new osg::Uniform(osg::Uniform::FLOAT_VEC2, kPitRing, kMaxPitVertices))
{
    // Every element set: a uniform array with unset elements is not uploaded by OSG.
    for (int i = 0; i < kMaxPitVertices; ++i)
        m_pitRing->setElement(unsigned(i), osg::Vec2f());
}

void CutAway::attach(osg::StateSet& ss)
{
    osg::ref_ptr<osg::StateSet> previous;
    if (m_attached.lock(previous) && previous.get() != &ss)
        detach(*previous);
    for (const osg::ref_ptr<osg::Uniform>& u : uniforms())
        ss.addUniform(u);
    ss.addUniform(m_applies);
    m_attached = &ss;
    updateDefine();
}

void CutAway::detach(osg::StateSet& ss)
{
    for (const osg::ref_ptr<osg::Uniform>& u : uniforms())
        ss.removeUniform(u);
    ss.removeUniform(m_applies);
    ss.removeDefine(kCutAwayDefine);
    if (m_attached.get() == &ss)
        m_attached = nullptr;
}

std::vector<osg::ref_ptr<osg::Uniform>> CutAway::uniforms() const
{
    return {m_boxOn, m_boxMin, m_boxMax, m_pitCount, m_pitRect, m_pitBottom, m_pitRing};
}

void CutAway::setClipBox(const std::optional<ClipBox>& box)
{
    m_box = box && box->isValid() ? box : std::nullopt;
    updateUniforms();
}

void CutAway::setPit(const std::optional<ExcavationPit>& pit)
{
    m_pit.reset();
    if (pit) {
        ExcavationPit p = *pit;
        if (p.ring.size() > 1 && p.ring.front() == p.ring.back())
            p.ring.pop_back(); // a closed ring's repeated vertex adds a zero-length edge
        p.ring = thinned(p.ring);
        if (p.isValid())
            m_pit = std::move(p);
    }
    updateUniforms();
}

void CutAway::clear()
{
    m_box.reset();
    m_pit.reset();
    updateUniforms();
}

bool CutAway::cuts(const osg::Vec3d& p) const
{
    return (m_box && m_box->contains(p)) || (m_pit && m_pit->contains(p));
}

void CutAway::updateUniforms()
{
    m_boxOn->set(m_box.has_value());
    m_boxMin->set(m_box ? osg::Vec3f(m_box->min) : osg::Vec3f());
    m_boxMax->set(m_box ? osg::Vec3f(m_box->max) : osg::Vec3f());
    const int count = m_pit ? int(m_pit->ring.size()) : 0;
    m_pitCount->set(count);
    m_pitBottom->set(m_pit ? float(m_pit->bottomZ) : 0.0f);
    osg::Vec4f rect;
    if (m_pit) {
        const double inf = std::numeric_limits<double>::infinity();
        double minX = inf, minY = inf, maxX = -inf, maxY = -inf;
        for (const osg::Vec2d& v : m_pit->ring) {
            minX = std::min(minX, v.x());
            minY = std::min(minY, v.y());
            maxX = std::max(maxX, v.x());
            maxY = std::max(maxY, v.y());
        }
        rect.set(float(minX), float(minY), float(maxX), float(maxY));
    }
    m_pitRect->set(rect);
    for (int i = 0; i < kMaxPitVertices; ++i)
        m_pitRing->setElement(unsigned(i), i < count ? osg::Vec2f(m_pit->ring[size_t(i)]) : osg::Vec2f());
    updateDefine();
}

void CutAway::updateDefine()
{
    osg::ref_ptr<osg::StateSet> ss;
    if (!m_attached.lock(ss))
        return;
    if (isActive())
        ss->setDefine(kCutAwayDefine);
    else
        ss->removeDefine(kCutAwayDefine);
}

void setCutApplies(osg::StateSet& ss, bool applies)
{
    if (osg::Uniform* u = ss.getUniform(kCutAppliesUniform))
        u->set(applies);
    else
        ss.addUniform(new osg::Uniform(kCutAppliesUniform, applies));
}

bool cutAwayOnPath(const osg::NodePath& path, const osg::Vec3d& p)
{
    // The uniforms in effect at the end of PATH: a state set lower on the path wins.
    auto find = [&](const char* name) -> const osg::Uniform* {
        for (auto it = path.rbegin(); it != path.rend(); ++it)
            if (const osg::StateSet* ss = (*it)->getStateSet())
                if (const osg::Uniform* u = ss->getUniform(name))
                    return u;
        return nullptr;
    };
    bool applies = false;
    if (const osg::Uniform* u = find(kCutAppliesUniform); !u || !u->get(applies) || !applies)
        return false;
    bool boxOn = false;
    if (const osg::Uniform* on = find(kBoxOn); on && on->get(boxOn) && boxOn) {
        osg::Vec3f lo, hi;
        const osg::Uniform* mn = find(kBoxMin);
        const osg::Uniform* mx = find(kBoxMax);
        if (mn && mx && mn->get(lo) && mx->get(hi) && ClipBox{osg::Vec3d(lo), osg::Vec3d(hi)}.contains(p))
            return true;
    }
    int count = 0;
    const osg::Uniform* countU = find(kPitCount);
    const osg::Uniform* ringU = find(kPitRing);
    const osg::Uniform* bottomU = find(kPitBottom);
    if (!countU || !ringU || !bottomU || !countU->get(count) || count < 3)
        return false;
    ExcavationPit pit;
    float bottom = 0;
    bottomU->get(bottom);
    pit.bottomZ = bottom;
    for (int i = 0; i < std::min(count, kMaxPitVertices); ++i) {
        osg::Vec2f v;
        ringU->getElement(unsigned(i), v);
        pit.ring.emplace_back(v);
    }
    return pit.contains(p);
}

} // namespace citytwin::scene
