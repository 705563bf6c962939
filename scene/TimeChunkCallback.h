#pragma once

#include "scene/SceneTime.h"

#include <limits>
#include <osg/NodeCallback>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! Cull callback of a time-aware chunk: the chunk is traversed only while the scene time is in
//! [start, end) (seconds since the epoch), so time-hidden geometry costs nothing but this test.
//! Unbound (no SceneTime yet) it always draws and leaves hiding to the shader.
class TimeChunkCallback : public osg::NodeCallback
{
public:
    static constexpr double kOpenEnd = std::numeric_limits<double>::infinity();

    TimeChunkCallback(double startSeconds, double endSeconds) : m_start(startSeconds), m_end(endSeconds) {}

    double start() const { return m_start; }
    double end() const { return m_end; }
    bool isActiveAt(double seconds) const { return seconds >= m_start && seconds < m_end; }

    //! Makes the callback follow TIME (CityScene does this when the layer is attached).
    void bind(SceneTime* time) { m_time = time; }
    const SceneTime* boundTime() const { return m_time.get(); }

    void operator()(osg::Node* node, osg::NodeVisitor* nv) override;

private:
    double m_start;
    double m_end;
    osg::ref_ptr<SceneTime> m_time;
};

//! Binds every TimeChunkCallback under NODE to TIME; returns how many were bound.
int bindTimeChunks(osg::Node* node, SceneTime* time);

} // namespace citytwin::scene
