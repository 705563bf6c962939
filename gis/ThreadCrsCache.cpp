#include "gis/ThreadCrsCache.h"

#include <map>
#include <utility>

namespace citytwin::gis {

data::Result<const CrsTransformer*> threadCrsTransformer(const QString& source, const QString& target)
{
    // A node-based map: inserting never moves the transformers handed out before. The set of
    // CRS pairs a session uses is small, so nothing is evicted.
    thread_local std::map<std::pair<QString, QString>, CrsTransformer> cache;
    const auto key = std::make_pair(source, target);
    if (const auto it = cache.find(key); it != cache.end())
        return &it->second;
    auto created = CrsTransformer::create(source, target);
    if (!created)
        return created.status();
    return &cache.emplace(key, std::move(*created)).first->second;
}

} // namespace citytwin::gis
