#pragma once

#include "data/Status.h"

#include <QString>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

class QIODevice;

namespace citytwin::gis {

//! A streaming CSV tokenizer over a QIODevice: RFC 4180 quoting (delimiters, newlines and ""
//! inside quoted fields), LF or CRLF line ends, a UTF-8 byte order mark, a last line without a
//! newline. Reads in blocks (memory does not grow with the file) and does not allocate per field:
//! fields are views into its buffer, valid until the next call to next(). Not thread safe.
class CsvRecordReader
{
public:
    //! DELIMITER: one of ',', ';', '\t', '|' (any single byte works). NAME is used in messages.
    CsvRecordReader(QIODevice& device, char delimiter, QString name);

    //! Advances to the next non-empty record; false at the end of the data or on an error (status()).
    bool next();
    //! The fields of the current record (UTF-8, quotes removed, "" unescaped).
    std::span<const std::string_view> fields() const { return m_fields; }
    //! True when the current record ran into the end of the data inside a quoted field
    //! (a truncated file): its last field is incomplete.
    bool unterminatedQuote() const { return m_unterminated; }
    //! Records returned so far (the current one included).
    std::int64_t recordCount() const { return m_records; }
    //! Bytes of the device consumed up to the end of the current record.
    std::int64_t bytesConsumed() const { return m_consumedBefore + static_cast<std::int64_t>(m_pos); }
    //! Ok, or why reading stopped (a read error, a record over the size limit).
    const data::Status& status() const { return m_status; }

    //! The delimiter among ',', ';', '\t', '|' that splits LINE (a header) into the most fields
    //! outside quotes; ',' when none occurs.
    static char detectDelimiter(std::string_view line);
    //! The largest record accepted (a binary file without newlines must not fill memory).
    static constexpr std::size_t kMaxRecordBytes = 16 * 1024 * 1024;

private:
    struct FieldSpan
    {
        std::uint32_t begin = 0;
        std::uint32_t length = 0;
        bool inScratch = false;
    };
    enum class Parse { Complete, NeedMore };

    Parse parseRecord(std::size_t& recordEnd);
    Parse parseQuotedRecord(std::size_t& recordEnd);
    bool fill();
    void publish();

    QIODevice& m_device;
    char m_delimiter;
    QString m_name;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;             //!< start of the unparsed data in m_buffer
    std::size_t m_end = 0;             //!< end of the valid data in m_buffer
    std::int64_t m_consumedBefore = 0; //!< device bytes dropped from the front of m_buffer
    bool m_eof = false;
    bool m_atStart = true;
    bool m_unterminated = false;
    std::int64_t m_records = 0;
    std::vector<FieldSpan> m_spans;
    std::string m_scratch; //!< unescaped quoted fields of the current record
    std::vector<std::string_view> m_fields;
    data::Status m_status;
};

} // namespace citytwin::gis
