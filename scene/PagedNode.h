#pragma once

#include <functional>

namespace osg {
class Node;
}

namespace citytwin::scene {

//! A node that loads its content in the background while it is drawn (the TileEngine, a 3D Tiles
//! TilesetNode). Renderers that must show the fully loaded view (OffscreenRenderer, render tests)
//! draw frames until every PagedNode under the root is idle; the GUI view asks for a frame
//! through the redraw callback when loaded content is ready to merge.
class PagedNode
{
public:
    virtual ~PagedNode() = default;
    //! Nothing queued, loading or waiting to be merged.
    virtual bool isIdle() const = 0;
    //! A frame would make progress (content waits to be merged or requests to be made).
    virtual bool needsFrame() const = 0;
    //! Called from a worker thread when loaded content waits to be merged (ask for a frame).
    virtual void setRedrawCallback(std::function<void()> callback) = 0;
};

//! Every PagedNode under ROOT is idle (true when there is none).
bool pagedNodesIdle(osg::Node* root);
//! Some PagedNode under ROOT needsFrame().
bool pagedNodesNeedFrame(osg::Node* root);

} // namespace citytwin::scene
