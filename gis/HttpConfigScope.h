#pragma once

// Per-thread GDAL HTTP settings for one source's opens and reads; internal to gis/.

#include <QByteArray>

namespace citytwin::gis {

//! Sets GDAL_HTTP_TIMEOUT / GDAL_HTTP_CONNECTTIMEOUT (and no retries) for this thread while it
//! lives, so each layer's timeout applies to its own requests only, whatever GDAL driver makes them
//! (the WMTS driver, unlike WMS, has no timeout element of its own).
class HttpConfigScope
{
public:
    explicit HttpConfigScope(int timeoutS);
    ~HttpConfigScope();
    HttpConfigScope(const HttpConfigScope&) = delete;
    HttpConfigScope& operator=(const HttpConfigScope&) = delete;

private:
    struct Saved
    {
        const char* key;
        QByteArray value;
        bool had;
    };
    Saved m_saved[3];
};

} // namespace citytwin::gis
