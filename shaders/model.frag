#version 120
uniform sampler2D ct_texture; // unit 0
uniform bool ct_textured;     // set on the geode of each textured chunk
uniform vec3 ct_highlightColour;
uniform float ct_opacity;

varying vec4 v_normalHighlight;
varying vec4 v_colour;
varying vec3 v_uvPlain;
varying vec3 v_eye;

bool ct_cutAway(vec3 eye); // cutaway.frag

const vec3 kSunDir = vec3(0.3487, -0.4650, 0.8137); // same sun as buildings and terrain

void main()
{
    if (ct_cutAway(v_eye))
        discard;
    vec3 normal = normalize(v_normalHighlight.xyz);
    // Double-sided: thin BIM and photogrammetry surfaces are seen from both sides; the back of
    // a face is lit as if its normal faced the viewer.
    if (!gl_FrontFacing)
        normal = -normal;
    vec4 albedo = v_colour;
    if (ct_textured && v_uvPlain.z > 0.5)
        albedo *= texture2D(ct_texture, v_uvPlain.xy);
    albedo.rgb = mix(albedo.rgb, ct_highlightColour, v_normalHighlight.w * 0.75);
    float diffuse = max(dot(normal, kSunDir), 0.0);
    gl_FragColor = vec4(albedo.rgb * (0.5 + 0.5 * diffuse), albedo.a * ct_opacity);
}
