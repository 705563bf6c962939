#pragma once

#include "data/Model.h"

#include <QTreeWidget>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace citytwin::app {

//! The element tree of one model layer, built from the features' parent links (IFC: project →
//! site → building → storeys → spaces → elements; CityGML: building → surfaces). Columns: name
//! (or external id) and type; hidden features are shown greyed. Selecting an item emits
//! featureSelected; setCurrentFeature() follows a selection made elsewhere without emitting.
class ModelTreeWidget : public QTreeWidget
{
    Q_OBJECT
public:
    explicit ModelTreeWidget(QWidget* parent = nullptr);

    //! Shows FEATURES (any order; a parent that is missing or on a cycle makes a root).
    void setFeatures(const std::vector<data::ModelFeature>& features);
    //! Greys out the features in HIDDEN (every other one is drawn normally).
    void setHiddenFeatures(const std::vector<std::int64_t>& hidden);
    //! Selects and reveals feature ID (nullopt: no selection); emits nothing.
    void setCurrentFeature(std::optional<std::int64_t> id);
    std::optional<std::int64_t> currentFeature() const;

    QTreeWidgetItem* itemFor(std::int64_t id) const;
    //! The feature id of ITEM (nullopt for null).
    static std::optional<std::int64_t> featureOf(const QTreeWidgetItem* item);
    int featureCount() const { return int(m_items.size()); }
    void retranslate();

signals:
    //! The user selected the item of feature ID.
    void featureSelected(std::int64_t id);

private:
    void onSelectionChanged();

    std::unordered_map<std::int64_t, QTreeWidgetItem*> m_items;
    bool m_updating = false; //!< selection set by code: do not emit
};

} // namespace citytwin::app
