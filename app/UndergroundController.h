#pragma once

#include <QObject>
#include <QPointer>
#include <osg/Vec4>

class QAction;
class QLabel;
class QSlider;
class QToolBar;
class QWidget;

namespace citytwin::app {

class OsgViewWidget;
class ProjectSession;

//! The see-through ground and underground navigation, a view setting (not saved in the project):
//! the "Underground" tool bar's Ground opacity slider (0 % hides the terrain so picking goes
//! through, 100 % opaque) and View → Underground Mode (U): the camera may go below the ground,
//! the background turns dark so pipes stand out, and an opaque ground drops to 40 % (restored
//! when leaving the mode). Re-applied to every session and whenever its terrain engine changes.
class UndergroundController : public QObject
{
    Q_OBJECT
public:
    //! The ground opacity underground mode switches an opaque ground to.
    static constexpr int kModeOpacityPercent = 40;
    //! Dark grey-blue background underground: pipe colours stand out against it.
    static osg::Vec4 undergroundClearColour() { return {0.12f, 0.13f, 0.16f, 1.0f}; }

    //! VIEW gets the clear colour and the manipulator switch; PARENT owns the tool bar.
    UndergroundController(OsgViewWidget* view, QWidget* parent);

    void setSession(ProjectSession* session);

    //! View → Underground Mode (checkable, shortcut U).
    QAction* modeAction() const { return m_modeAction; }
    //! The "Underground" tool bar: the mode action and the ground opacity slider.
    QToolBar* toolBar() const { return m_toolBar; }
    QSlider* opacitySlider() const { return m_slider; }

    //! Ground opacity in percent (0…100), applied to the session's terrain at once.
    void setGroundOpacityPercent(int percent);
    int groundOpacityPercent() const { return m_percent; }
    void setUndergroundMode(bool on);
    bool undergroundMode() const { return m_underground; }

    void retranslate();

signals:
    void groundOpacityChanged(int percent);
    void undergroundModeChanged(bool on);

private:
    //! Pushes opacity, terrain visibility, clear colour and manipulator state to the view/session.
    void apply();
    void updateLabel();

    OsgViewWidget* m_view = nullptr;
    QPointer<ProjectSession> m_session;
    QAction* m_modeAction = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_caption = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_value = nullptr;
    osg::Vec4 m_normalClear;
    int m_percent = 100;
    bool m_underground = false;
    bool m_loweredByMode = false; //!< the mode lowered an opaque ground: restore 100 % on leaving
    bool m_hidTerrain = false;    //!< 0 % hid the terrain (so > 0 % shows it again)
};

} // namespace citytwin::app
