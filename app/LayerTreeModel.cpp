#include "app/LayerTreeModel.h"

#include "app/ProjectSession.h"
#include "app/TrustStore.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>
#include <utility>

namespace citytwin::app {

namespace {

constexpr data::LayerGroup kGroupOrder[] = {data::LayerGroup::Basemap,     data::LayerGroup::CityModels,
                                            data::LayerGroup::Underground, data::LayerGroup::People,
                                            data::LayerGroup::Events,      data::LayerGroup::Assets,
                                            data::LayerGroup::Analysis};

QString stateText(ProjectSession::LayerState s)
{
    switch (s) {
    case ProjectSession::LayerState::NotLoaded:
        return LayerTreeModel::tr("not loaded");
    case ProjectSession::LayerState::Loading:
        return LayerTreeModel::tr("loading…");
    case ProjectSession::LayerState::Ready:
        return LayerTreeModel::tr("ready");
    case ProjectSession::LayerState::Failed:
        return LayerTreeModel::tr("failed");
    }
    return {};
}

//! Short form of a layer source for the tooltip: a file's name, a service's host.
QString sourceText(const QString& uri)
{
    if (uri.contains(QLatin1String("://")) || uri.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive))
        return TrustStore::serviceHost(uri);
    return QFileInfo(uri).fileName();
}

QIcon stateIcon(ProjectSession::LayerState s)
{
    QStyle* style = QApplication::style();
    switch (s) {
    case ProjectSession::LayerState::Loading:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case ProjectSession::LayerState::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ProjectSession::LayerState::NotLoaded:
    case ProjectSession::LayerState::Ready:
        break;
    }
    return {};
}

} // namespace

LayerTreeModel::LayerTreeModel(QObject* parent) : QStandardItemModel(parent)
{
    connect(this, &QStandardItemModel::itemChanged, this, &LayerTreeModel::onItemChanged);
}

QString LayerTreeModel::groupName(data::LayerGroup group)
{
    switch (group) {
    case data::LayerGroup::Basemap:
        return tr("Basemap");
    case data::LayerGroup::CityModels:
        return tr("City models");
    case data::LayerGroup::Underground:
        return tr("Underground");
    case data::LayerGroup::People:
        return tr("People");
    case data::LayerGroup::Events:
        return tr("Events");
    case data::LayerGroup::Assets:
        return tr("Assets");
    case data::LayerGroup::Analysis:
        return tr("Analysis");
    }
    return {};
}

void LayerTreeModel::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &ProjectSession::layerChanged, this, &LayerTreeModel::refreshLayer);
        connect(m_session, &ProjectSession::layerStateChanged, this, &LayerTreeModel::refreshLayer);
        connect(m_session, &ProjectSession::layersChanged, this, &LayerTreeModel::rebuild);
    }
    rebuild();
}

void LayerTreeModel::rebuild()
{
    clear();
    m_items.clear();
    m_groups.clear();
    if (!m_session) {
        emit rebuilt();
        return;
    }
    const auto layers = m_session->project().layersInDrawOrder();
    for (data::LayerGroup g : kGroupOrder) {
        QStandardItem* groupItem = nullptr;
        for (const data::LayerSettings& layer : layers) {
            if (layer.group != g)
                continue;
            if (!groupItem) {
                groupItem = new QStandardItem(groupName(g));
                groupItem->setData(int(g), GroupRole);
                groupItem->setEditable(false);
                groupItem->setSelectable(false);
                QFont bold = groupItem->font();
                bold.setBold(true);
                groupItem->setFont(bold);
                invisibleRootItem()->appendRow(groupItem);
                m_groups[g] = groupItem;
            }
            auto* item = new QStandardItem(layer.name);
            const bool wasUpdating = std::exchange(m_updating, true); // not a user edit
            item->setEditable(false);
            item->setCheckable(true);
            item->setData(qint64(layer.id.value), LayerIdRole);
            groupItem->appendRow(item);
            m_items[layer.id] = item;
            m_updating = wasUpdating;
            refreshLayer(layer.id);
        }
    }
    emit rebuilt();
}

void LayerTreeModel::refreshLayer(data::LayerId id)
{
    const auto it = m_items.find(id);
    if (it == m_items.end() || !m_session)
        return;
    const data::LayerSettings* layer = m_session->project().layer(id);
    if (!layer)
        return;
    QStandardItem* item = it->second;
    const ProjectSession::LayerState state = m_session->layerState(id);
    const QString error = m_session->layerError(id);

    m_updating = true;
    item->setText(layer->name);
    item->setCheckState(layer->visible ? Qt::Checked : Qt::Unchecked);
    item->setData(int(state), StateRole);
    item->setIcon(stateIcon(state));
    QString tip = tr("<b>%1</b><br>%2 · %3<br>%4")
                      .arg(layer->name.toHtmlEscaped(), data::toString(layer->kind), stateText(state),
                           sourceText(layer->sourceUri).toHtmlEscaped());
    if (!error.isEmpty())
        tip += QStringLiteral("<br><span style='color:#b00020'>%1</span>").arg(error.toHtmlEscaped());
    if (const QString warning = m_session->layerWarning(id); !warning.isEmpty())
        tip += QStringLiteral("<br><span style='color:#8a5a00'>%1</span>").arg(warning.toHtmlEscaped());
    item->setToolTip(tip);
    item->setForeground(state == ProjectSession::LayerState::Failed ? QBrush(QColor(0xb0, 0x00, 0x20))
                                                                    : QBrush());
    m_updating = false;
}

void LayerTreeModel::onItemChanged(QStandardItem* item)
{
    if (m_updating || !m_session)
        return;
    const data::LayerId id = layerIdAt(item->index());
    if (!id.isValid())
        return;
    const data::LayerSettings* layer = m_session->project().layer(id);
    const bool checked = item->checkState() == Qt::Checked;
    if (layer && layer->visible != checked)
        m_session->setLayerVisible(id, checked);
}

QModelIndex LayerTreeModel::indexOf(data::LayerId id) const
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? QModelIndex() : it->second->index();
}

data::LayerId LayerTreeModel::layerIdAt(const QModelIndex& index) const
{
    const QVariant v = index.data(LayerIdRole);
    return v.isValid() ? data::LayerId{v.toLongLong()} : data::LayerId{};
}

QStandardItem* LayerTreeModel::groupItem(data::LayerGroup group) const
{
    const auto it = m_groups.find(group);
    return it == m_groups.end() ? nullptr : it->second;
}

} // namespace citytwin::app
