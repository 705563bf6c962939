#include "app/TileStatsOverlay.h"

#include "app/ProjectSession.h"

#include <QAction>
#include <QEvent>
#include <QFontDatabase>
#include <QSettings>

namespace citytwin::app {

namespace {
const char* const kShownKey = "view/tileStatistics";
constexpr int kMarginPx = 8;
} // namespace

TileStatsOverlay::TileStatsOverlay(QWidget* view) : QLabel(view)
{
    setObjectName(QStringLiteral("tileStatsOverlay"));
    // Read-only information over the 3D view: the mouse must still reach the view below.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setStyleSheet(QStringLiteral("QLabel { background: rgba(0, 0, 0, 160); color: #f0f0f0; "
                                 "padding: 4px 6px; border-radius: 3px; }"));
    setTextFormat(Qt::PlainText);
    view->installEventFilter(this); // to stay in the corner when the view resizes

    m_toggle = new QAction(this);
    m_toggle->setObjectName(QStringLiteral("tileStatisticsAction"));
    m_toggle->setCheckable(true);
    connect(m_toggle, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1String(kShownKey), on);
        setShown(on);
    });
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &TileStatsOverlay::refresh);
    retranslate();

    const bool shown = QSettings().value(QLatin1String(kShownKey), false).toBool();
    m_toggle->setChecked(shown);
    setShown(shown);
}

void TileStatsOverlay::setSession(ProjectSession* session)
{
    m_session = session;
    refresh();
}

void TileStatsOverlay::setShown(bool shown)
{
    setVisible(shown);
    if (shown) {
        refresh();
        raise();
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

void TileStatsOverlay::retranslate()
{
    m_toggle->setText(tr("Tile &Statistics"));
    m_toggle->setStatusTip(tr("Show the basemap tile engine's numbers over the view"));
    refresh();
}

QString TileStatsOverlay::formatStats(const scene::TileEngine::Stats& s)
{
    const double mib = double(s.memoryBytes) / (1 << 20);
    return tr("Tiles: %1 resident, %2 drawn\n"
              "Loading: %3 queued, %4 running\n"
              "Memory: %5 MiB\n"
              "Loaded %6 · cancelled %7 · evicted %8 · failed %9\n"
              "Deepest level: %10 · last merge %11 ms")
        .arg(s.residentTiles)
        .arg(s.drawnTiles)
        .arg(s.queued)
        .arg(s.running)
        .arg(mib, 0, 'f', 1)
        .arg(s.loadedTotal)
        .arg(s.cancelledTotal)
        .arg(s.evictedTotal)
        .arg(s.failedTotal)
        .arg(s.deepestDrawnLevel)
        .arg(s.lastMergeMs, 0, 'f', 2);
}

void TileStatsOverlay::refresh()
{
    if (isHidden())
        return;
    scene::TileEngine* engine = m_session ? m_session->terrainEngine() : nullptr;
    setText(engine ? formatStats(engine->stats()) : tr("No basemap tiles"));
    place();
}

void TileStatsOverlay::place()
{
    adjustSize();
    move(kMarginPx, kMarginPx);
}

bool TileStatsOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parent() && event->type() == QEvent::Resize && !isHidden())
        place();
    return QLabel::eventFilter(watched, event);
}

void TileStatsOverlay::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QLabel::changeEvent(event);
}

} // namespace citytwin::app
