#include "app/SectionDock.h"

#include "app/GuiLog.h"
#include "app/OsgViewWidget.h"
#include "app/ProjectSession.h"
#include "app/SectionCurtain.h"
#include "app/SectionProfileWidget.h"
#include "data/PipeMapping.h"
#include "scene/CityScene.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace citytwin::app {

namespace {

enum Column { kNetwork, kMaterial, kDepthTop, kDepthCentre, kSize, kYear, kDistance, kLayer, kColumnCount };

QTableWidgetItem* item(const QString& text, bool number = false)
{
    auto* it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

} // namespace

SectionDock::SectionDock(OsgViewWidget* view, QWidget* parent)
    : QDockWidget(parent), m_view(view), m_tool(std::make_unique<MapSketchTool>(view))
{
    setObjectName(QStringLiteral("SectionDock"));
    m_drawAction = new QAction(this);
    m_drawAction->setCheckable(true);
    m_exportAction = new QAction(this);
    m_clearAction = new QAction(this);
    m_exportAction->setEnabled(false);
    m_clearAction->setEnabled(false);
    connect(m_drawAction, &QAction::triggered, this, &SectionDock::startDrawing);
    connect(m_exportAction, &QAction::triggered, this, &SectionDock::exportWithDialog);
    connect(m_clearAction, &QAction::triggered, this, &SectionDock::clearSection);

    connect(m_tool.get(), &MapSketchTool::finished, this,
            [this](const std::vector<data::LocalPoint>& points, MapSketchTool::Shape) {
                sketchFinished(points);
            });
    connect(m_tool.get(), &MapSketchTool::cancelled, this, [this] { m_drawAction->setChecked(false); });

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    m_drawButton = new QToolButton(body);
    m_drawButton->setDefaultAction(m_drawAction);
    m_exportButton = new QToolButton(body);
    m_exportButton->setDefaultAction(m_exportAction);
    m_clearButton = new QToolButton(body);
    m_clearButton->setDefaultAction(m_clearAction);
    m_exaggerationLabel = new QLabel(body);
    m_exaggeration = new QDoubleSpinBox(body);
    m_exaggeration->setRange(0.0, 100.0);
    m_exaggeration->setDecimals(1);
    m_exaggeration->setSingleStep(1.0);
    m_exaggeration->setValue(0.0);
    m_exaggerationLabel->setBuddy(m_exaggeration);
    bar->addWidget(m_drawButton);
    bar->addWidget(m_clearButton);
    bar->addWidget(m_exportButton);
    bar->addStretch(1);
    bar->addWidget(m_exaggerationLabel);
    bar->addWidget(m_exaggeration);
    layout->addLayout(bar);

    auto* splitter = new QSplitter(Qt::Vertical, body);
    m_profile = new SectionProfileWidget(splitter);
    m_table = new QTableWidget(0, kColumnCount, splitter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    splitter->addWidget(m_profile);
    splitter->addWidget(m_table);
    layout->addWidget(splitter, 1);
    m_status = new QLabel(body);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    setWidget(body);

    connect(m_exaggeration, &QDoubleSpinBox::valueChanged, m_profile,
            &SectionProfileWidget::setVerticalExaggeration);
    connect(m_profile, &SectionProfileWidget::crossingClicked, this,
            [this](int index) { m_table->selectRow(index); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        selectCrossing(rows.isEmpty() ? -1 : rows.first().row());
    });
    retranslate();
}

SectionDock::~SectionDock()
{
    removeCurtain();
}

void SectionDock::setSession(ProjectSession* session)
{
    clearSection();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        // A reloaded pipe layer (new field mapping) or a newly loaded DEM changes the crossings:
        // cut the same line again.
        connect(session, &ProjectSession::loadingFinished, this, [this] {
            if (section()) {
                const std::vector<data::ProjectedPoint> line = section()->line;
                showSection(line);
            }
        });
    }
    m_tool->setScene(session ? &session->scene() : nullptr);
    m_drawAction->setEnabled(session != nullptr);
    m_drawAction->setChecked(false);
}

void SectionDock::retranslate()
{
    setWindowTitle(tr("Vertical Section"));
    m_drawAction->setText(tr("Draw Section Line"));
    m_drawAction->setToolTip(tr("Click points on the map; double-click or Enter finishes, Esc cancels"));
    m_exportAction->setText(tr("Export CSV…"));
    m_clearAction->setText(tr("Clear Section"));
    m_exaggerationLabel->setText(tr("Vertical ×"));
    m_exaggeration->setSpecialValueText(tr("fit"));
    m_exaggeration->setToolTip(tr("Vertical exaggeration of the profile (fit: as high as the drawing)"));
    m_profile->setEmptyText(tr("Draw a section line on the map to see the pipes it crosses."));
    m_table->setHorizontalHeaderLabels({tr("Network"), tr("Material"), tr("Depth to top (m)"),
                                        tr("Depth to centre (m)"), tr("Size"), tr("Install year"),
                                        tr("Distance (m)"), tr("Layer")});
    if (section())
        fillTable(); // network names are translated text
    setStatus(m_statusText);
}

const std::optional<SectionResult>& SectionDock::section() const
{
    return m_profile->section();
}

void SectionDock::startDrawing(bool checked)
{
    if (!checked) {
        m_tool->cancel();
        return;
    }
    if (!m_session) {
        m_drawAction->setChecked(false);
        return;
    }
    m_tool->start(MapSketchTool::Shape::Polyline);
    setStatus(tr("Click the section line's points on the map; double-click or Enter finishes."));
}

void SectionDock::sketchFinished(const std::vector<data::LocalPoint>& points)
{
    m_drawAction->setChecked(false);
    if (!m_session)
        return;
    std::vector<data::ProjectedPoint> line;
    for (const data::LocalPoint& p : points)
        line.push_back(m_session->project().toProjected(p));
    showSection(line);
}

bool SectionDock::showSection(const std::vector<data::ProjectedPoint>& line)
{
    if (!m_session) {
        setStatus(tr("No project is open."));
        return false;
    }
    auto computed = computeSection(*m_session, line);
    if (!computed) {
        clearSection();
        setStatus(computed.status().message());
        qCInfo(lcGui) << "section:" << computed.status().message();
        return false;
    }
    m_profile->setSection(std::move(computed).value());
    fillTable();
    updateCurtain();
    m_exportAction->setEnabled(true);
    m_clearAction->setEnabled(true);
    const SectionResult& s = *section();
    QString text =
        tr("%n pipe(s) crossed along %1 m.", nullptr, int(s.crossings.size())).arg(s.lengthM, 0, 'f', 1);
    if (!s.hasGround)
        text += QLatin1Char(' ') + tr("No elevation layer: depths below ground are unknown.");
    setStatus(text);
    if (!isVisible())
        show();
    return true;
}

void SectionDock::clearSection()
{
    m_profile->setSection(std::nullopt);
    m_table->setRowCount(0);
    removeCurtain();
    m_exportAction->setEnabled(false);
    m_clearAction->setEnabled(false);
    setStatus({});
}

void SectionDock::fillTable()
{
    const QSignalBlocker blocker(m_table);
    m_table->clearContents();
    const auto& s = section();
    m_table->setRowCount(s ? int(s->crossings.size()) : 0);
    if (!s)
        return;
    for (int row = 0; row < int(s->crossings.size()); ++row) {
        const data::PipeCrossing& c = s->crossings[size_t(row)];
        auto* network = item(SectionText::network(c.network));
        const auto rgb = data::pipeNetworkColour(c.network);
        network->setData(Qt::DecorationRole, QColor::fromRgbF(rgb[0], rgb[1], rgb[2]));
        m_table->setItem(row, kNetwork, network);
        m_table->setItem(row, kMaterial, item(c.material));
        m_table->setItem(row, kDepthTop, item(SectionText::metres(c.depthTopM), true));
        m_table->setItem(row, kDepthCentre, item(SectionText::metres(c.depthCentreM), true));
        m_table->setItem(row, kSize, item(SectionText::size(c)));
        m_table->setItem(row, kYear,
                         item(c.installYear > 0 ? QString::number(c.installYear) : QString(), true));
        m_table->setItem(row, kDistance, item(QString::number(c.distanceM, 'f', 2), true));
        m_table->setItem(row, kLayer, item(s->layerName(c.layer)));
    }
    m_table->resizeColumnsToContents();
}

void SectionDock::selectCrossing(int index)
{
    m_profile->setHighlighted(index);
    const auto& s = section();
    if (s && index >= 0 && index < int(s->crossings.size())) {
        const data::PipeCrossing& c = s->crossings[size_t(index)];
        emit crossingSelected(c.layer, c.pipeId);
    }
}

void SectionDock::updateCurtain()
{
    removeCurtain();
    if (!m_session || !section())
        return;
    m_curtain = buildSectionCurtain(*section(), m_session->project().origin);
    m_curtainParent = m_session->scene().analysisGroup();
    m_curtainParent->addChild(m_curtain);
    if (m_view)
        m_view->update();
}

void SectionDock::removeCurtain()
{
    osg::ref_ptr<osg::Group> parent;
    if (m_curtain && m_curtainParent.lock(parent))
        parent->removeChild(m_curtain);
    m_curtain = nullptr;
    m_curtainParent = nullptr;
    if (m_view)
        m_view->update();
}

data::Status SectionDock::exportCsv(const QString& path) const
{
    if (!section())
        return data::Status::error(data::Status::Code::InvalidArgument, tr("There is no section to export."));
    QSaveFile file(path);
    const QByteArray bytes = sectionCsv(*section());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return data::Status::error(data::Status::Code::IoError,
                                   tr("%1: cannot write the file (%2)").arg(path, file.errorString()));
    return data::Status::ok();
}

void SectionDock::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Section"),
                                                      QStringLiteral("section.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const data::Status s = exportCsv(path); !s)
        QMessageBox::warning(this, tr("Export Section"), s.message());
}

void SectionDock::setStatus(const QString& text)
{
    m_statusText = text;
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

} // namespace citytwin::app
