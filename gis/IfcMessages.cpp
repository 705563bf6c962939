#include "gis/IfcMessages.h"

#include "gis/GisLog.h"

#include <algorithm>
#include <ifcpp/model/StatusCallback.h>

namespace citytwin::gis {

namespace {

constexpr int kKeptErrors = 8;   //!< a broken file can report one error per line
constexpr int kLoggedLines = 40; //!< per file, so a 40,000-line file does not flood the log

} // namespace

struct IfcMessagesAccess
{
    static void callback(void* self, shared_ptr<StatusCallback::Message> m)
    {
        if (!self || !m)
            return;
        IfcMessages::onMessage(self, QString::fromStdWString(m->m_message_text).trimmed(),
                               static_cast<int>(m->m_message_type), m->m_progress_value);
    }
};

void IfcMessages::attach(StatusCallback& target)
{
    target.setMessageCallBack(this, &IfcMessagesAccess::callback);
}

void IfcMessages::clearErrors()
{
    m_errors.clear();
    m_errorCount = 0;
}

void IfcMessages::onMessage(void* selfPtr, const QString& text, int type, double progress)
{
    auto* self = static_cast<IfcMessages*>(selfPtr);
    switch (static_cast<StatusCallback::MessageType>(type)) {
    case StatusCallback::MESSAGE_TYPE_PROGRESS_VALUE:
        if (self->m_progress && progress > self->m_lastProgress) {
            self->m_lastProgress = std::min(progress, 1.0);
            self->m_progress(self->m_lastProgress);
        }
        return;
    case StatusCallback::MESSAGE_TYPE_PROGRESS_TEXT:
    case StatusCallback::MESSAGE_TYPE_CLEAR_MESSAGES:
        return;
    case StatusCallback::MESSAGE_TYPE_ERROR: {
        // One message may hold one line per broken entity.
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& line : lines) {
            ++self->m_errorCount;
            if (self->m_errors.size() < kKeptErrors)
                self->m_errors.append(line.trimmed());
            if (self->m_logged++ < kLoggedLines)
                qCInfo(lcGis) << "IfcPlusPlus error:" << line.trimmed();
        }
        return;
    }
    default:
        if (!text.isEmpty() && self->m_logged++ < kLoggedLines)
            qCDebug(lcGis) << "IfcPlusPlus:" << text;
        return;
    }
}

} // namespace citytwin::gis
