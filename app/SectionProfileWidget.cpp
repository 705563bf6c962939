#include "app/SectionProfileWidget.h"

#include <QMouseEvent>
#include <QPainter>

namespace citytwin::app {

SectionProfileWidget::SectionProfileWidget(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
}

void SectionProfileWidget::setSection(std::optional<SectionResult> section)
{
    m_section = std::move(section);
    m_highlighted = -1;
    update();
}

void SectionProfileWidget::setHighlighted(int index)
{
    if (index == m_highlighted)
        return;
    m_highlighted = index;
    update();
}

void SectionProfileWidget::setVerticalExaggeration(double exaggeration)
{
    m_exaggeration = exaggeration;
    update();
}

void SectionProfileWidget::setEmptyText(const QString& text)
{
    m_emptyText = text;
    update();
}

void SectionProfileWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (!m_section) {
        painter.fillRect(rect(), palette().base());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    SectionPaintOptions options;
    options.verticalExaggeration = m_exaggeration;
    options.highlighted = m_highlighted;
    m_layout = paintSectionProfile(painter, QRectF(rect()), *m_section, options);
}

void SectionProfileWidget::mousePressEvent(QMouseEvent* event)
{
    if (m_section && event->button() == Qt::LeftButton) {
        const int index = crossingAt(m_layout, *m_section, event->position());
        if (index >= 0) {
            setHighlighted(index);
            emit crossingClicked(index);
        }
    }
    QWidget::mousePressEvent(event);
}

} // namespace citytwin::app
