#version 120
// Terrain colour: a height tint, draped imagery mixed in by the imagery layer's opacity,
// simple sun lighting. ct_groundOpacity lets the ground go see-through (underground views).
uniform sampler2D ct_imagery;
uniform float ct_hasImagery;     // 1 when a texture is bound
uniform float ct_imageryOpacity; // imagery layer visibility * opacity
uniform float ct_groundOpacity;  // 1 = opaque ground
uniform float ct_opacity;        // elevation layer opacity (CityScene)
uniform vec2 ct_heightRange;     // min/max terrain height for the tint

varying vec2 v_uv;
varying vec3 v_normal;
varying float v_height;

const vec3 kSunDir = vec3(0.3487, -0.4650, 0.8137); // normalised, from the south-east, high

void main()
{
    float span = max(ct_heightRange.y - ct_heightRange.x, 1.0);
    float t = clamp((v_height - ct_heightRange.x) / span, 0.0, 1.0);
    vec3 tint = mix(vec3(0.46, 0.58, 0.36), vec3(0.74, 0.68, 0.54), t);
    vec4 tex = texture2D(ct_imagery, v_uv);
    vec3 albedo = mix(tint, tex.rgb, clamp(ct_hasImagery * ct_imageryOpacity * tex.a, 0.0, 1.0));
    float diffuse = max(dot(normalize(v_normal), kSunDir), 0.0);
    gl_FragColor = vec4(albedo * (0.55 + 0.45 * diffuse), ct_groundOpacity * ct_opacity);
}
