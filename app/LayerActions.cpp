#include "app/LayerActions.h"

#include "app/AddLayerDialog.h"
#include "app/GuiLog.h"
#include "app/LayerPropertiesDialog.h"
#include "app/TemporalPanel.h"
#include "app/LayerTreeDock.h"
#include "app/ProjectSession.h"
#include "app/TrustStore.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QUrl>
#include <QWidget>
#include <algorithm>

namespace citytwin::app {

namespace {

//! Rows of ID's group in tree order (ascending draw order), and ID's row among them (-1: not found).
std::pair<int, int> rowInGroup(const data::Project& project, data::LayerId id)
{
    const data::LayerSettings* layer = project.layer(id);
    if (!layer)
        return {-1, 0};
    int row = -1;
    int count = 0;
    for (const data::LayerSettings& l : project.layersInDrawOrder()) {
        if (l.group != layer->group)
            continue;
        if (l.id == id)
            row = count;
        ++count;
    }
    return {row, count};
}

//! A dragged text line that names a service (not prose): an URL or an XYZ template.
bool isSourceText(const QString& line)
{
    return line.contains(QLatin1String("://")) ||
           line.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive);
}

} // namespace

LayerActions::LayerActions(LayerTreeDock* dock, QWidget* dialogParent)
    : QObject(dialogParent), m_dock(dock), m_parent(dialogParent)
{
    m_add = new QAction(this);
    m_add->setObjectName(QStringLiteral("addLayerAction"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_add, &QAction::triggered, this, [this] { openAddLayerDialog(); });
    m_remove = new QAction(this);
    m_remove->setObjectName(QStringLiteral("removeLayerAction"));
    connect(m_remove, &QAction::triggered, this, &LayerActions::removeCurrent);
    m_moveUp = new QAction(this);
    m_moveUp->setObjectName(QStringLiteral("moveLayerUpAction"));
    connect(m_moveUp, &QAction::triggered, this, [this] { moveCurrent(-1); });
    m_moveDown = new QAction(this);
    m_moveDown->setObjectName(QStringLiteral("moveLayerDownAction"));
    connect(m_moveDown, &QAction::triggered, this, [this] { moveCurrent(+1); });
    m_properties = new QAction(this);
    m_properties->setObjectName(QStringLiteral("layerPropertiesAction"));
    connect(m_properties, &QAction::triggered, this, [this] { openPropertiesDialog(); });
    m_trust = new QAction(this);
    m_trust->setObjectName(QStringLiteral("trustLayerAction"));
    connect(m_trust, &QAction::triggered, this, &LayerActions::trustCurrent);
    m_separator = new QAction(this);
    m_separator->setSeparator(true);

    m_parent->setAcceptDrops(true);
    m_parent->installEventFilter(this);
    m_dock->setContextActions({m_add, m_separator, m_moveUp, m_moveDown, m_remove, m_trust, m_properties});
    connect(m_dock, &LayerTreeDock::currentLayerChanged, this, &LayerActions::updateEnabled);
    retranslate();
    updateEnabled();
}

void LayerActions::retranslate()
{
    m_add->setText(tr("&Add Layer…"));
    m_add->setStatusTip(tr("Add imagery, elevation or buildings from a file or a tile service"));
    m_remove->setText(tr("&Remove Layer"));
    m_remove->setStatusTip(tr("Remove the selected layer from the project"));
    m_moveUp->setText(tr("Move &Up"));
    m_moveUp->setStatusTip(tr("Move the selected layer one row up in its group (drawn earlier)"));
    m_moveDown->setText(tr("Move &Down"));
    m_moveDown->setStatusTip(tr("Move the selected layer one row down in its group (drawn later, on top)"));
    m_properties->setText(tr("Layer &Properties…"));
    m_properties->setStatusTip(tr("Opacity and vertical exaggeration of the selected layer"));
    m_trust->setText(tr("Allow &Network Access"));
    m_trust->setStatusTip(tr("Trust the selected layer's tile service and load it"));
}

void LayerActions::populate(QMenu* menu) const
{
    menu->addAction(m_add);
    menu->addSeparator();
    menu->addAction(m_moveUp);
    menu->addAction(m_moveDown);
    menu->addAction(m_remove);
    menu->addSeparator();
    menu->addAction(m_trust);
    menu->addAction(m_properties);
}

void LayerActions::setSession(ProjectSession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &ProjectSession::layersChanged, this, &LayerActions::updateEnabled);
        // Trusting a layer (here or in the prompt) changes its state.
        connect(m_session, &ProjectSession::layerStateChanged, this, &LayerActions::updateEnabled);
    }
    updateEnabled();
}

void LayerActions::updateEnabled()
{
    const bool open = m_session != nullptr;
    const data::LayerId id = m_dock->currentLayer();
    const auto [row, count] = open && id.isValid() ? rowInGroup(m_session->project(), id) : std::pair{-1, 0};
    m_add->setEnabled(open);
    m_remove->setEnabled(row >= 0);
    m_properties->setEnabled(row >= 0);
    m_moveUp->setEnabled(row > 0);
    m_moveDown->setEnabled(row >= 0 && row + 1 < count);
    bool untrusted = false;
    if (row >= 0) {
        const std::vector<data::LayerId> ids = m_session->untrustedLayers();
        untrusted = std::find(ids.begin(), ids.end(), id) != ids.end();
    }
    m_trust->setEnabled(untrusted);
}

AddLayerDialog* LayerActions::openAddLayerDialog()
{
    if (!m_session)
        return nullptr;
    auto* dialog = new AddLayerDialog(m_session, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const data::LayerId id = dialog->addedLayer();
        m_dock->selectLayer(id);
        emit statusMessage(tr("Added layer “%1”").arg(dialog->layerSettings().name));
    });
    dialog->open();
    return dialog;
}

LayerPropertiesDialog* LayerActions::openPropertiesDialog()
{
    const data::LayerId id = m_dock->currentLayer();
    if (!m_session || !id.isValid())
        return nullptr;
    auto* dialog = new LayerPropertiesDialog(m_session, id, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (TemporalPanel* time = dialog->temporalPanel())
        connect(time, &TemporalPanel::changed, m_session.data(), &ProjectSession::setLayerTemporal);
    dialog->open();
    return dialog;
}

QList<data::LayerId> LayerActions::addSources(const QStringList& uris)
{
    m_errors.clear();
    QList<data::LayerId> added;
    if (!m_session) {
        m_errors.append(tr("Open or create a project before adding layers."));
        emit statusMessage(m_errors.back());
        return added;
    }
    for (const QString& uri : uris) {
        auto layer = ProjectSession::layerForSource(uri);
        auto id = layer ? m_session->addLayer(layer.value()) : data::Result<data::LayerId>(layer.status());
        if (!id) {
            m_errors.append(tr("Could not add %1: %2").arg(uri, id.status().message()));
            qCWarning(lcGui).noquote() << m_errors.back();
            continue;
        }
        added.append(id.value());
    }
    if (!added.isEmpty())
        m_dock->selectLayer(added.back());
    if (!m_errors.isEmpty())
        emit statusMessage(m_errors.join(QLatin1Char('\n')));
    else if (!added.isEmpty())
        emit statusMessage(tr("Added %n layer(s)", "", int(added.size())));
    return added;
}

QStringList LayerActions::sourcesFromMimeData(const QMimeData* mime)
{
    QStringList sources;
    if (!mime)
        return sources;
    if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile()) {
                sources.append(url.toLocalFile());
            } else if (url.isValid() && !url.scheme().isEmpty()) {
                // QUrl percent-encodes the braces of an XYZ template; the template needs them literal.
                QString text = url.toString();
                text.replace(QLatin1String("%7B"), QLatin1String("{"), Qt::CaseInsensitive);
                text.replace(QLatin1String("%7D"), QLatin1String("}"), Qt::CaseInsensitive);
                sources.append(text);
            }
        }
    }
    if (sources.isEmpty() && mime->hasText()) {
        const QStringList lines = mime->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& line : lines) {
            const QString t = line.trimmed();
            if (t.startsWith(QLatin1String("file://"), Qt::CaseInsensitive) &&
                !t.contains(QLatin1String("{z}")))
                sources.append(QUrl(t).toLocalFile());
            else if (isSourceText(t))
                sources.append(t);
        }
    }
    sources.removeDuplicates();
    return sources;
}

bool LayerActions::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_parent)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto* drag = static_cast<QDragMoveEvent*>(event); // QDragEnterEvent derives from it
        if (sourcesFromMimeData(drag->mimeData()).isEmpty())
            return false;
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        const QStringList sources = sourcesFromMimeData(drop->mimeData());
        if (sources.isEmpty())
            return false;
        drop->acceptProposedAction();
        QStringList layers;
        for (const QString& source : sources) {
            if (source.endsWith(QLatin1String(".citytwin"), Qt::CaseInsensitive) &&
                QFileInfo(source).isFile())
                emit projectDropped(source);
            else if (m_tryImport && QFileInfo(source).isFile() && m_tryImport(source))
                continue; // people, events, assets or readings: imported into the project
            else
                layers.append(source);
        }
        if (!layers.isEmpty())
            addSources(layers);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

bool LayerActions::removeCurrent()
{
    const data::LayerId id = m_dock->currentLayer();
    if (!m_session || !id.isValid())
        return false;
    const data::LayerSettings* layer = m_session->project().layer(id);
    const QString name = layer ? layer->name : QString();
    if (!m_session->removeLayer(id))
        return false;
    emit statusMessage(tr("Removed layer “%1”").arg(name));
    updateEnabled();
    return true;
}

bool LayerActions::trustCurrent()
{
    const data::LayerId id = m_dock->currentLayer();
    const data::LayerSettings* layer = m_session && id.isValid() ? m_session->project().layer(id) : nullptr;
    if (!layer)
        return false;
    const QString key = TrustStore::sourceKey(layer->sourceUri, QFileInfo(m_session->path()).absolutePath());
    TrustStore::trust({key});
    emit statusMessage(tr("Trusted %1").arg(TrustStore::serviceHost(key)));
    m_session->trustLayer(id);
    updateEnabled();
    return true;
}

bool LayerActions::moveCurrent(int step)
{
    const data::LayerId id = m_dock->currentLayer();
    if (!m_session || !id.isValid() || step == 0)
        return false;
    // The tree lists a group in ascending draw order, so a row up is one step earlier (-1).
    const bool moved = m_session->moveLayer(id, step < 0 ? -1 : +1);
    if (moved)
        m_dock->selectLayer(id);
    updateEnabled();
    return moved;
}

} // namespace citytwin::app
