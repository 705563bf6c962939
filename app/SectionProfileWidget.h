#pragma once

#include "app/SectionAnalysis.h"
#include "app/SectionProfilePainter.h"

#include <QWidget>
#include <optional>

namespace citytwin::app {

//! Draws a vertical section (SectionResult) with paintSectionProfile: ground, pipes to scale with
//! vertical exaggeration, labels, axes. A click on a pipe emits crossingClicked.
class SectionProfileWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SectionProfileWidget(QWidget* parent = nullptr);

    //! Shows SECTION (nullopt: an empty widget with a hint).
    void setSection(std::optional<SectionResult> section);
    const std::optional<SectionResult>& section() const { return m_section; }
    //! Draws crossing INDEX emphasised (-1: none).
    void setHighlighted(int index);
    int highlighted() const { return m_highlighted; }
    //! Vertical scale over horizontal scale; ≤ 0 fits the section in the height (the default).
    void setVerticalExaggeration(double exaggeration);
    double verticalExaggeration() const { return m_exaggeration; }
    //! The hint shown without a section (retranslated by the dock).
    void setEmptyText(const QString& text);

    QSize sizeHint() const override { return {600, 260}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

signals:
    //! The user clicked the pipe of crossing INDEX.
    void crossingClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    std::optional<SectionResult> m_section;
    SectionProfileLayout m_layout;
    int m_highlighted = -1;
    double m_exaggeration = 0.0;
    QString m_emptyText;
};

} // namespace citytwin::app
