#version 120
// People trails (scene/PeopleTrails.h): GL_LINES between consecutive samples of a track, each
// vertex carrying its sample time. The age against the scene time is interpolated along the
// segment, so the fragment shader cuts the trail exactly at the moving marker and at its tail.
attribute float ct_trailTime; // seconds since the layer epoch
uniform float ct_time;        // scene time, seconds since the same epoch (CityScene)

varying float v_age;
varying vec3 v_colour;

void main()
{
    v_age = ct_time - ct_trailTime;
    v_colour = gl_Color.rgb;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
