#include "gis/GdalErrorCapture.h"

#include "gis/GisLog.h"

namespace citytwin::gis {

namespace {
// A runaway driver can emit one error per scanline; the first few say what went wrong.
constexpr int kMaxKept = 8;
} // namespace

GdalErrorCapture::GdalErrorCapture()
{
    CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this);
}

GdalErrorCapture::~GdalErrorCapture()
{
    CPLPopErrorHandler();
}

QString GdalErrorCapture::errors() const
{
    return m_errors.join(QStringLiteral("; "));
}

QString GdalErrorCapture::summary(const QString& fallback) const
{
    if (!m_errors.isEmpty())
        return errors();
    if (!m_warnings.isEmpty())
        return m_warnings.join(QStringLiteral("; "));
    return fallback;
}

void GdalErrorCapture::clear()
{
    m_errors.clear();
    m_warnings.clear();
}

void CPL_STDCALL GdalErrorCapture::handle(CPLErr level, CPLErrorNum code, const char* message)
{
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (level == CE_Debug || !self)
        return;
    const QString text = QString::fromUtf8(message ? message : "").trimmed();
    qCDebug(lcGis, "GDAL %s %d: %s", level >= CE_Failure ? "error" : "warning", int(code),
            qUtf8Printable(text));
    QStringList& list = level >= CE_Failure ? self->m_errors : self->m_warnings;
    if (list.size() < kMaxKept && !list.contains(text))
        list.append(text);
}

} // namespace citytwin::gis
