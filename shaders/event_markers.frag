#version 120
// Event sprite: a shape per category family (v_icon, scene::EventIcon) with a dark rim; pixels
// outside the shape are discarded (no blending needed). Asset markers have a white rim instead.
uniform float ct_opacity;
varying vec3 v_colour;
varying float v_icon;

void main()
{
    vec2 p = gl_PointCoord * 2.0 - 1.0; // y grows downwards (UPPER_LEFT sprite origin)
    // d: 0 at the centre, 1 on the outline, for each shape.
    float d;
    if (v_icon < 0.5) {
        d = length(p);                                              // other: circle
    } else if (v_icon < 1.5) {
        vec2 q = p * p;
        d = sqrt(sqrt(q.x * q.x + q.y * q.y));                      // hotline: rounded square
    } else if (v_icon < 2.5) {
        d = abs(p.x) + abs(p.y);                                    // parking: diamond
    } else if (v_icon < 3.5) {
        // flood: a droplet, round below, pointed at the top
        float body = length(p - vec2(0.0, 0.3)) / 0.7;
        float cone = p.y < 0.3 ? abs(p.x) / (0.7 * (p.y + 1.0) / 1.3 + 1e-3) : 2.0;
        d = p.y < -1.0 ? 2.0 : min(body, max(cone, -p.y));
    } else {
        d = max(2.0 * abs(p.x) - p.y, p.y);                         // fire: triangle, apex up
    }
    if (d > 1.0)
        discard;
    vec3 colour = mix(v_colour, v_colour * 0.35, step(0.8, d));
    gl_FragColor = vec4(colour, ct_opacity);
}
