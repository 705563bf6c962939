#pragma once

#include "data/Result.h"
#include "data/SavedView.h"

#include <osg/Image>
#include <osg/Node>
#include <osg/ref_ptr>

namespace citytwin::scene {

//! Draws a scene into an image without a window (OSG pbuffer; needs an X display, e.g. Xvfb).
//! The same path serves `citytwin-cli render`, render tests and thumbnails.
class OffscreenRenderer
{
public:
    struct Stats { double firstFrameMs = 0; unsigned drawCalls = 0; unsigned long long triangles = 0; };

    //! Renders ROOT as seen from VIEW into a WIDTH×HEIGHT RGBA image (row 0 at the top).
    static data::Result<osg::ref_ptr<osg::Image>> render(osg::Node* root, const data::SavedView& view,
                                                         int width, int height, Stats* stats = nullptr);
};

} // namespace citytwin::scene
