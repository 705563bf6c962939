#include "data/Project.h"

#include <algorithm>

namespace citytwin::data {

QTimeZone timeZoneOrUtc(const QString& ianaId)
{
    const QTimeZone zone(ianaId.toUtf8());
    return zone.isValid() ? zone : QTimeZone::utc();
}

QTimeZone Project::zone() const
{
    return timeZoneOrUtc(timeZone);
}

LayerId Project::addLayer(LayerSettings layer)
{
    // A caller-chosen id is kept unless another layer already owns it: ids must stay unique because
    // live layers, the store and the UI all key on them.
    if (!layer.id.isValid() || this->layer(layer.id)) {
        std::int64_t maxId = 0;
        for (const LayerSettings& l : m_layers)
            maxId = std::max(maxId, l.id.value);
        layer.id = LayerId{maxId + 1};
    }
    m_layers.push_back(std::move(layer));
    return m_layers.back().id;
}

bool Project::removeLayer(LayerId id)
{
    const auto it =
        std::find_if(m_layers.begin(), m_layers.end(), [id](const LayerSettings& l) { return l.id == id; });
    if (it == m_layers.end())
        return false;
    m_layers.erase(it);
    return true;
}

LayerSettings* Project::layer(LayerId id)
{
    const auto it =
        std::find_if(m_layers.begin(), m_layers.end(), [id](const LayerSettings& l) { return l.id == id; });
    return it == m_layers.end() ? nullptr : &*it;
}

const LayerSettings* Project::layer(LayerId id) const
{
    return const_cast<Project*>(this)->layer(id);
}

std::vector<LayerSettings> Project::layersInDrawOrder() const
{
    std::vector<LayerSettings> sorted = m_layers;
    // Stable: layers with equal group and order keep the order in which they were added.
    std::stable_sort(sorted.begin(), sorted.end(), [](const LayerSettings& a, const LayerSettings& b) {
        if (a.group != b.group)
            return a.group < b.group;
        return a.order < b.order;
    });
    return sorted;
}

void Project::setView(SavedView view)
{
    const auto it =
        std::find_if(m_views.begin(), m_views.end(), [&](const SavedView& v) { return v.name == view.name; });
    if (it != m_views.end())
        *it = std::move(view);
    else
        m_views.push_back(std::move(view));
}

bool Project::removeView(const QString& name)
{
    const auto it =
        std::find_if(m_views.begin(), m_views.end(), [&](const SavedView& v) { return v.name == name; });
    if (it == m_views.end())
        return false;
    m_views.erase(it);
    return true;
}

const SavedView* Project::view(const QString& name) const
{
    const auto it =
        std::find_if(m_views.begin(), m_views.end(), [&](const SavedView& v) { return v.name == name; });
    return it == m_views.end() ? nullptr : &*it;
}

} // namespace citytwin::data
