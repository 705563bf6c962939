#pragma once

#include "data/Features.h"

#include <osg/Referenced>
#include <osg/ref_ptr>
#include <vector>

namespace osg {
class Node;
}

namespace citytwin::scene {

//! The pipes of a pipe layer as drawn (centre lines with absolute z, after the loader hung them
//! under the terrain), kept with the layer's node for analysis that needs the geometry and not
//! only the ids: vertical sections, clearances, filters, manhole depths. Immutable once attached.
class PipeNetworkIndex : public osg::Referenced
{
public:
    explicit PipeNetworkIndex(std::vector<data::PipeLine> pipes);
    const std::vector<data::PipeLine>& pipes() const { return m_pipes; }
    //! The pipe with ID, or nullptr.
    const data::PipeLine* pipe(std::int64_t id) const;

private:
    std::vector<data::PipeLine> m_pipes; //!< sorted by id
};

//! Attaches INDEX to NODE (a pipe layer's root: its user-data slot, as ModelFeatureIndex).
void attachPipeNetworkIndex(osg::Node* node, osg::ref_ptr<PipeNetworkIndex> index);
//! The index attached to NODE or, when NODE is a layer group, to its first child; nullptr if none.
const PipeNetworkIndex* pipeNetworkIndex(const osg::Node* node);

} // namespace citytwin::scene
