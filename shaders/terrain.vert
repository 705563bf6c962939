#version 120
// Terrain: grid mesh in the local frame (model space == local frame, the terrain has no transform
// other than translations), so normals need no normal matrix for the world-fixed sun.
varying vec2 v_uv;
varying vec3 v_normal;
varying float v_height;

void main()
{
    v_uv = gl_MultiTexCoord0.xy;
    v_normal = gl_Normal;
    v_height = gl_Vertex.z;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
