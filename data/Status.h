#pragma once

#include <QString>

namespace citytwin::data {

//! Outcome of an operation that can fail: a code and a message naming the file and the problem.
//! No exception crosses a module boundary; adapters turn GDAL/PROJ/SQLite errors into a Status.
class Status
{
public:
    enum class Code {
        Ok,
        InvalidArgument, //!< caller passed something unusable
        NotFound,        //!< file, layer, row or CRS does not exist
        IoError,         //!< read/write failed
        FormatError,     //!< the input exists but is not what it claims to be (corrupt, truncated)
        Unsupported,     //!< valid but not handled (newer schema, unknown CRS, driver missing)
        Cancelled,       //!< stopped on request
        Internal         //!< a bug on our side
    };

    Status() = default;
    static Status ok() { return {}; }
    static Status error(Code code, QString message) { return Status(code, std::move(message)); }

    bool isOk() const { return m_code == Code::Ok; }
    explicit operator bool() const { return isOk(); }
    Code code() const { return m_code; }
    const QString& message() const { return m_message; }

    //! Same code, message prefixed with CONTEXT (e.g. the file name) for the user.
    Status withContext(const QString& context) const
    {
        return isOk() ? *this : Status(m_code, context + QStringLiteral(": ") + m_message);
    }

private:
    Status(Code code, QString message) : m_code(code), m_message(std::move(message)) {}

    Code m_code = Code::Ok;
    QString m_message;
};

} // namespace citytwin::data
