#version 120
// Extruded buildings. Vertices are shared between walls and roof, so there is no per-face
// normal attribute: the fragment stage derives the flat face normal from the eye-space position.
attribute float ct_featureId; // location 6 (scene/Shaders.h)
uniform float ct_highlightId; // feature id to highlight, -1 none

// xyz: eye-space position; w: 1 highlighted, 0 not. One vec4 varying: llvmpipe sets up
// interpolation per vec4 slot for every triangle, and triangle setup dominates this layer.
varying vec4 v_eyeHighlight;

void main()
{
    // Eye space rather than chunk space: small values near the camera keep the fragment-stage
    // derivatives precise in close-ups (chunk coordinates reach kilometres).
    vec4 eye = gl_ModelViewMatrix * gl_Vertex;
    float highlight = (ct_highlightId >= 0.0 && abs(ct_featureId - ct_highlightId) < 0.5) ? 1.0 : 0.0;
    v_eyeHighlight = vec4(eye.xyz, highlight);
    // Not gl_ProjectionMatrix * eye: the same product as the other layers keeps depths identical,
    // so walls meet the terrain without new z-fighting.
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
