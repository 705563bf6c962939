#include "gis/CsvRecordReader.h"

#include <QIODevice>
#include <array>
#include <cstring>

namespace citytwin::gis {

using data::Status;

namespace {

constexpr std::size_t kBlockBytes = 1 << 20;

} // namespace

CsvRecordReader::CsvRecordReader(QIODevice& device, char delimiter, QString name)
    : m_device(device), m_delimiter(delimiter), m_name(std::move(name))
{
    m_buffer.resize(kBlockBytes);
    m_spans.reserve(64);
    m_fields.reserve(64);
}

char CsvRecordReader::detectDelimiter(std::string_view line)
{
    constexpr std::array<char, 4> kCandidates{',', ';', '\t', '|'};
    std::array<int, 4> counts{};
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        for (std::size_t i = 0; i < kCandidates.size(); ++i)
            counts[i] += c == kCandidates[i] ? 1 : 0;
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < kCandidates.size(); ++i)
        if (counts[i] > counts[best])
            best = i;
    return counts[best] > 0 ? kCandidates[best] : ',';
}

bool CsvRecordReader::fill()
{
    // Keep the unparsed tail (a partial record) at the front and read behind it.
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_consumedBefore += static_cast<std::int64_t>(m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    if (m_end == m_buffer.size()) {
        if (m_buffer.size() >= kMaxRecordBytes) {
            m_status =
                Status::error(Status::Code::FormatError,
                              QStringLiteral("%1: a record longer than %2 MB near byte %3 (not a CSV file?)")
                                  .arg(m_name)
                                  .arg(kMaxRecordBytes >> 20)
                                  .arg(m_consumedBefore));
            return false;
        }
        m_buffer.resize(m_buffer.size() * 2);
    }
    const qint64 n = m_device.read(m_buffer.data() + m_end, static_cast<qint64>(m_buffer.size() - m_end));
    if (n < 0) {
        m_status = Status::error(Status::Code::IoError,
                                 QStringLiteral("%1: read error: %2").arg(m_name, m_device.errorString()));
        return false;
    }
    if (n == 0)
        m_eof = true;
    m_end += static_cast<std::size_t>(n);
    if (m_atStart && m_end >= 3) {
        m_atStart = false;
        if (std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0)
            m_pos = 3;
    } else if (m_eof) {
        m_atStart = false;
    }
    return true;
}

bool CsvRecordReader::next()
{
    if (!m_status)
        return false;
    for (;;) {
        if (m_pos >= m_end) {
            if (m_eof)
                return false;
            if (!fill())
                return false;
            continue;
        }
        m_unterminated = false;
        std::size_t recordEnd = 0;
        if (parseRecord(recordEnd) == Parse::NeedMore) {
            if (!fill())
                return false;
            continue;
        }
        m_pos = recordEnd;
        if (m_spans.size() == 1 && m_spans[0].length == 0 && !m_unterminated)
            continue; // an empty line (CSV writers often end with one or two)
        publish();
        ++m_records;
        return true;
    }
}

CsvRecordReader::Parse CsvRecordReader::parseRecord(std::size_t& recordEnd)
{
    const char* base = m_buffer.data();
    const char* p = base + m_pos;
    const char* end = base + m_end;
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl && !m_eof)
        return Parse::NeedMore;
    const char* lineEnd = nl ? nl : end;
    if (std::memchr(p, '"', static_cast<std::size_t>(lineEnd - p)))
        return parseQuotedRecord(recordEnd);

    // Fast path, nearly every line of machine-written data: no quotes, split at the delimiter.
    if (lineEnd > p && lineEnd[-1] == '\r')
        --lineEnd;
    m_spans.clear();
    const char* f = p;
    for (;;) {
        const auto* d =
            static_cast<const char*>(std::memchr(f, m_delimiter, static_cast<std::size_t>(lineEnd - f)));
        const char* fieldEnd = d ? d : lineEnd;
        m_spans.push_back(
            {static_cast<std::uint32_t>(f - base), static_cast<std::uint32_t>(fieldEnd - f), false});
        if (!d)
            break;
        f = d + 1;
    }
    recordEnd = nl ? static_cast<std::size_t>(nl - base) + 1 : m_end;
    return Parse::Complete;
}

CsvRecordReader::Parse CsvRecordReader::parseQuotedRecord(std::size_t& recordEnd)
{
    const char* buf = m_buffer.data();
    m_spans.clear();
    m_scratch.clear();
    std::size_t i = m_pos;
    for (;;) {
        if (i < m_end && buf[i] == '"') {
            const std::size_t begin = m_scratch.size();
            ++i;
            bool closed = false;
            while (i < m_end) {
                const char c = buf[i];
                if (c == '"') {
                    if (i + 1 >= m_end && !m_eof)
                        return Parse::NeedMore; // "" may continue in the next block
                    if (i + 1 < m_end && buf[i + 1] == '"') {
                        m_scratch += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                m_scratch += c;
                ++i;
            }
            if (!closed) {
                if (!m_eof)
                    return Parse::NeedMore;
                m_unterminated = true;
                m_spans.push_back({static_cast<std::uint32_t>(begin),
                                   static_cast<std::uint32_t>(m_scratch.size() - begin), true});
                recordEnd = m_end;
                return Parse::Complete;
            }
            // Text after the closing quote (malformed, but seen) is kept, as spreadsheets do.
            while (i < m_end && buf[i] != m_delimiter && buf[i] != '\n') {
                if (buf[i] != '\r')
                    m_scratch += buf[i];
                ++i;
            }
            m_spans.push_back({static_cast<std::uint32_t>(begin),
                               static_cast<std::uint32_t>(m_scratch.size() - begin), true});
        } else {
            const std::size_t begin = i;
            while (i < m_end && buf[i] != m_delimiter && buf[i] != '\n')
                ++i;
            std::size_t fieldEnd = i;
            if ((i >= m_end || buf[i] == '\n') && fieldEnd > begin && buf[fieldEnd - 1] == '\r')
                --fieldEnd;
            m_spans.push_back(
                {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(fieldEnd - begin), false});
        }
        if (i >= m_end) {
            if (!m_eof)
                return Parse::NeedMore;
            recordEnd = m_end;
            return Parse::Complete;
        }
        if (buf[i] == m_delimiter) {
            ++i;
            continue;
        }
        recordEnd = i + 1; // the newline
        return Parse::Complete;
    }
}

void CsvRecordReader::publish()
{
    m_fields.clear();
    const char* buf = m_buffer.data();
    for (const FieldSpan& s : m_spans)
        m_fields.emplace_back((s.inScratch ? m_scratch.data() : buf) + s.begin, s.length);
}

} // namespace citytwin::gis
