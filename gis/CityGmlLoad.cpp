#include "gis/CityGmlLoad.h"

#include "gis/GisLog.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <array>
#include <cctype>
#include <citygml/citygml.h>
#include <citygml/citygmllogger.h>
#include <citygml/citymodel.h>
#include <istream>
#include <streambuf>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLString.hpp>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

constexpr int kMaxWarnings = 10;

//! Sends libcitygml's messages to citytwin.gis (its default logger writes to stdout) and keeps the
//! first warnings and errors for the model and for error messages.
class ForwardingLogger : public citygml::CityGMLLogger
{
public:
    ForwardingLogger() : CityGMLLogger(LOGLEVEL::LL_WARNING) {}

    void log(LOGLEVEL level, const std::string& message, const char*, int) const override
    {
        const QString text = QString::fromStdString(message).simplified();
        if (level >= LOGLEVEL::LL_ERROR)
            qCWarning(lcGis, "libcitygml: %s", qUtf8Printable(text));
        else
            qCDebug(lcGis, "libcitygml: %s", qUtf8Printable(text));
        // "Skipping element …" notes on unsupported elements are normal for real files: not worth
        // showing the user; errors and the rest are.
        if (level < LOGLEVEL::LL_ERROR && (text.startsWith(QLatin1String("Skipping element")) ||
                                           text.startsWith(QLatin1String("Found start tag of unknown node"))))
            return;
        QMutexLocker lock(&m_mutex);
        if (m_messages.size() < kMaxWarnings)
            m_messages << text;
    }

    QStringList messages() const
    {
        QMutexLocker lock(&m_mutex);
        return m_messages;
    }

private:
    mutable QMutex m_mutex;
    mutable QStringList m_messages;
};

//! Feeds the file to xerces in blocks, reporting progress and ending the stream early on cancel
//! (xerces then fails on the unfinished document, and the caller reports Cancelled).
class CancellableFileBuffer : public std::streambuf
{
public:
    CancellableFileBuffer(QIODevice& file, const data::CancelToken& cancel,
                          const std::function<void(double)>& progress)
        : m_file(file), m_cancel(cancel), m_progress(progress), m_size(std::max<qint64>(file.size(), 1))
    {
    }

    bool cancelled() const { return m_cancelled; }

protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (m_cancel.isCancelled()) {
            m_cancelled = true;
            return traits_type::eof();
        }
        const qint64 n = m_file.read(m_buffer.data(), qint64(m_buffer.size()));
        if (n <= 0)
            return traits_type::eof();
        m_read += n;
        if (m_progress)
            m_progress(double(m_read) / double(m_size));
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + n);
        return traits_type::to_int_type(*gptr());
    }

private:
    QIODevice& m_file;
    const data::CancelToken& m_cancel;
    const std::function<void(double)>& m_progress;
    qint64 m_size;
    qint64 m_read = 0;
    bool m_cancelled = false;
    std::array<char, 1 << 20> m_buffer{};
};

//! CityGML 3.0 puts thematic surfaces under <core:boundary> where 2.0 has <bldg:boundedBy>.
//! libcitygml 2.4 knows only the latter, and matches the rest of a 3.0 encoding (core
//! lodNSolid/lodNMultiSurface, con:WallSurface, GML 3.2) by local name; so a 3.0 document is
//! read with that one element renamed: <boundary …>, </core:boundary> → <boundedBy …>, </boundedBy>.
void renameBoundaryElements(QByteArray& xml)
{
    static const QByteArray kName("boundary");
    QByteArray out;
    out.reserve(xml.size() + xml.size() / 64);
    qsizetype i = 0;
    while (i < xml.size()) {
        const qsizetype lt = xml.indexOf('<', i);
        if (lt < 0) {
            out.append(xml.constData() + i, xml.size() - i);
            break;
        }
        out.append(xml.constData() + i, lt - i);
        qsizetype name = lt + 1;
        const bool closing = name < xml.size() && xml[name] == '/';
        if (closing)
            ++name;
        qsizetype local = name; // after an optional "prefix:"
        while (local < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[local])) || xml[local] == '_' ||
                                      xml[local] == '-' || xml[local] == '.'))
            ++local;
        local = local < xml.size() && xml[local] == ':' ? local + 1 : name;
        const qsizetype end = local + kName.size();
        const bool match = xml.mid(local, kName.size()) == kName && end < xml.size() &&
                           (xml[end] == '>' || xml[end] == '/' || std::isspace(static_cast<unsigned char>(xml[end])));
        if (match) {
            out.append(closing ? "</boundedBy" : "<boundedBy");
            i = end;
        } else {
            out.append('<');
            i = lt + 1;
        }
    }
    xml = std::move(out);
}

QString xmlText(const XMLCh* text)
{
    return text ? QString::fromUtf16(reinterpret_cast<const char16_t*>(text)) : QString();
}

} // namespace

Result<CityGmlParse> loadCityGml(const QString& path, const data::CancelToken& cancel,
                                 const std::function<void(double)>& progress)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Status::error(Status::Code::NotFound, QStringLiteral("%1: file does not exist").arg(path));
    if (!info.isFile())
        return Status::error(Status::Code::InvalidArgument, QStringLiteral("%1: not a file").arg(path));
    if (info.size() == 0)
        return Status::error(Status::Code::FormatError, QStringLiteral("%1: file is empty").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(Status::Code::IoError,
                             QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString()));

    auto logger = std::make_shared<ForwardingLogger>();
    citygml::ParserParams params;
    params.tesselate = true;
    params.optimize = false;          // keep semantic surfaces as separate objects
    params.pruneEmptyObjects = false; // an empty building is still reported as skipped
    // A CityGML 3.0 document is read whole and adapted (renameBoundaryElements); 2.0 streams.
    QByteArray adapted;
    QBuffer memory;
    QIODevice* source = &file;
    if (file.peek(64 * 1024).contains("opengis.net/citygml/3.0")) {
        adapted = file.readAll();
        renameBoundaryElements(adapted);
        memory.setBuffer(&adapted);
        memory.open(QIODevice::ReadOnly);
        source = &memory;
    }
    auto buffer = std::make_unique<CancellableFileBuffer>(*source, cancel, progress);
    std::istream stream(buffer.get());

    CityGmlParse out;
    QString failure;
    try {
        out.model = citygml::load(stream, params, logger);
    } catch (const xercesc::SAXParseException& e) {
        failure = QStringLiteral("line %1: %2").arg(e.getLineNumber()).arg(xmlText(e.getMessage()));
    } catch (const xercesc::XMLException& e) {
        failure = xmlText(e.getMessage());
    } catch (const std::exception& e) {
        failure = QString::fromLocal8Bit(e.what());
    } catch (...) {
        failure = QStringLiteral("libcitygml failed with an unknown error");
    }
    if (buffer->cancelled() || cancel.isCancelled())
        return Status::error(Status::Code::Cancelled, QStringLiteral("%1: cancelled").arg(path));
    out.warnings = logger->messages();
    if (!failure.isEmpty())
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: not a readable CityGML file (%2)").arg(path, failure));
    if (!out.model)
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("%1: not a CityGML file (no CityModel found)").arg(path));
    return out;
}

} // namespace citytwin::gis
