#version 120
// Extruded buildings. Vertices are shared between walls and roof, so there is no per-face
// normal attribute: the fragment stage derives the flat face normal from the eye-space position.
attribute float ct_featureId; // location 6 (scene/FeatureProgram.h)
attribute vec4 ct_style;      // location 7: rgb colour, a 1 override / 0.5 keep / 0 hidden
uniform float ct_highlightId; // feature id to highlight, -1 none
uniform bool ct_styled;       // false: ct_style has no array and is ignored (FeatureStyler.h)
// Feature times (scene/FeatureTimes.h): gl_MultiTexCoord3.xy = (start, end) seconds since the
// scene epoch; drawn while start <= ct_time < end, or start <= ct_time when accumulating.
uniform bool ct_timed;        // false: unit 3 has no array and is ignored
uniform bool ct_timeAccumulate;
uniform float ct_time;        // scene time, seconds since the epoch (CityScene)

// xyz: eye-space position; w: 1 highlighted, 0 not. One vec4 varying: llvmpipe sets up
// interpolation per vec4 slot for every triangle, and triangle setup dominates this layer.
varying vec4 v_eyeHighlight;
// rgb: style colour; a: 1 it replaces the wall/roof colours, 0 not.
varying vec4 v_style;

void main()
{
    v_style = vec4(0.0);
    // Outside its time span a building is clipped whole, exactly like a hidden one.
    bool timedOut = ct_timed && (ct_time < gl_MultiTexCoord3.x ||
                                 (!ct_timeAccumulate && ct_time >= gl_MultiTexCoord3.y));
    if (ct_styled || timedOut) {
        if (timedOut || ct_style.a < 0.25) {
            // Hidden: beyond the far plane, so the building's triangles are clipped whole
            // (a building's triangles use only its own vertices).
            gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
            v_eyeHighlight = vec4(0.0);
            return;
        }
        v_style = vec4(ct_style.rgb, step(0.75, ct_style.a));
    }
    // Eye space rather than chunk space: small values near the camera keep the fragment-stage
    // derivatives precise in close-ups (chunk coordinates reach kilometres).
    vec4 eye = gl_ModelViewMatrix * gl_Vertex;
    float highlight = (ct_highlightId >= 0.0 && abs(ct_featureId - ct_highlightId) < 0.5) ? 1.0 : 0.0;
    v_eyeHighlight = vec4(eye.xyz, highlight);
    // Not gl_ProjectionMatrix * eye: the same product as the other layers keeps depths identical,
    // so walls meet the terrain without new z-fighting.
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
