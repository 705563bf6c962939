#pragma once

#include <osg/Referenced>

namespace citytwin::scene {

//! The scene time shared by CityScene and the time-chunk cull callbacks it binds:
//! seconds since the scene epoch (double, so long histories keep millisecond precision).
class SceneTime : public osg::Referenced
{
public:
    double seconds() const { return m_seconds; }
    void setSeconds(double s) { m_seconds = s; }

private:
    double m_seconds = 0.0;
};

} // namespace citytwin::scene
