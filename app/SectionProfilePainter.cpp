#include "app/SectionProfilePainter.h"

#include "data/PipeMapping.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace citytwin::app {

namespace {

// Room for the axis numbers: left (elevations), bottom (distances).
constexpr double kLeftMargin = 56.0;
constexpr double kBottomMargin = 34.0;
constexpr double kTopMargin = 14.0;
constexpr double kRightMargin = 14.0;
//! A 0.3 m pipe on a 200 m section is sub-pixel wide: never draw one smaller than this.
constexpr double kMinPipeRadiusPx = 3.5;

//! 1, 2 or 5 × 10^n, at least RAW.
double niceStep(double raw)
{
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw)
            return m * magnitude;
    return 10.0 * magnitude;
}

QColor networkColour(data::PipeNetwork network)
{
    const auto rgb = data::pipeNetworkColour(network);
    return QColor::fromRgbF(rgb[0], rgb[1], rgb[2]);
}

//! The pipe's outline in pixels: an ellipse's or a box's bounding rectangle.
QRectF pipeRect(const SectionProfileLayout& layout, const data::PipeCrossing& c)
{
    const QPointF centre = layout.toPixel(c.distanceM, c.centreZ);
    const double rx = std::max(0.5 * c.horizontalSizeM() * layout.distanceScale, kMinPipeRadiusPx);
    const double ry = std::max(0.5 * c.verticalSizeM() * layout.heightScale, kMinPipeRadiusPx);
    return {centre.x() - rx, centre.y() - ry, 2.0 * rx, 2.0 * ry};
}

bool canDrawText()
{
    // QFont needs a QGuiApplication (citytwin-cli runs a QCoreApplication).
    return qobject_cast<QGuiApplication*>(QCoreApplication::instance()) != nullptr;
}

void drawAxes(QPainter& p, const SectionProfileLayout& layout, double lengthM, bool labels)
{
    const QRectF& plot = layout.plot;
    p.setPen(QPen(QColor(90, 90, 90), 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    const double zBottom = layout.zTop - plot.height() / layout.heightScale;
    const double dStep = niceStep(lengthM / std::max(1.0, plot.width() / 80.0));
    const double zStep = niceStep((layout.zTop - zBottom) / std::max(1.0, plot.height() / 40.0));
    const QPen grid(QColor(0, 0, 0, 28), 1.0);
    for (double d = 0.0; d <= lengthM + 1e-9; d += dStep) {
        const double x = layout.toPixel(d, 0.0).x();
        p.setPen(grid);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        if (labels) {
            p.setPen(Qt::black);
            p.drawText(QRectF(x - 40.0, plot.bottom() + 2.0, 80.0, 16.0), Qt::AlignHCenter | Qt::AlignTop,
                       QString::number(d, 'f', dStep < 1.0 ? 1 : 0));
        }
    }
    for (double z = std::ceil(zBottom / zStep) * zStep; z <= layout.zTop + 1e-9; z += zStep) {
        const double y = layout.toPixel(0.0, z).y();
        p.setPen(grid);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        if (labels) {
            p.setPen(Qt::black);
            p.drawText(QRectF(plot.left() - kLeftMargin, y - 8.0, kLeftMargin - 4.0, 16.0),
                       Qt::AlignRight | Qt::AlignVCenter, QString::number(z, 'f', zStep < 1.0 ? 1 : 0));
        }
    }
    if (labels) {
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.left(), plot.bottom() + 17.0, plot.width(), 16.0),
                   Qt::AlignHCenter | Qt::AlignTop,
                   SectionText::tr("distance along the section (m)   vertical ×%1")
                       .arg(layout.exaggeration, 0, 'f', layout.exaggeration < 10.0 ? 1 : 0));
        p.save();
        p.translate(plot.left() - kLeftMargin + 10.0, plot.center().y());
        p.rotate(-90.0);
        p.drawText(QRectF(-plot.height() / 2.0, -8.0, plot.height(), 16.0), Qt::AlignCenter,
                   SectionText::tr("elevation (m)"));
        p.restore();
    }
}

void drawGround(QPainter& p, const SectionProfileLayout& layout, const SectionResult& section)
{
    // Each run of known heights is one soil polygon and one line: no-data leaves a gap.
    QPolygonF run;
    const auto flush = [&] {
        if (run.size() >= 2) {
            QPolygonF soil = run;
            soil << QPointF(run.last().x(), layout.plot.bottom())
                 << QPointF(run.first().x(), layout.plot.bottom());
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(222, 203, 164, 150));
            p.drawPolygon(soil);
            p.setPen(QPen(QColor(110, 80, 40), 2.0));
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(run);
        }
        run.clear();
    };
    for (const data::SectionGroundSample& s : section.ground) {
        if (std::isfinite(s.z))
            run << layout.toPixel(s.distanceM, s.z);
        else
            flush();
    }
    flush();
}

} // namespace

SectionProfileLayout layoutSectionProfile(const QRectF& rect, const SectionResult& section,
                                          double exaggeration)
{
    SectionProfileLayout layout;
    layout.plot = rect.adjusted(kLeftMargin, kTopMargin, -kRightMargin, -kBottomMargin);
    if (layout.plot.width() < 10.0 || layout.plot.height() < 10.0)
        layout.plot =
            QRectF(rect.topLeft(), QSizeF(std::max(10.0, rect.width()), std::max(10.0, rect.height())));
    double zMin = INFINITY, zMax = -INFINITY;
    for (const data::SectionGroundSample& s : section.ground) {
        if (std::isfinite(s.z)) {
            zMin = std::min(zMin, s.z);
            zMax = std::max(zMax, s.z);
        }
    }
    for (const data::PipeCrossing& c : section.crossings) {
        if (std::isfinite(c.centreZ)) {
            zMin = std::min(zMin, c.centreZ - 0.5 * c.verticalSizeM());
            zMax = std::max(zMax, c.centreZ + 0.5 * c.verticalSizeM());
        }
    }
    if (!(zMax >= zMin)) {
        zMin = 0.0;
        zMax = 1.0;
    }
    const double pad = 0.15 * std::max(zMax - zMin, 2.0) + 0.5;
    zMin -= pad;
    zMax += pad;
    const double length = section.lengthM > 0.0 ? section.lengthM : 1.0;
    layout.distanceScale = layout.plot.width() / length;
    if (exaggeration > 0.0) {
        layout.heightScale = layout.distanceScale * exaggeration;
        layout.zTop = 0.5 * (zMin + zMax) + 0.5 * layout.plot.height() / layout.heightScale;
    } else {
        layout.heightScale = layout.plot.height() / (zMax - zMin);
        layout.zTop = zMax;
    }
    layout.exaggeration = layout.heightScale / layout.distanceScale;
    return layout;
}

SectionProfileLayout paintSectionProfile(QPainter& p, const QRectF& rect, const SectionResult& section,
                                         const SectionPaintOptions& options)
{
    const SectionProfileLayout layout = layoutSectionProfile(rect, section, options.verticalExaggeration);
    const bool labels = options.labels && canDrawText();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(rect, Qt::white);
    p.save();
    p.setClipRect(layout.plot);
    drawGround(p, layout, section);
    p.restore();
    drawAxes(p, layout, section.lengthM, labels);

    p.setClipRect(layout.plot);
    for (size_t i = 0; i < section.crossings.size(); ++i) {
        const data::PipeCrossing& c = section.crossings[i];
        if (!std::isfinite(c.centreZ))
            continue;
        const QRectF r = pipeRect(layout, c);
        // The depth: a dashed line from the ground down to the top of the pipe.
        if (std::isfinite(c.groundZ)) {
            p.setPen(QPen(QColor(60, 60, 60), 1.0, Qt::DashLine));
            p.drawLine(layout.toPixel(c.distanceM, c.groundZ), QPointF(r.center().x(), r.top()));
        }
        const bool highlighted = int(i) == options.highlighted;
        p.setPen(QPen(highlighted ? QColor(255, 200, 0) : networkColour(c.network).darker(170),
                      highlighted ? 3.0 : 1.0));
        p.setBrush(networkColour(c.network));
        if (c.section == data::PipeSection::Box)
            p.drawRect(r);
        else
            p.drawEllipse(r);
        if (labels) {
            // Alternate two label rows so neighbouring pipes do not print over each other.
            const double y = r.bottom() + 3.0 + (i % 2) * 28.0;
            p.setPen(Qt::black);
            p.drawText(
                QRectF(r.center().x() - 50.0, y, 100.0, 28.0), Qt::AlignHCenter | Qt::AlignTop,
                SectionText::tr("%1 m\n%2").arg(SectionText::metres(c.depthCentreM), SectionText::size(c)));
        }
    }
    p.restore();
    return layout;
}

int crossingAt(const SectionProfileLayout& layout, const SectionResult& section, const QPointF& pixel)
{
    int best = -1;
    double bestDistance = 6.0; // pixels of slack around the drawn pipe
    for (size_t i = 0; i < section.crossings.size(); ++i) {
        const data::PipeCrossing& c = section.crossings[i];
        if (!std::isfinite(c.centreZ))
            continue;
        const QRectF r = pipeRect(layout, c);
        const double dx = std::max({r.left() - pixel.x(), 0.0, pixel.x() - r.right()});
        const double dy = std::max({r.top() - pixel.y(), 0.0, pixel.y() - r.bottom()});
        const double d = std::hypot(dx, dy);
        if (d < bestDistance) {
            bestDistance = d;
            best = int(i);
        }
    }
    return best;
}

} // namespace citytwin::app
