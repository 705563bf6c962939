#version 120
// Trail fade: invisible where newer than the scene time or older than the trail length, else
// opaque at the marker fading linearly to nothing at the tail (PeopleTrails::fadeAt).
uniform float ct_trailLength; // seconds; 0 draws nothing (PeopleTrails attaches no chunk then)
uniform float ct_opacity;
varying float v_age;
varying vec3 v_colour;

void main()
{
    if (v_age < 0.0 || v_age > ct_trailLength)
        discard;
    float fade = 1.0 - v_age / ct_trailLength;
    gl_FragColor = vec4(v_colour, fade * ct_opacity);
}
