#version 120
// Static asset markers (CCTV, sensors, hydrants, shelters) as point sprites. The colour comes
// from the colour array (per type), the shape code from ct_assetShape; assets do not follow time.
attribute float ct_assetShape; // location 6: 0 circle, 1 square, 2 diamond, 3 triangle
uniform float ct_pointSize;    // base sprite size in pixels

varying vec3 v_colour;
varying float v_shape;

// Same distance rule as the event markers: full size up to kFullSizeDistance, then shrinking.
const float kFullSizeDistance = 1500.0;
const float kMinScale = 0.4;

void main()
{
    v_colour = gl_Color.rgb;
    v_shape = ct_assetShape;
    float distance = length((gl_ModelViewMatrix * gl_Vertex).xyz);
    float attenuation = clamp(kFullSizeDistance / max(distance, 1.0), kMinScale, 1.0);
    gl_PointSize = ct_pointSize * attenuation;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
