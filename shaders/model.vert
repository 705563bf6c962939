#version 120
// City/BIM/photo models (scene/ModelBuilder.cpp): per-vertex normal and colour, optional texture,
// per-vertex feature id for the highlight and an optional per-vertex style (FeatureStyler.h).
attribute float ct_featureId; // location 6 (scene/FeatureProgram.h)
attribute vec4 ct_style;      // location 7: rgb colour, a 1 override / 0.5 keep / 0 hidden
uniform float ct_highlightId; // feature id to highlight, -1 none
uniform bool ct_styled;       // false: ct_style has no array and is ignored
// Feature times (scene/FeatureTimes.h): gl_MultiTexCoord3.xy = (start, end) seconds since the
// scene epoch; drawn while start <= ct_time < end, or start <= ct_time when accumulating.
uniform bool ct_timed;        // false: unit 3 has no array and is ignored
uniform bool ct_timeAccumulate;
uniform float ct_time;        // scene time, seconds since the epoch (CityScene)

varying vec4 v_normalHighlight; // xyz: normal in the model frame; w: 1 highlighted
varying vec4 v_colour;
varying vec3 v_uvPlain;         // xy: texture coordinates; z: 1 sample the texture, 0 style colour
varying vec3 v_eye;             // eye-space position for the cut-away test (cutaway.frag)

void main()
{
    vec4 colour = gl_Color;
    float textured = 1.0;
    // Outside its time span a feature is clipped whole, exactly like a hidden one.
    bool timedOut = ct_timed && (ct_time < gl_MultiTexCoord3.x ||
                                 (!ct_timeAccumulate && ct_time >= gl_MultiTexCoord3.y));
    if (ct_styled || timedOut) {
        if (timedOut || ct_style.a < 0.25) {
            // Hidden: every vertex of a feature's triangles lands beyond the far plane, so the
            // whole triangle is clipped before rasterisation (cheaper than a fragment discard
            // on llvmpipe; triangles never mix features).
            gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
            v_normalHighlight = vec4(0.0);
            v_colour = vec4(0.0);
            v_uvPlain = vec3(0.0);
            v_eye = vec3(0.0);
            return;
        }
        if (ct_style.a > 0.75) {
            colour.rgb = ct_style.rgb; // a style colour replaces texture and material alike
            textured = 0.0;
        }
    }
    float highlight = (ct_highlightId >= 0.0 && abs(ct_featureId - ct_highlightId) < 0.5) ? 1.0 : 0.0;
    // Chunks are translated only, so the model frame's axes are the world's (z up, sun below).
    v_normalHighlight = vec4(gl_Normal, highlight);
    v_colour = colour;
    v_uvPlain = vec3(gl_MultiTexCoord0.xy, textured);
    v_eye = (gl_ModelViewMatrix * gl_Vertex).xyz;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
