#include "app/PipeAnalysisController.h"

#include "app/OsgViewWidget.h"
#include "app/PipeFilterDialog.h"
#include "app/ProjectSession.h"
#include "data/PipeMapping.h"
#include "scene/CityScene.h"
#include "scene/FeatureStyler.h"
#include "scene/PipeNetworkIndex.h"

#include <QAction>
#include <map>
#include <unordered_map>

// The pipe filter: the form, colouring the loaded pipe layers and restoring their styles.
namespace citytwin::app {

namespace {

//! Matching pipes: magenta, a colour no network of CJJ 61 uses, so it reads as "flagged".
const osg::Vec4f kWarningColour{1.0f, 0.0f, 0.85f, 1.0f};
//! Other pipes keep a hint of their network colour, dark enough to recede.
constexpr float kDimFactor = 0.3f;

const scene::PipeNetworkIndex* indexOf(ProjectSession* session, data::LayerId id)
{
    return session ? scene::pipeNetworkIndex(session->scene().layerNode(id)) : nullptr;
}

} // namespace

QString pipeAgeText(int installYear, int referenceYear)
{
    if (installYear <= 0)
        return {};
    if (installYear > referenceYear)
        return PipeAnalysisController::tr("installed %1 (after %2)").arg(installYear).arg(referenceYear);
    const int age = referenceYear - installYear;
    // No %n plural: English ships without a .ts file, so it would print "year(s)".
    if (age == 1)
        return PipeAnalysisController::tr("1 year (installed %1)").arg(installYear);
    return PipeAnalysisController::tr("%1 years (installed %2)").arg(age).arg(installYear);
}

PipeAnalysisController::PipeAnalysisController(OsgViewWidget* view, QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_view(view), m_dialogParent(dialogParent)
{
    m_filterAction = new QAction(this);
    m_filterAction->setObjectName(QStringLiteral("pipeFilterAction"));
    m_clearanceAction = new QAction(this);
    m_clearanceAction->setObjectName(QStringLiteral("measureClearanceAction"));
    m_clearAction = new QAction(this);
    m_clearAction->setObjectName(QStringLiteral("clearPipeAnalysisAction"));
    connect(m_filterAction, &QAction::triggered, this, &PipeAnalysisController::showDialog);
    connect(m_clearanceAction, &QAction::triggered, this, &PipeAnalysisController::startClearance);
    connect(m_clearAction, &QAction::triggered, this, [this] {
        cancelClearance();
        clearClearance();
        clearFilter();
    });
    retranslate();
    setSession(nullptr);
}

PipeAnalysisController::~PipeAnalysisController()
{
    cancelClearance();
    clearClearance();
}

PipeFilterDialog* PipeAnalysisController::dialog() const
{
    return m_dialog.data();
}

QList<QAction*> PipeAnalysisController::actions() const
{
    return {m_filterAction, m_clearanceAction, m_clearAction};
}

void PipeAnalysisController::retranslate()
{
    m_filterAction->setText(tr("Pipe &Filter…"));
    m_filterAction->setStatusTip(tr("Highlight pipes by age, material and network"));
    m_clearanceAction->setText(tr("Measure &Clearance"));
    m_clearanceAction->setStatusTip(tr("Click two pipes to measure the clearance between them"));
    m_clearAction->setText(tr("Clear Pipe Analysis"));
}

void PipeAnalysisController::setSession(ProjectSession* session)
{
    for (QAction* a : actions())
        a->setEnabled(session != nullptr);
    if (session == m_session && !m_sessionConnections.isEmpty())
        return; // the same session again: keep the filter and its colours
    cancelClearance();
    clearClearance();
    if (m_session)
        clearFilter();
    for (const auto& c : m_sessionConnections)
        disconnect(c);
    m_sessionConnections.clear();
    m_filter.reset();
    m_result = {};
    m_session = session;
    if (m_dialog) {
        m_dialog->setSummary(QString());
        if (!session)
            m_dialog->close();
    }
    if (!session)
        return;
    // A layer restyled or reloaded under an applied filter gets the filter's colours again.
    m_sessionConnections << connect(session, &ProjectSession::featureStyleApplied, this,
                                    [this](data::LayerId id) {
                                        if (m_filter && !m_clearing && indexOf(m_session, id))
                                            applyFilter(*m_filter);
                                    });
    m_sessionConnections << connect(
        session, &ProjectSession::layerStateChanged, this, [this](data::LayerId id) {
            if (m_filter && m_session && m_session->layerState(id) == ProjectSession::LayerState::Ready &&
                indexOf(m_session, id))
                applyFilter(*m_filter);
        });
}

int PipeAnalysisController::referenceYear() const
{
    return data::referenceYearOf(m_session ? m_session->scene().time() : 0);
}

QStringList PipeAnalysisController::materials() const
{
    std::map<QString, QString> byKey; // case-folded → first spelling
    if (m_session)
        for (data::LayerId id : m_session->pipeLayers())
            if (const auto* index = indexOf(m_session, id))
                for (const data::PipeLine& p : index->pipes())
                    if (!p.material.trimmed().isEmpty())
                        byKey.emplace(p.material.trimmed().toCaseFolded(), p.material.trimmed());
    QStringList list;
    for (const auto& [key, spelling] : byKey)
        list << spelling;
    return list;
}

std::vector<data::PipeNetwork> PipeAnalysisController::networks() const
{
    std::vector<data::PipeNetwork> list;
    if (m_session)
        for (data::LayerId id : m_session->pipeLayers())
            if (const auto* index = indexOf(m_session, id))
                for (const data::PipeLine& p : index->pipes())
                    if (std::find(list.begin(), list.end(), p.network) == list.end())
                        list.push_back(p.network);
    std::sort(list.begin(), list.end());
    return list;
}

void PipeAnalysisController::showDialog()
{
    if (!m_session)
        return;
    if (!m_dialog) {
        m_dialog = new PipeFilterDialog(m_dialogParent);
        connect(m_dialog, &PipeFilterDialog::applyRequested, this,
                [this](const data::PipeFilter& f) { applyFilter(f); });
        connect(m_dialog, &PipeFilterDialog::clearRequested, this, &PipeAnalysisController::clearFilter);
    }
    m_dialog->setChoices(materials(), networks());
    m_dialog->setReferenceYear(referenceYear());
    if (m_filter)
        m_dialog->setFilter(*m_filter);
    m_dialog->setSummary(filterSummary());
    m_dialog->show();
    m_dialog->raise();
}

PipeAnalysisController::FilterResult PipeAnalysisController::applyFilter(const data::PipeFilter& filter)
{
    m_filter = filter;
    m_result = {};
    if (m_session)
        for (data::LayerId id : m_session->pipeLayers())
            applyToLayer(id);
    const QString summary = filterSummary();
    if (m_dialog) {
        m_dialog->setReferenceYear(referenceYear());
        m_dialog->setSummary(summary);
    }
    if (m_view)
        m_view->update();
    emit message(summary);
    return m_result;
}

void PipeAnalysisController::applyToLayer(data::LayerId id)
{
    const scene::PipeNetworkIndex* index = indexOf(m_session, id);
    osg::Node* node = m_session ? m_session->scene().layerNode(id) : nullptr;
    if (!index || !node || !m_filter)
        return;
    const int year = referenceYear();
    std::unordered_map<std::int64_t, osg::Vec4f> colours;
    colours.reserve(index->pipes().size());
    for (const data::PipeLine& p : index->pipes()) {
        ++m_result.total;
        if (m_filter->matches(p, year)) {
            ++m_result.matched;
            m_result.lengthM += data::pipePlanLength(p);
            colours[p.id] = kWarningColour;
        } else {
            const auto rgb = data::pipeNetworkColour(p.network);
            colours[p.id] = {rgb[0] * kDimFactor, rgb[1] * kDimFactor, rgb[2] * kDimFactor, 1.0f};
        }
    }
    scene::setFeatureColours(node, colours);
}

void PipeAnalysisController::clearFilter()
{
    const bool had = m_filter.has_value();
    m_filter.reset();
    m_result = {};
    if (m_dialog)
        m_dialog->setSummary(QString());
    if (!m_session || !had)
        return;
    m_clearing = true;
    for (data::LayerId id : m_session->pipeLayers()) {
        const data::LayerSettings* layer = m_session->project().layer(id);
        if (layer && layer->style.contains(QStringLiteral("featureStyle")))
            m_session->setFeatureStyle(id, m_session->featureStyle(id)); // its own classification again
        else if (osg::Node* node = m_session->scene().layerNode(id))
            scene::setFeatureColours(node, {}); // never styled: the network colours (no edit to the project)
    }
    m_clearing = false;
    if (m_view)
        m_view->update();
    emit message(tr("Pipe filter cleared"));
}

QString PipeAnalysisController::filterSummary() const
{
    if (!m_filter)
        return {};
    return tr("%1 of %2 pipes, %3 km")
        .arg(m_result.matched)
        .arg(m_result.total)
        .arg(m_result.lengthM / 1000.0, 0, 'f', 1);
}

} // namespace citytwin::app
