#include "scene/PipeNetworkIndex.h"

#include <algorithm>
#include <osg/Group>
#include <osg/Node>

namespace citytwin::scene {

PipeNetworkIndex::PipeNetworkIndex(std::vector<data::PipeLine> pipes) : m_pipes(std::move(pipes))
{
    std::stable_sort(m_pipes.begin(), m_pipes.end(),
                     [](const data::PipeLine& a, const data::PipeLine& b) { return a.id < b.id; });
}

const data::PipeLine* PipeNetworkIndex::pipe(std::int64_t id) const
{
    const auto it = std::lower_bound(m_pipes.begin(), m_pipes.end(), id,
                                     [](const data::PipeLine& p, std::int64_t v) { return p.id < v; });
    return it != m_pipes.end() && it->id == id ? &*it : nullptr;
}

void attachPipeNetworkIndex(osg::Node* node, osg::ref_ptr<PipeNetworkIndex> index)
{
    if (node && index)
        node->setUserData(index.get()); // the node's user-data slot (user values live beside it)
}

const PipeNetworkIndex* pipeNetworkIndex(const osg::Node* node)
{
    if (!node)
        return nullptr;
    if (const auto* index = dynamic_cast<const PipeNetworkIndex*>(node->getUserData()))
        return index;
    const osg::Group* group = node->asGroup();
    return group && group->getNumChildren() > 0 ? pipeNetworkIndex(group->getChild(0)) : nullptr;
}

} // namespace citytwin::scene
