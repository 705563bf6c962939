#include "scene/PagedNode.h"

#include <osg/Group>
#include <osg/NodeVisitor>

namespace citytwin::scene {
namespace {

//! Visits every PagedNode under a node, not what they page in.
class PagedNodeVisitor : public osg::NodeVisitor
{
public:
    explicit PagedNodeVisitor(std::function<void(PagedNode&)> visit)
        : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), m_visit(std::move(visit))
    {
    }
    void apply(osg::Group& group) override
    {
        if (auto* paged = dynamic_cast<PagedNode*>(&group)) {
            m_visit(*paged);
            return;
        }
        traverse(group);
    }

private:
    std::function<void(PagedNode&)> m_visit;
};

} // namespace

bool pagedNodesIdle(osg::Node* root)
{
    if (!root)
        return true;
    bool idle = true;
    PagedNodeVisitor visitor([&idle](PagedNode& n) { idle = idle && n.isIdle(); });
    root->accept(visitor);
    return idle;
}

bool pagedNodesNeedFrame(osg::Node* root)
{
    if (!root)
        return false;
    bool needed = false;
    PagedNodeVisitor visitor([&needed](PagedNode& n) { needed = needed || n.needsFrame(); });
    root->accept(visitor);
    return needed;
}

} // namespace citytwin::scene
