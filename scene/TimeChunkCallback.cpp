#include "scene/TimeChunkCallback.h"

#include <osg/NodeVisitor>

namespace citytwin::scene {

void TimeChunkCallback::operator()(osg::Node* node, osg::NodeVisitor* nv)
{
    if (!m_time || isActiveAt(m_time->seconds()))
        traverse(node, nv);
}

namespace {

class BindVisitor : public osg::NodeVisitor
{
public:
    explicit BindVisitor(SceneTime* time) : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), m_time(time) {}

    void apply(osg::Node& node) override
    {
        for (osg::Callback* cb = node.getCullCallback(); cb; cb = cb->getNestedCallback()) {
            if (auto* chunk = dynamic_cast<TimeChunkCallback*>(cb)) {
                chunk->bind(m_time);
                ++count;
            }
        }
        traverse(node);
    }

    int count = 0;

private:
    SceneTime* m_time;
};

} // namespace

int bindTimeChunks(osg::Node* node, SceneTime* time)
{
    if (!node)
        return 0;
    BindVisitor visitor(time);
    visitor.setNodeMaskOverride(~0u); // hidden layers must follow the time too
    node->accept(visitor);
    return visitor.count;
}

} // namespace citytwin::scene
