#include "gis/OverlayImporter.h"

#include "gis/CsvRecordReader.h"
#include "gis/OgrOverlayReader.h"
#include "gis/OverlayRowMapper.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

// The import loop shared by CSV and OGR sources: records → OverlayRowMapper → chunks → writer.
namespace citytwin::gis {

using data::ImportReport;
using data::Result;
using data::Status;

namespace {

//! Records per chunk handed to the writer: large enough for PROJ's batch and SQLite's statement
//! reuse to pay, small enough that memory stays a few MB whatever the file size.
constexpr std::size_t kChunkRecords = 16384;
//! How often (records) progress is reported and cancellation checked.
constexpr std::int64_t kProgressEvery = 8192;

bool isCsvPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("txt");
}

Status fileError(Status::Code code, const QString& name, const QString& message)
{
    return Status::error(code, QStringLiteral("%1: %2").arg(name, message));
}

//! Drives one import: feeds records to the mapper, writes full chunks, reports progress.
class ImportRun
{
public:
    ImportRun(OverlayRowMapper& mapper, const ImportTarget& target, const ImportProgress& progress,
              QString name)
        : m_mapper(mapper), m_target(target), m_progress(progress), m_name(std::move(name))
    {
        m_timer.start();
    }

    Status begin(data::OverlayKind kind)
    {
        if (m_target.writer && !m_target.append)
            return m_target.writer->clear(kind).withContext(m_name);
        return Status::ok();
    }

    //! After each record: writes a full chunk, reports progress; a Status stops the import.
    Status afterRecord(std::int64_t records, std::int64_t done, std::int64_t total)
    {
        if (m_mapper.pending() >= kChunkRecords)
            if (Status s = flush(); !s)
                return s;
        if (m_progress && records % kProgressEvery == 0 && !m_progress(done, total))
            return fileError(Status::Code::Cancelled, m_name, QStringLiteral("import cancelled"));
        return Status::ok();
    }

    Status flush()
    {
        OverlayChunk& chunk = m_mapper.finishChunk(m_report);
        Status s;
        if (m_target.writer) {
            data::OverlayWriter& w = *m_target.writer;
            if (s && !chunk.people.empty())
                s = w.addPeople(chunk.people);
            if (s && !chunk.trackPoints.empty())
                s = w.addTrackPoints(chunk.trackPoints);
            if (s && !chunk.events.empty())
                s = w.addEvents(chunk.events);
            if (s && !chunk.assets.empty())
                s = w.addAssets(chunk.assets);
            if (s && !chunk.readings.empty())
                s = w.addSensorReadings(chunk.readings);
            if (s && !chunk.thresholds.empty())
                s = w.addThresholds(chunk.thresholds);
        }
        m_report.rowsImported += static_cast<std::int64_t>(chunk.records());
        m_report.peopleImported += static_cast<std::int64_t>(chunk.people.size());
        chunk.clear();
        return s.withContext(m_name);
    }

    //! The final flush and the whole-file checks: no data rows, or not one row importable.
    Result<ImportReport> finish()
    {
        if (Status s = flush(); !s)
            return s;
        m_report.seconds = static_cast<double>(m_timer.nsecsElapsed()) / 1e9;
        if (m_report.rowsRead == 0)
            return fileError(Status::Code::FormatError, m_name, QStringLiteral("has no data rows"));
        if (m_report.rowsImported == 0) {
            const RejectedRow first = m_report.rejected.empty() ? RejectedRow{} : m_report.rejected.front();
            return fileError(Status::Code::FormatError, m_name,
                             QStringLiteral("no row could be imported (%1); row %2: %3")
                                 .arg(m_report.summary())
                                 .arg(first.row)
                                 .arg(first.reason));
        }
        return m_report;
    }

    ImportReport& report() { return m_report; }

private:
    using RejectedRow = data::RejectedRow;
    OverlayRowMapper& m_mapper;
    const ImportTarget& m_target;
    const ImportProgress& m_progress;
    QString m_name;
    ImportReport m_report;
    QElapsedTimer m_timer;
};

//! The delimiter of the CSV on DEVICE (from its first line), without consuming anything;
//! an error for an empty or binary file.
Result<char> peekDelimiter(QIODevice& device, const QString& name, QChar given)
{
    const QByteArray head = device.peek(64 * 1024);
    if (head.isEmpty())
        return fileError(Status::Code::FormatError, name, QStringLiteral("is empty (no header line)"));
    if (head.contains('\0'))
        return fileError(Status::Code::FormatError, name,
                         QStringLiteral("is binary data, not a CSV text file"));
    if (!given.isNull()) {
        if (given.unicode() > 0x7f)
            return fileError(Status::Code::InvalidArgument, name,
                             QStringLiteral("delimiter '%1' is not a single-byte character").arg(given));
        return static_cast<char>(given.unicode());
    }
    qsizetype start = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const qsizetype nl = head.indexOf('\n', start);
    const QByteArray line = head.mid(start, nl < 0 ? -1 : nl - start);
    return CsvRecordReader::detectDelimiter(
        std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
}

//! The header record of READER as column names; an error when there is none or it is not text.
Result<QStringList> readHeader(CsvRecordReader& reader, const QString& name)
{
    if (!reader.next())
        return reader.status().isOk()
                   ? fileError(Status::Code::FormatError, name, QStringLiteral("is empty (no header line)"))
                   : reader.status();
    QStringList columns;
    QStringDecoder utf8(QStringDecoder::Utf8);
    for (std::string_view f : reader.fields()) {
        QString c = utf8.decode(QByteArrayView(f.data(), static_cast<qsizetype>(f.size())));
        columns << c.trimmed();
    }
    if (utf8.hasError())
        return fileError(Status::Code::FormatError, name, QStringLiteral("header line is not UTF-8 text"));
    for (qsizetype i = 0; i < columns.size(); ++i)
        if (columns[i].isEmpty())
            columns[i] = QStringLiteral("column_%1").arg(i + 1); // a trailing delimiter, an unnamed index
    return columns;
}

} // namespace

Result<ImportReport> importOverlayCsv(QIODevice& device, const QString& name,
                                      const data::OverlayMapping& mapping, const ImportTarget& target,
                                      const ImportProgress& progress)
{
    auto delimiter = peekDelimiter(device, name, mapping.delimiter);
    if (!delimiter)
        return delimiter.status();
    CsvRecordReader reader(device, *delimiter, name);
    auto columns = readHeader(reader, name);
    if (!columns)
        return columns.status();
    auto mapper = OverlayRowMapper::create(mapping, *columns, false, QString(), target.projectCrs, name);
    if (!mapper)
        return mapper.status();
    ImportRun run(**mapper, target, progress, name);
    if (Status s = run.begin(mapping.kind); !s)
        return s;
    const std::int64_t total = device.isSequential() ? -1 : device.size();
    while (reader.next()) {
        const std::int64_t row = reader.recordCount() - 1;
        if (reader.unterminatedQuote()) {
            ++run.report().rowsRead;
            run.report().reject(row, QStringLiteral("truncated row"),
                                QStringLiteral("the file ends inside a quoted field"));
        } else {
            (*mapper)->addRecord(row, reader.fields(), nullptr, run.report());
        }
        if (Status s = run.afterRecord(row, reader.bytesConsumed(), total); !s)
            return s;
    }
    if (!reader.status())
        return reader.status();
    return run.finish();
}

Result<ImportReport> importOverlayFile(const QString& path, const data::OverlayMapping& mapping,
                                       const ImportTarget& target, const ImportProgress& progress)
{
    const bool postgis = path.startsWith(QLatin1String("PG:"));
    if (!postgis && !QFileInfo(path).isFile())
        return fileError(Status::Code::NotFound, path, QStringLiteral("does not exist or is not a file"));
    if (!postgis && isCsvPath(path)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fileError(Status::Code::IoError, path,
                             QStringLiteral("cannot be read: %1").arg(file.errorString()));
        return importOverlayCsv(file, path, mapping, target, progress);
    }
    auto reader = OgrOverlayReader::open(path);
    if (!reader)
        return reader.status();
    OgrOverlayReader& ogr = **reader;
    auto mapper = OverlayRowMapper::create(mapping, ogr.columns(), ogr.hasPointGeometry(), ogr.crs(),
                                           target.projectCrs, path);
    if (!mapper)
        return mapper.status();
    ImportRun run(**mapper, target, progress, path);
    if (Status s = run.begin(mapping.kind); !s)
        return s;
    while (ogr.next()) {
        (*mapper)->addRecord(ogr.index(), ogr.fields(), ogr.point(), run.report());
        if (Status s = run.afterRecord(ogr.index(), ogr.index(), ogr.featureCount()); !s)
            return s;
    }
    return run.finish();
}

Result<OverlayFilePreview> previewOverlayFile(const QString& path, int maxRows)
{
    OverlayFilePreview preview;
    preview.path = path;
    const bool postgis = path.startsWith(QLatin1String("PG:"));
    if (!postgis && !QFileInfo(path).isFile())
        return fileError(Status::Code::NotFound, path, QStringLiteral("does not exist or is not a file"));
    if (!postgis && isCsvPath(path)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fileError(Status::Code::IoError, path,
                             QStringLiteral("cannot be read: %1").arg(file.errorString()));
        auto delimiter = peekDelimiter(file, path, QChar());
        if (!delimiter)
            return delimiter.status();
        CsvRecordReader reader(file, *delimiter, path);
        auto columns = readHeader(reader, path);
        if (!columns)
            return columns.status();
        preview.format = QStringLiteral("CSV");
        preview.delimiter = QLatin1Char(*delimiter);
        preview.columns = *columns;
        const std::int64_t headerBytes = reader.bytesConsumed();
        while (static_cast<int>(preview.rows.size()) < maxRows && reader.next()) {
            QStringList row;
            for (std::string_view f : reader.fields())
                row << QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size()));
            preview.rows.push_back(std::move(row));
        }
        if (!reader.status())
            return reader.status();
        const std::int64_t sampleBytes = reader.bytesConsumed() - headerBytes;
        if (!preview.rows.empty() && sampleBytes > 0)
            preview.approxRows =
                (file.size() - headerBytes) * static_cast<std::int64_t>(preview.rows.size()) / sampleBytes;
        else
            preview.approxRows = 0;
        return preview;
    }
    auto reader = OgrOverlayReader::open(path);
    if (!reader)
        return reader.status();
    OgrOverlayReader& ogr = **reader;
    preview.format = ogr.driver();
    preview.columns = ogr.columns();
    preview.hasPointGeometry = ogr.hasPointGeometry();
    preview.crs = ogr.crs();
    preview.approxRows = ogr.featureCount();
    while (static_cast<int>(preview.rows.size()) < maxRows && ogr.next()) {
        QStringList row;
        for (std::string_view f : ogr.fields())
            row << QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size()));
        preview.rows.push_back(std::move(row));
    }
    return preview;
}

} // namespace citytwin::gis
