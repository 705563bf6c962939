#include "app/ModelTreeWidget.h"

#include <QHeaderView>
#include <deque>
#include <unordered_set>
#include <utility>

namespace citytwin::app {

namespace {

constexpr int kIdRole = Qt::UserRole;
//! Trees deeper than this start collapsed below it (an IFC storey's elements: hundreds of rows).
constexpr int kExpandDepth = 3;
constexpr int kTypeColumnPx = 110;

QString itemText(const data::ModelFeature& f)
{
    // Unnamed IFC sites/storeys would otherwise show a GlobalId: the type says more (the
    // external id is the item's tooltip).
    if (!f.name.isEmpty())
        return f.name;
    if (!f.type.isEmpty())
        return f.type;
    if (!f.externalId.isEmpty())
        return f.externalId;
    return QStringLiteral("#%1").arg(f.id);
}

} // namespace

ModelTreeWidget::ModelTreeWidget(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("modelTree"));
    setColumnCount(2);
    setIndentation(12);         // IFC nests five deep before the elements: keep their names readable
    setUniformRowHeights(true); // thousands of IFC elements: skip per-row size queries
    setSelectionMode(QAbstractItemView::SingleSelection);
    // The nested names take the width the narrow dock has; the type column is the user's to widen.
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::Interactive);
    header()->resizeSection(1, kTypeColumnPx);
    connect(this, &QTreeWidget::itemSelectionChanged, this, &ModelTreeWidget::onSelectionChanged);
    retranslate();
}

void ModelTreeWidget::retranslate()
{
    setHeaderLabels({tr("Element"), tr("Type")});
}

void ModelTreeWidget::setFeatures(const std::vector<data::ModelFeature>& features)
{
    const bool wasUpdating = std::exchange(m_updating, true);
    clear();
    m_items.clear();
    std::unordered_map<std::int64_t, std::vector<const data::ModelFeature*>> children;
    std::unordered_set<std::int64_t> ids;
    for (const data::ModelFeature& f : features)
        ids.insert(f.id);
    for (const data::ModelFeature& f : features)
        children[f.parent].push_back(&f);

    auto makeItem = [this](const data::ModelFeature& f, QTreeWidgetItem* parent) {
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
        item->setText(0, itemText(f));
        item->setText(1, f.type);
        item->setData(0, kIdRole, QVariant::fromValue<qlonglong>(f.id));
        if (!f.externalId.isEmpty())
            item->setToolTip(0, f.externalId);
        m_items.emplace(f.id, item);
        return item;
    };
    // Breadth first from the roots, so that each item is created under an existing parent.
    std::deque<std::pair<const data::ModelFeature*, int>> queue;
    for (const data::ModelFeature& f : features)
        if (f.parent < 0 || !ids.count(f.parent) || f.parent == f.id)
            queue.emplace_back(&f, 0);
    while (!queue.empty()) {
        const auto [f, depth] = queue.front();
        queue.pop_front();
        if (m_items.count(f->id))
            continue; // a duplicate id: the first one wins
        const auto parentIt = depth > 0 ? m_items.find(f->parent) : m_items.end();
        QTreeWidgetItem* item = makeItem(*f, parentIt != m_items.end() ? parentIt->second : nullptr);
        item->setExpanded(depth < kExpandDepth);
        if (const auto kids = children.find(f->id); kids != children.end())
            for (const data::ModelFeature* kid : kids->second)
                if (kid != f)
                    queue.emplace_back(kid, depth + 1);
    }
    // Features on a parent cycle are reachable from no root: show them as roots rather than lose them.
    for (const data::ModelFeature& f : features)
        if (!m_items.count(f.id))
            makeItem(f, nullptr);
    m_updating = wasUpdating;
}

void ModelTreeWidget::setHiddenFeatures(const std::vector<std::int64_t>& hidden)
{
    const std::unordered_set<std::int64_t> set(hidden.begin(), hidden.end());
    const QBrush normal = palette().brush(QPalette::Text);
    const QBrush grey = palette().brush(QPalette::Disabled, QPalette::Text);
    for (const auto& [id, item] : m_items) {
        const bool isHidden = set.count(id) > 0;
        for (int column = 0; column < columnCount(); ++column)
            item->setForeground(column, isHidden ? grey : normal);
        QFont font = item->font(0);
        font.setItalic(isHidden);
        item->setFont(0, font);
    }
}

void ModelTreeWidget::setCurrentFeature(std::optional<std::int64_t> id)
{
    const bool wasUpdating = std::exchange(m_updating, true);
    QTreeWidgetItem* item = id ? itemFor(*id) : nullptr;
    if (item) {
        setCurrentItem(item);
        scrollToItem(item);
    } else {
        clearSelection();
        setCurrentItem(nullptr);
    }
    m_updating = wasUpdating;
}

std::optional<std::int64_t> ModelTreeWidget::currentFeature() const
{
    const QList<QTreeWidgetItem*> selected = selectedItems();
    return selected.isEmpty() ? std::nullopt : featureOf(selected.front());
}

QTreeWidgetItem* ModelTreeWidget::itemFor(std::int64_t id) const
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : it->second;
}

std::optional<std::int64_t> ModelTreeWidget::featureOf(const QTreeWidgetItem* item)
{
    if (!item)
        return std::nullopt;
    return item->data(0, kIdRole).toLongLong();
}

void ModelTreeWidget::onSelectionChanged()
{
    if (m_updating)
        return;
    if (const std::optional<std::int64_t> id = currentFeature())
        emit featureSelected(*id);
}

} // namespace citytwin::app
