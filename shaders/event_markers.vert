#version 120
// Event markers as point sprites. Times are float seconds since the layer epoch; 1e30 means
// "not happened (yet)". Hidden outside [reported, closed): the vertex is moved out of the clip
// volume, so culled chunks and hidden points cost no fragments.
attribute vec4 ct_lifecycle;     // location 6: reported, dispatched, onSite, resolved
attribute vec2 ct_closeSeverity; // location 7: closed, severity 1..4
uniform float ct_time;           // scene time, seconds since the epoch (CityScene)
uniform float ct_pointSize;      // base sprite size in pixels

varying vec3 v_colour;

const float kPulseSeconds = 300.0; // newly reported events pulse for five minutes
// Full size up to this eye distance, then shrinking (to at most kMinScale) so a city-wide view
// is not a carpet of overlapping discs.
const float kFullSizeDistance = 1500.0;
const float kMinScale = 0.4;

void main()
{
    float t = ct_time;
    if (t < ct_lifecycle.x || t >= ct_closeSeverity.x) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 1.0;
        v_colour = vec3(0.0);
        return;
    }
    vec3 colour = vec3(0.90, 0.10, 0.10);                      // reported: red
    if (t >= ct_lifecycle.w) colour = vec3(0.15, 0.75, 0.20);  // resolved: green
    else if (t >= ct_lifecycle.z) colour = vec3(0.95, 0.85, 0.10); // on site: yellow
    else if (t >= ct_lifecycle.y) colour = vec3(1.00, 0.55, 0.00); // dispatched: orange
    v_colour = colour;

    float age = t - ct_lifecycle.x;
    float pulse = 1.0;
    if (age < kPulseSeconds && t < ct_lifecycle.y)
        pulse = 1.0 + 0.5 * (1.0 - age / kPulseSeconds) * abs(sin(age * 3.14159));
    float severity = clamp(ct_closeSeverity.y, 1.0, 4.0);
    float distance = length((gl_ModelViewMatrix * gl_Vertex).xyz);
    float attenuation = clamp(kFullSizeDistance / max(distance, 1.0), kMinScale, 1.0);
    gl_PointSize = ct_pointSize * (0.85 + 0.15 * severity) * pulse * attenuation;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
