#pragma once

#include "data/Points.h"
#include "gis/LocalFrame.h"
#include "scene/Picker.h"

#include <QWidget>
#include <functional>
#include <optional>

class QLabel;

namespace citytwin::app {

//! Status-bar readout of the point under the mouse: CGCS2000 lon/lat (6 decimals), projected x/y
//! in the project CRS and the height — of the surface hit, and of the terrain below when known —
//! and which layer/feature is under the mouse.
class CursorStatus : public QWidget
{
    Q_OBJECT
public:
    //! Height of the terrain at a projected (x, y), or nullopt where unknown.
    using TerrainHeight = std::function<std::optional<double>(double x, double y)>;

    explicit CursorStatus(QWidget* parent = nullptr);

    //! Uses PROJECT's CRS and origin from now on (null: no project, blank readout).
    void setProject(const data::Project* project, TerrainHeight terrain = {});
    //! The text currently shown (tests).
    QString text() const;

    //! The layer and feature part of the readout ("Buildings #1234"), empty over the terrain or sky.
    QString featureText() const;

public slots:
    void setPosition(std::optional<citytwin::data::LocalPoint> hit);
    //! Position plus what was hit: the layer's name and, for buildings, the feature id.
    void setPick(const std::optional<citytwin::scene::PickResult>& pick);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* m_label = nullptr;
    QLabel* m_feature = nullptr;
    const data::Project* m_project = nullptr;
    std::optional<data::LocalPoint> m_last;
    std::optional<gis::LocalFrame> m_frame;
    QString m_crs;
    TerrainHeight m_terrain;
};

} // namespace citytwin::app
