#include "app/TileIndicator.h"

#include "app/ProjectSession.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace citytwin::app {

TileIndicator::TileIndicator(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("tileIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_label = new QLabel(this);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy: the number of tiles still to come is not known in advance
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(80);
    m_busy->setMaximumHeight(m_label->sizeHint().height());
    layout->addWidget(m_label);
    layout->addWidget(m_busy);
    retranslate();
    hide();
}

void TileIndicator::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &ProjectSession::tileActivity, this, &TileIndicator::setInFlight);
    setInFlight(0);
}

void TileIndicator::setInFlight(int inFlight)
{
    m_inFlight = std::max(0, inFlight);
    retranslate();
    setVisible(m_inFlight > 0);
}

void TileIndicator::retranslate()
{
    m_label->setText(tr("Tiles: %1").arg(m_inFlight));
    setToolTip(tr("Basemap tiles queued or loading"));
}

void TileIndicator::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace citytwin::app
