#version 120
// Event markers as point sprites. Times are float seconds since the layer epoch; 1e30 means
// "not happened (yet)". Hidden before reported and, in window mode, from closed on; in
// accumulate mode closed events stay in a muted grey. Filters (category, severity, state) are
// uniforms: a hidden vertex is moved out of the clip volume, so it costs no fragments.
attribute vec4 ct_lifecycle;     // location 6: reported, dispatched, onSite, resolved
attribute vec2 ct_closeSeverity; // location 7: closed, severity 1..4
attribute vec2 ct_eventStyle;    // location 8: category mask slot, icon (EventMarkerFilter.h)
uniform float ct_time;           // scene time, seconds since the epoch (CityScene)
uniform float ct_pointSize;      // base sprite size in pixels
uniform float ct_categoryVisible[64]; // 1 drawn, 0 hidden, per category slot
uniform float ct_stateVisible[5];     // per data::EventState: reported … closed
uniform float ct_minSeverity;
uniform float ct_accumulate;          // 1: keep closed events (grey)

varying vec3 v_colour;
varying float v_icon;

const float kPulseSeconds = 300.0; // newly reported events pulse for five minutes
// Full size up to this eye distance, then shrinking (to at most kMinScale) so a city-wide view
// is not a carpet of overlapping discs.
const float kFullSizeDistance = 1500.0;
const float kMinScale = 0.4;

void hide()
{
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 1.0;
    v_colour = vec3(0.0);
    v_icon = 0.0;
}

void main()
{
    float t = ct_time;
    bool closed = t >= ct_closeSeverity.x;
    if (t < ct_lifecycle.x || (closed && ct_accumulate < 0.5)) {
        hide();
        return;
    }
    int state = 0;                                   // reported
    vec3 colour = vec3(0.90, 0.10, 0.10);            // red
    if (closed) {
        state = 4;
        colour = vec3(0.62, 0.62, 0.62);             // muted grey
    } else if (t >= ct_lifecycle.w) {
        state = 3;
        colour = vec3(0.15, 0.75, 0.20);             // resolved: green
    } else if (t >= ct_lifecycle.z) {
        state = 2;
        colour = vec3(0.95, 0.85, 0.10);             // on site: yellow
    } else if (t >= ct_lifecycle.y) {
        state = 1;
        colour = vec3(1.00, 0.55, 0.00);             // dispatched: orange
    }
    int slot = int(clamp(ct_eventStyle.x, 0.0, 63.0) + 0.5);
    float severity = clamp(ct_closeSeverity.y, 1.0, 4.0);
    if (ct_categoryVisible[slot] < 0.5 || ct_stateVisible[state] < 0.5 || ct_closeSeverity.y < ct_minSeverity - 0.5) {
        hide();
        return;
    }
    v_colour = colour;
    v_icon = ct_eventStyle.y;

    float age = t - ct_lifecycle.x;
    float pulse = 1.0;
    if (age < kPulseSeconds && t < ct_lifecycle.y)
        pulse = 1.0 + 0.5 * (1.0 - age / kPulseSeconds) * abs(sin(age * 3.14159));
    float distance = length((gl_ModelViewMatrix * gl_Vertex).xyz);
    float attenuation = clamp(kFullSizeDistance / max(distance, 1.0), kMinScale, 1.0);
    float closedScale = closed ? 0.8 : 1.0; // history recedes behind what is open now
    gl_PointSize = ct_pointSize * (0.85 + 0.15 * severity) * pulse * attenuation * closedScale;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
