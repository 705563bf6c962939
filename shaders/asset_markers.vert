#version 120
// Static asset markers (CCTV, sensors, hydrants, shelters) as point sprites. The colour comes
// from the colour array (per type), the shape code from ct_assetShape; a sensor in alarm
// (ct_alarm 1, rewritten by scene::AssetAlarmLayer as the scene time moves) flashes red and larger.
attribute float ct_assetShape; // location 6: 0 circle, 1 square, 2 diamond, 3 triangle
attribute float ct_alarm;      // location 7: 1 in alarm
uniform float ct_pointSize;    // base sprite size in pixels
uniform float osg_FrameTime;   // wall-clock seconds (OSG): the flashing runs while the clock is paused

varying vec3 v_colour;
varying float v_shape;

// Same distance rule as the event markers: full size up to kFullSizeDistance, then shrinking.
const float kFullSizeDistance = 1500.0;
const float kMinScale = 0.4;

void main()
{
    v_colour = gl_Color.rgb;
    float alarmScale = 1.0;
    if (ct_alarm > 0.5) {
        // Between bright and dark red, both far from the hydrant crimson and the event red's size.
        float flash = 0.5 + 0.5 * sin(osg_FrameTime * 9.42);
        v_colour = mix(vec3(0.70, 0.02, 0.02), vec3(1.00, 0.12, 0.08), flash);
        alarmScale = 1.5;
    }
    v_shape = ct_assetShape;
    float distance = length((gl_ModelViewMatrix * gl_Vertex).xyz);
    float attenuation = clamp(kFullSizeDistance / max(distance, 1.0), kMinScale, 1.0);
    gl_PointSize = ct_pointSize * attenuation * alarmScale;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
