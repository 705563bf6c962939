#version 120
// Extruded buildings. Chunks sit under translation-only transforms, so model-space normals are
// local-frame normals. The feature id is compared here so the fragment stage stays cheap.
attribute float ct_featureId; // location 6 (scene/Shaders.h)
attribute float ct_isRoof;    // location 7: 1 roof, 0 wall
uniform float ct_highlightId; // feature id to highlight, -1 none

varying vec3 v_normal;
varying float v_roof;
varying float v_highlight;

void main()
{
    v_normal = gl_Normal;
    v_roof = ct_isRoof;
    v_highlight = (ct_highlightId >= 0.0 && abs(ct_featureId - ct_highlightId) < 0.5) ? 1.0 : 0.0;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
