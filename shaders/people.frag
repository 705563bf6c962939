#version 120
// Person sprite: a disc with a dark rim (assets have a white rim, so the overlays stay apart).
uniform float ct_opacity;
varying vec3 v_colour;

void main()
{
    vec2 p = gl_PointCoord * 2.0 - 1.0;
    float r2 = dot(p, p);
    if (r2 > 1.0)
        discard;
    vec3 colour = mix(v_colour, v_colour * 0.3, step(0.64, r2));
    gl_FragColor = vec4(colour, ct_opacity);
}
