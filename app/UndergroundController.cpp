#include "app/UndergroundController.h"

#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "scene/OrbitManipulator.h"
#include "scene/TileEngine.h"

#include <QAction>
#include <QLabel>
#include <QSlider>
#include <QToolBar>
#include <algorithm>
#include <osgViewer/Viewer>

namespace citytwin::app {

UndergroundController::UndergroundController(OsgViewWidget* view, QWidget* parent)
    : QObject(parent), m_view(view)
{
    m_normalClear = m_view->viewer()->getCamera()->getClearColor();

    m_modeAction = new QAction(this);
    m_modeAction->setObjectName(QStringLiteral("undergroundModeAction"));
    m_modeAction->setCheckable(true);
    m_modeAction->setShortcut(QKeySequence(Qt::Key_U));
    connect(m_modeAction, &QAction::toggled, this, &UndergroundController::setUndergroundMode);

    m_toolBar = new QToolBar(parent);
    m_toolBar->setObjectName(QStringLiteral("undergroundToolBar"));
    m_toolBar->addAction(m_modeAction);
    m_caption = new QLabel(m_toolBar);
    m_toolBar->addWidget(m_caption);
    m_slider = new QSlider(Qt::Horizontal, m_toolBar);
    m_slider->setObjectName(QStringLiteral("groundOpacitySlider"));
    m_slider->setRange(0, 100);
    m_slider->setSingleStep(5);
    m_slider->setPageStep(20);
    m_slider->setValue(m_percent);
    m_slider->setMaximumWidth(140);
    m_toolBar->addWidget(m_slider);
    m_value = new QLabel(m_toolBar);
    m_value->setMinimumWidth(m_value->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    m_toolBar->addWidget(m_value);
    connect(m_slider, &QSlider::valueChanged, this, &UndergroundController::setGroundOpacityPercent);

    retranslate();
}

void UndergroundController::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_hidTerrain = false; // a new session's terrain starts shown
    if (m_session) {
        connect(m_session, &ProjectSession::terrainEngineChanged, this, &UndergroundController::apply);
        // Showing a basemap layer shows the terrain again (ProjectSession::applyBasemapSettings):
        // a 0 % ground must stay hidden. Queued: the session has applied its settings by then.
        const auto keepHidden = [this] {
            if (m_session && m_percent == 0)
                apply();
        };
        connect(m_session, &ProjectSession::layerChanged, this, keepHidden, Qt::QueuedConnection);
        connect(m_session, &ProjectSession::layersChanged, this, keepHidden, Qt::QueuedConnection);
    }
    apply();
}

void UndergroundController::setGroundOpacityPercent(int percent)
{
    percent = std::clamp(percent, 0, 100);
    if (percent == m_percent)
        return;
    m_percent = percent;
    if (percent != kModeOpacityPercent)
        m_loweredByMode = false; // the user chose another value: keep it when leaving the mode
    const QSignalBlocker block(m_slider);
    m_slider->setValue(percent);
    apply();
    emit groundOpacityChanged(percent);
}

void UndergroundController::setUndergroundMode(bool on)
{
    if (on == m_underground)
        return;
    m_underground = on;
    {
        const QSignalBlocker block(m_modeAction);
        m_modeAction->setChecked(on);
    }
    if (on && m_percent == 100) {
        setGroundOpacityPercent(kModeOpacityPercent);
        m_loweredByMode = true;
    } else if (!on && m_loweredByMode) {
        m_loweredByMode = false;
        setGroundOpacityPercent(100);
    }
    apply();
    emit undergroundModeChanged(on);
}

void UndergroundController::apply()
{
    updateLabel();
    scene::OrbitManipulator* manipulator = m_view->manipulator();
    m_view->viewer()->getCamera()->setClearColor(m_underground ? undergroundClearColour() : m_normalClear);
    scene::TileEngine* engine = m_session ? m_session->terrainEngine() : nullptr;
    // The ground function follows the engine (replaced when the elevation scheme changes).
    manipulator->setGroundHeightFunction(engine ? scene::OrbitManipulator::groundOf(engine)
                                                : scene::OrbitManipulator::GroundHeightFunction());
    manipulator->setAllowBelowGround(m_underground);
    if (m_session) {
        scene::setTerrainGroundOpacity(engine, float(m_percent) / 100.0f);
        // Fully transparent ground is no ground: hidden, so picks reach the pipes below it.
        if (m_percent == 0 && m_session->scene().isTerrainVisible()) {
            m_session->scene().setTerrainVisible(false);
            m_hidTerrain = true;
        } else if (m_percent > 0 && m_hidTerrain) {
            m_session->scene().setTerrainVisible(true);
            m_hidTerrain = false;
        }
    }
    m_view->update();
}

void UndergroundController::updateLabel()
{
    m_value->setText(tr("%1 %").arg(m_percent));
}

void UndergroundController::retranslate()
{
    m_modeAction->setText(tr("&Underground Mode"));
    m_modeAction->setToolTip(tr("Let the camera go below the ground (PageUp/PageDown raise and lower it), "
                                "darken the background and make the ground see-through (U)"));
    m_toolBar->setWindowTitle(tr("Underground"));
    m_caption->setText(tr("Ground:"));
    m_slider->setToolTip(tr("Ground opacity: 0 % hides the ground, 100 % is opaque"));
    updateLabel();
}

} // namespace citytwin::app
