#include "app/PipeFilterDialog.h"

#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace citytwin::app {

namespace {

constexpr int kNetworkRole = Qt::UserRole + 1;

//! Adds TEXT (unchecked) to LIST unless an item with that text (case-insensitive) is there.
QListWidgetItem* ensureItem(QListWidget* list, const QString& text)
{
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->text().compare(text, Qt::CaseInsensitive) == 0)
            return list->item(i);
    auto* item = new QListWidgetItem(text, list);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    return item;
}

} // namespace

QString pipeNetworkDisplayName(data::PipeNetwork network)
{
    switch (network) {
    case data::PipeNetwork::WaterSupply:
        return PipeFilterDialog::tr("Water supply");
    case data::PipeNetwork::Drainage:
        return PipeFilterDialog::tr("Drainage");
    case data::PipeNetwork::Sewage:
        return PipeFilterDialog::tr("Sewage");
    case data::PipeNetwork::Gas:
        return PipeFilterDialog::tr("Gas");
    case data::PipeNetwork::Power:
        return PipeFilterDialog::tr("Power");
    case data::PipeNetwork::Telecom:
        return PipeFilterDialog::tr("Telecom");
    case data::PipeNetwork::Heating:
        return PipeFilterDialog::tr("Heating");
    case data::PipeNetwork::Other:
        break;
    }
    return PipeFilterDialog::tr("Other");
}

PipeFilterDialog::PipeFilterDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("pipeFilterDialog"));
    m_age = new QSpinBox(this);
    m_age->setObjectName(QStringLiteral("minAge"));
    m_age->setRange(0, 200);
    m_ageLabel = new QLabel(this);
    m_yearLabel = new QLabel(this);
    m_materialsLabel = new QLabel(this);
    m_networksLabel = new QLabel(this);
    m_materials = new QListWidget(this);
    m_materials->setObjectName(QStringLiteral("materials"));
    m_networks = new QListWidget(this);
    m_networks->setObjectName(QStringLiteral("networks"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_apply = new QPushButton(this);
    m_apply->setDefault(true);
    m_clear = new QPushButton(this);
    m_close = new QPushButton(this);

    auto* form = new QGridLayout;
    form->addWidget(m_ageLabel, 0, 0);
    form->addWidget(m_age, 0, 1);
    form->addWidget(m_yearLabel, 0, 2);
    form->addWidget(m_materialsLabel, 1, 0, 1, 3);
    form->addWidget(m_materials, 2, 0, 1, 3);
    form->addWidget(m_networksLabel, 3, 0, 1, 3);
    form->addWidget(m_networks, 4, 0, 1, 3);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_apply);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);

    connect(m_apply, &QPushButton::clicked, this, [this] { emit applyRequested(filter()); });
    connect(m_clear, &QPushButton::clicked, this, &PipeFilterDialog::clearRequested);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    retranslate();
}

void PipeFilterDialog::setChoices(const QStringList& materials,
                                  const std::vector<data::PipeNetwork>& networks)
{
    const data::PipeFilter kept = filter();
    m_materials->clear();
    m_networks->clear();
    for (const QString& m : materials)
        ensureItem(m_materials, m);
    for (data::PipeNetwork n : networks)
        ensureItem(m_networks, pipeNetworkDisplayName(n))->setData(kNetworkRole, int(n));
    setFilter(kept);
}

void PipeFilterDialog::setFilter(const data::PipeFilter& filter)
{
    m_age->setValue(filter.minAgeYears);
    for (int i = 0; i < m_materials->count(); ++i)
        m_materials->item(i)->setCheckState(Qt::Unchecked);
    for (const QString& m : filter.materials)
        ensureItem(m_materials, m)->setCheckState(Qt::Checked);
    for (int i = 0; i < m_networks->count(); ++i) {
        QListWidgetItem* item = m_networks->item(i);
        const auto n = data::PipeNetwork(item->data(kNetworkRole).toInt());
        const bool on = std::find(filter.networks.begin(), filter.networks.end(), n) != filter.networks.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    for (data::PipeNetwork n : filter.networks) {
        QListWidgetItem* item = ensureItem(m_networks, pipeNetworkDisplayName(n));
        item->setData(kNetworkRole, int(n));
        item->setCheckState(Qt::Checked);
    }
}

data::PipeFilter PipeFilterDialog::filter() const
{
    data::PipeFilter f;
    f.minAgeYears = m_age->value();
    for (int i = 0; i < m_materials->count(); ++i)
        if (m_materials->item(i)->checkState() == Qt::Checked)
            f.materials << m_materials->item(i)->text();
    for (int i = 0; i < m_networks->count(); ++i)
        if (m_networks->item(i)->checkState() == Qt::Checked)
            f.networks.push_back(data::PipeNetwork(m_networks->item(i)->data(kNetworkRole).toInt()));
    return f;
}

void PipeFilterDialog::setReferenceYear(int year)
{
    m_year = year;
    retranslate();
}

void PipeFilterDialog::setSummary(const QString& text)
{
    m_summary->setText(text);
}

QString PipeFilterDialog::summary() const
{
    return m_summary->text();
}

void PipeFilterDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PipeFilterDialog::retranslate()
{
    setWindowTitle(tr("Pipe Filter"));
    m_ageLabel->setText(tr("At least"));
    m_age->setSpecialValueText(tr("any age"));
    m_age->setSuffix(tr(" years"));
    m_yearLabel->setText(m_year > 0 ? tr("old in %1 (the scene clock's year)").arg(m_year) : QString());
    m_materialsLabel->setText(tr("Materials (none ticked: any)"));
    m_networksLabel->setText(tr("Networks (none ticked: any)"));
    for (int i = 0; i < m_networks->count(); ++i)
        m_networks->item(i)->setText(
            pipeNetworkDisplayName(data::PipeNetwork(m_networks->item(i)->data(kNetworkRole).toInt())));
    m_apply->setText(tr("Apply"));
    m_clear->setText(tr("Clear"));
    m_close->setText(tr("Close"));
}

} // namespace citytwin::app
