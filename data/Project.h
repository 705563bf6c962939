#pragma once

#include "data/LayerSettings.h"
#include "data/Points.h"
#include "data/Result.h"
#include "data/SavedView.h"
#include "data/TimeRange.h"

#include <QString>
#include <QTimeZone>
#include <vector>

namespace citytwin::data {

//! The zone named IANAID ("Asia/Shanghai"), or UTC when this system does not know the name: times
//! are still shown and read consistently, just not in local time.
QTimeZone timeZoneOrUtc(const QString& ianaId);

//! A citytwin project: one projected CRS, a local origin, a time zone, layers and saved views.
//! A plain value; persistence is ProjectStore's job.
class Project
{
public:
    QString name;
    QString crs = QStringLiteral("EPSG:4549"); //!< projected CRS: "EPSG:nnnn" or WKT
    ProjectedPoint origin;                     //!< local frame origin, in `crs`
    QString timeZone = QStringLiteral("Asia/Shanghai");
    TimeRange timeExtent;                      //!< playback range offered by the timeline
    TimeMs initialTime = kNoTime;              //!< clock time when the project opens

    const std::vector<LayerSettings>& layers() const { return m_layers; }
    const std::vector<SavedView>& views() const { return m_views; }

    //! Adds LAYER, giving it the next free id when it has none. Returns the id.
    LayerId addLayer(LayerSettings layer);
    bool removeLayer(LayerId id);
    LayerSettings* layer(LayerId id);
    const LayerSettings* layer(LayerId id) const;
    //! Layers sorted by group then order — the order the tree and the renderer use.
    std::vector<LayerSettings> layersInDrawOrder() const;

    //! Adds or replaces the view with the same name.
    void setView(SavedView view);
    bool removeView(const QString& name);
    const SavedView* view(const QString& name) const;

    //! timeZone as a zone; UTC when the name is unknown here (see timeZoneOrUtc()).
    QTimeZone zone() const;

    LocalPoint toLocal(const ProjectedPoint& p) const { return {p.x - origin.x, p.y - origin.y, p.z - origin.z}; }
    ProjectedPoint toProjected(const LocalPoint& p) const { return {p.x + origin.x, p.y + origin.y, p.z + origin.z}; }

    bool operator==(const Project&) const = default;

private:
    std::vector<LayerSettings> m_layers;
    std::vector<SavedView> m_views;
};

} // namespace citytwin::data
