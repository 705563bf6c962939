#pragma once

#include "app/SectionAnalysis.h"

#include <QPointF>
#include <QRectF>

class QPainter;

namespace citytwin::app {

//! How a section is laid out in a rectangle: distance along the line to the right, elevation up,
//! with the vertical scale EXAGGERATION times the horizontal one.
struct SectionProfileLayout
{
    QRectF plot;                //!< the drawing area inside the axes
    double distanceScale = 1.0; //!< pixels per metre along the line
    double heightScale = 1.0;   //!< pixels per metre of elevation
    double zTop = 0.0;          //!< elevation at plot.top()
    double exaggeration = 1.0;  //!< heightScale / distanceScale

    QPointF toPixel(double distanceM, double z) const
    {
        return {plot.left() + distanceM * distanceScale, plot.top() + (zTop - z) * heightScale};
    }
};

//! Lays SECTION out in RECT. EXAGGERATION ≤ 0 fits the ground and every pipe in the height;
//! otherwise the vertical scale is that many times the horizontal one, centred on the pipes and ground.
SectionProfileLayout layoutSectionProfile(const QRectF& rect, const SectionResult& section,
                                          double exaggeration);

struct SectionPaintOptions
{
    double verticalExaggeration = 0.0; //!< ≤ 0: fit (see layoutSectionProfile)
    bool labels = true;                //!< depth/size labels and axis numbers (need a QGuiApplication)
    int highlighted = -1;              //!< index into SectionResult::crossings drawn emphasised
};

//! Paints SECTION into RECT: the ground line over the soil, each crossing as a circle (round) or
//! box to scale (at least a few pixels) in its network's colour, depth and size labels, axes in
//! metres. The same painter serves the dock's widget and `citytwin-cli section --png`.
//! Returns the layout used (for hit tests).
SectionProfileLayout paintSectionProfile(QPainter& painter, const QRectF& rect, const SectionResult& section,
                                         const SectionPaintOptions& options = {});

//! The pipe drawn at PIXEL (within a few pixels), as an index into SECTION's crossings, or -1.
int crossingAt(const SectionProfileLayout& layout, const SectionResult& section, const QPointF& pixel);

} // namespace citytwin::app
