#version 120
uniform vec3 ct_wallColour;
uniform vec3 ct_roofColour;
uniform vec3 ct_highlightColour;
uniform float ct_opacity;

varying vec3 v_normal;
varying float v_roof;
varying float v_highlight;

const vec3 kSunDir = vec3(0.3487, -0.4650, 0.8137); // same sun as terrain.frag

void main()
{
    vec3 albedo = mix(ct_wallColour, ct_roofColour, step(0.5, v_roof));
    albedo = mix(albedo, ct_highlightColour, v_highlight * 0.75);
    float diffuse = max(dot(normalize(v_normal), kSunDir), 0.0);
    gl_FragColor = vec4(albedo * (0.5 + 0.5 * diffuse), ct_opacity);
}
