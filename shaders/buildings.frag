#version 120
uniform vec3 ct_wallColour;
uniform vec3 ct_roofColour;
uniform vec3 ct_highlightColour;
uniform float ct_opacity;

varying vec4 v_eyeHighlight; // xyz: eye-space position; w: 1 highlighted
varying vec4 v_style;        // rgb: style colour; a: 1 replaces wall and roof colours

bool ct_cutAway(vec3 eye); // cutaway.frag

const vec3 kSunDir = vec3(0.3487, -0.4650, 0.8137); // same sun as tileterrain.frag

void main()
{
    if (ct_cutAway(v_eyeHighlight.xyz))
        discard;
    // Flat face normal from screen-space derivatives. Window x/y and eye x/y share orientation,
    // so for a front (counter-clockwise, i.e. outward-wound) face the cross product points out.
    vec3 eyeNormal = normalize(cross(dFdx(v_eyeHighlight.xyz), dFdy(v_eyeHighlight.xyz)));
    // Back to the local frame: chunks are translated only and the view is rigid, so the normal
    // matrix is a rotation and its transpose (row-vector product) is its inverse.
    vec3 normal = eyeNormal * gl_NormalMatrix;
    float roof = step(0.5, normal.z); // walls are vertical, roofs flat
    vec3 albedo = mix(ct_wallColour, ct_roofColour, roof);
    albedo = mix(albedo, v_style.rgb, v_style.a);
    albedo = mix(albedo, ct_highlightColour, v_eyeHighlight.w * 0.75);
    float diffuse = max(dot(normal, kSunDir), 0.0);
    gl_FragColor = vec4(albedo * (0.5 + 0.5 * diffuse), ct_opacity);
}
