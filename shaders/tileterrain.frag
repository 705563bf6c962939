#version 120
// Paged terrain colour: a height tint, then up to 8 imagery layers composited bottom to top.
// Slot i = texture unit i = the i-th imagery layer from the bottom. ct_layerWeight (engine) is
// opacity x visibility, ct_tileHas (tile) says whether the tile has a texture in that slot; a
// slot with weight 0 is not sampled at all (llvmpipe pays per texture fetch). TileEngine compiles
// a variant per CT_LAYER_COUNT (slots above the top visible one): llvmpipe runs both sides of a
// branch, so only slots that are compiled out cost nothing.
#ifndef CT_LAYER_COUNT
#define CT_LAYER_COUNT 8
#endif
uniform sampler2D ct_layer0;
uniform sampler2D ct_layer1;
uniform sampler2D ct_layer2;
uniform sampler2D ct_layer3;
uniform sampler2D ct_layer4;
uniform sampler2D ct_layer5;
uniform sampler2D ct_layer6;
uniform sampler2D ct_layer7;
uniform float ct_layerWeight[8];
uniform float ct_tileHas[8];
uniform float ct_groundOpacity; // 1 = opaque ground (scene::setTerrainGroundOpacity)
uniform float ct_opacity;       // elevation layer opacity (CityScene)
uniform vec2 ct_heightRange;    // min/max terrain height for the tint

varying vec2 v_uv;
varying vec3 v_normal;
varying float v_height;
varying float v_skirt;
varying vec3 v_eye;

bool ct_cutAway(vec3 eye); // cutaway.frag

const vec3 kSunDir = vec3(0.3487, -0.4650, 0.8137); // normalised, from the south-east, high

// No token pasting in GLSL 1.20: the sampler is passed in by name.
// One line: line continuations are not GLSL 1.20.
#define CT_LAYER(i, sampler) { float w = ct_layerWeight[i] * ct_tileHas[i]; if (w > 0.0) { vec4 t = texture2D(sampler, v_uv); albedo = mix(albedo, t.rgb, clamp(w * t.a, 0.0, 1.0)); } }

void main()
{
    if (ct_cutAway(v_eye))
        discard;
    float span = max(ct_heightRange.y - ct_heightRange.x, 1.0);
    float h = clamp((v_height - ct_heightRange.x) / span, 0.0, 1.0);
    vec3 albedo = mix(vec3(0.46, 0.58, 0.36), vec3(0.74, 0.68, 0.54), h);
#if CT_LAYER_COUNT > 0
    CT_LAYER(0, ct_layer0)
#endif
#if CT_LAYER_COUNT > 1
    CT_LAYER(1, ct_layer1)
#endif
#if CT_LAYER_COUNT > 2
    CT_LAYER(2, ct_layer2)
#endif
#if CT_LAYER_COUNT > 3
    CT_LAYER(3, ct_layer3)
#endif
#if CT_LAYER_COUNT > 4
    CT_LAYER(4, ct_layer4)
#endif
#if CT_LAYER_COUNT > 5
    CT_LAYER(5, ct_layer5)
#endif
#if CT_LAYER_COUNT > 6
    CT_LAYER(6, ct_layer6)
#endif
#if CT_LAYER_COUNT > 7
    CT_LAYER(7, ct_layer7)
#endif
    float diffuse = max(dot(normalize(v_normal), kSunDir), 0.0);
    // See-through ground: the skirts (curtains hiding cracks between levels) would show as
    // lines along every tile edge; they vanish (blending is on, depth writes are off then).
    float alpha = ct_groundOpacity * ct_opacity;
    if (alpha < 1.0)
        alpha *= 1.0 - v_skirt;
    gl_FragColor = vec4(albedo * (0.55 + 0.45 * diffuse), alpha);
}
