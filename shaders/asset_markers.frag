#version 120
// Asset sprite: a shape per type with a white rim (event markers have a dark rim, so the two
// overlays stay apart even where colours are close). Pixels outside the shape are discarded.
uniform float ct_opacity;
varying vec3 v_colour;
varying float v_shape;

void main()
{
    vec2 p = gl_PointCoord * 2.0 - 1.0; // y grows downwards (UPPER_LEFT sprite origin)
    // d: 0 at the centre, 1 on the outline, for each shape.
    float d;
    if (v_shape < 0.5)
        d = length(p);                                   // circle
    else if (v_shape < 1.5)
        d = max(abs(p.x), abs(p.y));                     // square
    else if (v_shape < 2.5)
        d = abs(p.x) + abs(p.y);                         // diamond
    else
        d = max(2.0 * abs(p.x) - p.y, p.y);              // triangle, apex up
    if (d > 1.0)
        discard;
    vec3 colour = mix(v_colour, vec3(1.0), step(0.75, d));
    gl_FragColor = vec4(colour, ct_opacity);
}
