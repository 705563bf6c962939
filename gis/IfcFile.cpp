#include "gis/IfcFile.h"

#include "gis/IfcMessages.h"

#include <QFile>
#include <QRegularExpression>
#include <cctype>
#include <ifcpp/model/BuildingException.h>
#include <ifcpp/model/BuildingModel.h>
#include <ifcpp/model/UnitConverter.h>
#include <ifcpp/reader/ReaderSTEP.h>

namespace citytwin::gis {

using data::Result;
using data::Status;

namespace {

QByteArray trimmedTail(const QByteArray& bytes, qsizetype n)
{
    qsizetype end = bytes.size();
    while (end > 0 && std::isspace(static_cast<unsigned char>(bytes[end - 1])))
        --end;
    return bytes.mid(std::max<qsizetype>(0, end - n), std::min(n, end));
}

//! The schema named by FILE_SCHEMA in the HEADER section, upper case, or empty.
QString declaredSchema(const QByteArray& bytes)
{
    const qsizetype dataAt = bytes.indexOf("DATA;");
    const QString header = QString::fromLatin1(bytes.left(dataAt < 0 ? 4096 : dataAt));
    static const QRegularExpression re(QStringLiteral(R"(FILE_SCHEMA\s*\(\s*\(\s*'([^']*)')"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(header);
    return m.hasMatch() ? m.captured(1).trimmed().toUpper() : QString();
}

} // namespace

Result<IfcFile> loadIfcFile(const QString& path, const data::CancelToken& cancel,
                            const std::function<void(double)>& progress)
{
    QFile file(path);
    if (!file.exists())
        return Status::error(Status::Code::NotFound, QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(Status::Code::IoError,
                             QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.trimmed().isEmpty())
        return Status::error(Status::Code::FormatError, QStringLiteral("empty file"));
    if (!bytes.trimmed().startsWith("ISO-10303-21;"))
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("not an IFC file (no ISO-10303-21 STEP header)"));
    IfcFile out;
    out.schema = declaredSchema(bytes);
    if (!out.schema.startsWith(QLatin1String("IFC")))
        return Status::error(Status::Code::Unsupported,
                             QStringLiteral("STEP schema '%1' is not IFC").arg(out.schema));
    // A cut-off download parses into a model with dangling references; say what happened instead.
    if (!trimmedTail(bytes, 64).endsWith("END-ISO-10303-21;"))
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("truncated file (no END-ISO-10303-21; at the end)"));

    IfcMessages messages;
    out.model = std::make_shared<BuildingModel>();
    messages.attach(*out.model);
    ReaderSTEP reader;
    messages.attach(reader);
    messages.setProgress(progress);
    reader.setCancelCheck(const_cast<data::CancelToken*>(&cancel), [](void* token) {
        return static_cast<const data::CancelToken*>(token)->isCancelled();
    });
    try {
        // loadModelFromString, not loadModelFromFile: the latter calls setlocale(LC_ALL, "") for
        // the path, which would change number parsing for the whole process.
        std::string content = bytes.toStdString();
        reader.loadModelFromString(content, out.model);
        out.lengthToMetre = out.model->getUnitConverter()->getLengthInMeterFactor();
    } catch (const std::exception& e) {
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("cannot parse: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        return Status::error(Status::Code::FormatError, QStringLiteral("cannot parse (IfcPlusPlus failed)"));
    }
    out.model->unsetMessageCallBack();
    if (cancel.isCancelled())
        return Status::error(Status::Code::Cancelled, QStringLiteral("cancelled"));
    out.errors = messages.errors();
    out.errorCount = messages.errorCount();
    if (out.model->getMapIfcEntities().empty()) {
        const QString why = out.errors.isEmpty() ? QString() : QStringLiteral(": ") + out.errors.first();
        return Status::error(Status::Code::FormatError,
                             QStringLiteral("no IFC entities in the DATA section%1").arg(why));
    }
    if (!(out.lengthToMetre > 0.0))
        out.lengthToMetre = 1.0;
    return out;
}

} // namespace citytwin::gis
