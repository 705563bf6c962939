#version 120
// Paged terrain tile (TileEngine): vertices relative to the tile centre, the tile transform only
// translates, so model-space normals are world normals and gl_Vertex.z is the (scaled) height.
varying vec2 v_uv;
varying vec3 v_normal;
varying float v_height;
varying float v_skirt; // 1 on the skirts below the tile edges
varying vec3 v_eye;    // eye-space position for the cut-away test (cutaway.frag)

void main()
{
    v_uv = gl_MultiTexCoord0.xy;
    v_skirt = gl_MultiTexCoord0.z;
    v_normal = gl_Normal;
    v_height = gl_Vertex.z;
    v_eye = (gl_ModelViewMatrix * gl_Vertex).xyz;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
