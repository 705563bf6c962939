#version 120
#pragma import_defines(CT_CUTAWAY)
// The cut-away test shared by the terrain, building and model fragment shaders (linked into their
// programs as a second fragment shader: GLSL 1.20 has no #include). scene/CutAway.h sets the
// uniforms on the scene root; layers that are never cut (pipes, manholes, underground spaces)
// set ct_cutApplies false. scene/CutAway.cpp mirrors this test on the CPU (picking, tests).
// CT_CUTAWAY is defined (osg::StateSet::setDefine on the scene root) only while a box or pit is
// set: without it the test compiles to "false" and the callers' discard is optimised away, since
// llvmpipe would otherwise pay for the whole test, loop included, on every fragment.
#ifdef CT_CUTAWAY
uniform bool ct_cutApplies;    // false: this subgraph is never cut
uniform bool ct_cutBoxOn;
uniform vec3 ct_cutBoxMin;     // local frame
uniform vec3 ct_cutBoxMax;
uniform int ct_cutPitCount;    // ring vertices, 0: no pit
uniform vec4 ct_cutPitRect;    // the ring's bounding rectangle: min x, min y, max x, max y
uniform float ct_cutPitBottom; // the pit removes what lies inside the ring above this height
uniform vec2 ct_cutPit[64];    // the ring (not closed), local x/y
uniform mat4 osg_ViewMatrixInverse;
#endif

//! True when the fragment at eye-space position EYE lies inside the clip box or the pit.
bool ct_cutAway(vec3 eye)
{
#ifndef CT_CUTAWAY
    return false;
#else
    // Nothing cut (the usual case): one uniform test, before any per-fragment arithmetic.
    if (!ct_cutApplies || (!ct_cutBoxOn && ct_cutPitCount < 3))
        return false;
    vec3 p = (osg_ViewMatrixInverse * vec4(eye, 1.0)).xyz;
    // The box first: three comparisons decide it.
    if (ct_cutBoxOn && all(greaterThanEqual(p, ct_cutBoxMin)) && all(lessThanEqual(p, ct_cutBoxMax)))
        return true;
    // The pit's bounding rectangle rejects almost every fragment before the polygon loop.
    if (ct_cutPitCount < 3 || p.z < ct_cutPitBottom || p.x < ct_cutPitRect.x || p.y < ct_cutPitRect.y ||
        p.x > ct_cutPitRect.z || p.y > ct_cutPitRect.w)
        return false;
    // Crossing number over the ring's edges (j is the previous vertex).
    bool inside = false;
    vec2 b = ct_cutPit[ct_cutPitCount - 1];
    for (int i = 0; i < 64; ++i) {
        if (i >= ct_cutPitCount)
            break;
        vec2 a = ct_cutPit[i];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
        b = a;
    }
    return inside;
#endif
}
