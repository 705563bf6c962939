#include "gis/HttpConfigScope.h"

#include <algorithm>
#include <cpl_conv.h>

namespace citytwin::gis {

namespace {
constexpr const char* kKeys[3] = {"GDAL_HTTP_TIMEOUT", "GDAL_HTTP_CONNECTTIMEOUT", "GDAL_HTTP_MAX_RETRY"};
}

HttpConfigScope::HttpConfigScope(int timeoutS)
{
    const QByteArray timeout = QByteArray::number(std::max(1, timeoutS));
    const QByteArray values[3] = {timeout, timeout, "0"};
    for (int i = 0; i < 3; ++i) {
        const char* old = CPLGetThreadLocalConfigOption(kKeys[i], nullptr);
        m_saved[i] = {kKeys[i], old ? QByteArray(old) : QByteArray(), old != nullptr};
        CPLSetThreadLocalConfigOption(kKeys[i], values[i].constData());
    }
}

HttpConfigScope::~HttpConfigScope()
{
    for (const Saved& s : m_saved)
        CPLSetThreadLocalConfigOption(s.key, s.had ? s.value.constData() : nullptr);
}

} // namespace citytwin::gis
