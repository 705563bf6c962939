#include "app/LayerTreeDock.h"

#include "app/LayerTreeModel.h"
#include "app/ProjectSession.h"

#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QTreeView>
#include <cmath>
#include <utility>

namespace citytwin::app {

LayerTreeDock::LayerTreeDock(QWidget* parent) : QDockWidget(parent)
{
    setObjectName(QStringLiteral("layersDock"));
    auto* body = new QWidget(this);
    auto* grid = new QGridLayout(body);
    grid->setContentsMargins(4, 4, 4, 4);

    m_model = new LayerTreeModel(this);
    m_tree = new QTreeView(body);
    m_tree->setObjectName(QStringLiteral("layerTree"));
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    grid->addWidget(m_tree, 0, 0, 1, 3);

    m_opacityLabel = new QLabel(body);
    m_opacity = new QSlider(Qt::Horizontal, body);
    m_opacity->setObjectName(QStringLiteral("opacitySlider"));
    m_opacity->setRange(0, 100);
    m_opacity->setEnabled(false);
    m_opacityValue = new QLabel(body);
    m_opacityValue->setMinimumWidth(m_opacityValue->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    m_opacityLabel->setBuddy(m_opacity);
    grid->addWidget(m_opacityLabel, 1, 0);
    grid->addWidget(m_opacity, 1, 1);
    grid->addWidget(m_opacityValue, 1, 2);

    m_error = new QLabel(body);
    m_error->setObjectName(QStringLiteral("layerError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    grid->addWidget(m_error, 2, 0, 1, 3);
    setWidget(body);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &LayerTreeDock::onCurrentChanged);
    // A rebuild starts with clear(): remember the selection before it, restore it after.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (currentLayer().isValid())
            m_selectedBeforeRebuild = currentLayer();
    });
    connect(m_model, &LayerTreeModel::rebuilt, this, &LayerTreeDock::onModelRebuilt);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &LayerTreeDock::showContextMenu);
    connect(m_opacity, &QSlider::valueChanged, this, &LayerTreeDock::onOpacitySlider);
    retranslate();
}

void LayerTreeDock::retranslate()
{
    setWindowTitle(tr("Layers"));
    m_opacityLabel->setText(tr("&Opacity"));
    m_opacity->setToolTip(tr("Opacity of the selected layer"));
}

void LayerTreeDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->setSession(m_session); // group names and state tooltips are translated text
        m_tree->expandAll();
    }
    QDockWidget::changeEvent(event);
}

void LayerTreeDock::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_selectedBeforeRebuild = {};
    m_model->setSession(session);
    if (m_session) {
        connect(m_session, &ProjectSession::layerChanged, this, &LayerTreeDock::onLayerChanged);
        connect(m_session, &ProjectSession::layerStateChanged, this, &LayerTreeDock::onLayerChanged);
    }
    m_tree->expandAll();
    onCurrentChanged();
}

void LayerTreeDock::onModelRebuilt()
{
    m_tree->expandAll();
    const data::LayerId keep = std::exchange(m_selectedBeforeRebuild, data::LayerId{});
    if (keep.isValid() && m_model->indexOf(keep).isValid())
        selectLayer(keep); // emits currentChanged → onCurrentChanged
    else
        onCurrentChanged();
}

void LayerTreeDock::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    if (m_contextActions.isEmpty())
        return;
    QMenu menu(this);
    menu.addActions(m_contextActions);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

data::LayerId LayerTreeDock::currentLayer() const
{
    return m_model->layerIdAt(m_tree->currentIndex());
}

void LayerTreeDock::selectLayer(data::LayerId id)
{
    m_tree->setCurrentIndex(m_model->indexOf(id));
}

void LayerTreeDock::onCurrentChanged()
{
    const data::LayerId id = currentLayer();
    const data::LayerSettings* layer = (m_session && id.isValid()) ? m_session->project().layer(id) : nullptr;
    m_updating = true;
    m_opacity->setEnabled(layer != nullptr);
    m_opacity->setValue(layer ? int(std::lround(layer->opacity * 100.0)) : 100);
    m_opacityValue->setText(layer ? QStringLiteral("%1 %").arg(m_opacity->value()) : QString());
    m_updating = false;
    const QString error = layer ? m_session->layerError(id) : QString();
    m_error->setText(error.isEmpty() ? QString() : tr("Failed to load: %1").arg(error));
    m_error->setVisible(!error.isEmpty());
    emit currentLayerChanged(id);
}

void LayerTreeDock::onOpacitySlider(int value)
{
    m_opacityValue->setText(QStringLiteral("%1 %").arg(value));
    const data::LayerId id = currentLayer();
    if (m_updating || !m_session || !id.isValid())
        return;
    m_session->setLayerOpacity(id, value / 100.0);
}

void LayerTreeDock::onLayerChanged(data::LayerId id)
{
    if (id == currentLayer())
        onCurrentChanged();
}

} // namespace citytwin::app
