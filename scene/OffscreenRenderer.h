#pragma once

#include "data/Result.h"
#include "data/SavedView.h"

#include <QString>
#include <memory>
#include <osg/Camera>
#include <osg/Image>
#include <osg/Node>
#include <osg/Vec4>
#include <osg/ref_ptr>

namespace osgViewer {
class Viewer;
}

namespace citytwin::scene {

//! Draws a scene into an image without a window (OSG pbuffer; needs an X display, e.g. Xvfb).
//! The same path serves `citytwin-cli render`, render tests and thumbnails.
//! An instance keeps its pbuffer context, so many renders in one process cost one context.
//! Main thread (or one thread per instance) only.
class OffscreenRenderer
{
public:
    struct Stats
    {
        double firstFrameMs = 0;
        unsigned drawCalls = 0;
        unsigned long long triangles = 0;
        int frames = 0;       //!< frames drawn, refinement of paged terrain included
        bool refined = true;  //!< false when the refine timeout cut paged terrain loading short
    };

    static constexpr double kFovyDeg = 35.0;
    //! Frames drawn per render: the first uploads textures/buffers, the last is read back.
    static constexpr int kFrames = 3;
    //! After kFrames, frames keep coming until every PagedNode in the scene (TileEngine,
    //! TilesetNode) is idle and the viewer's DatabasePager (OSGB PagedLOD) has nothing in progress
    //! or to merge, or this many seconds have passed.
    static constexpr double kDefaultRefineTimeoutS = 60.0;

    //! Renders ROOT as seen from VIEW into a WIDTH×HEIGHT RGBA image (row 0 at the top).
    static data::Result<osg::ref_ptr<osg::Image>> render(osg::Node* root, const data::SavedView& view,
                                                         int width, int height, Stats* stats = nullptr);

    //! Writes IMAGE (e.g. from render()) to PATH, upright whatever its origin; the format
    //! follows the extension (.png, .jpg, ...).
    static data::Status writeImage(const osg::Image& image, const QString& path);

    //! Opens a WIDTH×HEIGHT pbuffer context; check isValid()/status() before rendering.
    OffscreenRenderer(int width, int height);
    ~OffscreenRenderer();
    OffscreenRenderer(const OffscreenRenderer&) = delete;
    OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

    bool isValid() const;
    //! Why the context could not be created (e.g. no X display).
    const data::Status& status() const { return m_status; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    void setClearColour(const osg::Vec4& colour);
    //! Longest wait for paged terrain to refine in each render (0: just kFrames).
    void setRefineTimeout(double seconds) { m_refineTimeoutS = seconds; }
    double refineTimeout() const { return m_refineTimeoutS; }

    //! Renders ROOT from VIEW. The returned image is a copy: its row 0 is the TOP row and
    //! its origin is set to osg::Image::TOP_LEFT (osgDB writes it upright).
    data::Result<osg::ref_ptr<osg::Image>> renderImage(osg::Node* root, const data::SavedView& view,
                                                       Stats* stats = nullptr);
    //! The camera of the last render (viewport and matrices set), for Picker::pick().
    osg::Camera* camera() const;

private:
    //! Frames until the paged content under ROOT is idle or the refine timeout passes; false on timeout.
    bool refineUntilIdle(osgViewer::Viewer& viewer, osg::Node& root, const data::SavedView& view, int& frames);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    data::Status m_status;
    int m_width = 0;
    int m_height = 0;
    double m_refineTimeoutS = kDefaultRefineTimeoutS;
};

} // namespace citytwin::scene
