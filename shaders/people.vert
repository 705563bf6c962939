#version 120
// People as point sprites, one vertex per person. PeopleLayer moves the vertices on the CPU
// (interpolated track positions) and sets ct_visible; hidden people leave the clip volume so
// they cost no fragments. Colour (per role) from the colour array.
attribute float ct_visible; // location 6: 1 shown, 0 hidden
uniform float ct_pointSize; // base sprite size in pixels

varying vec3 v_colour;

const float kFullSizeDistance = 1500.0;
const float kMinScale = 0.4;

void main()
{
    if (ct_visible < 0.5) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 1.0;
        v_colour = vec3(0.0);
        return;
    }
    v_colour = gl_Color.rgb;
    float distance = length((gl_ModelViewMatrix * gl_Vertex).xyz);
    float attenuation = clamp(kFullSizeDistance / max(distance, 1.0), kMinScale, 1.0);
    gl_PointSize = ct_pointSize * attenuation;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
