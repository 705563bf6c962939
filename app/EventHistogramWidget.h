#pragma once

#include "data/TimeRange.h"

#include <QString>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

class QThreadPool;
class QTimer;

namespace citytwin::app {

//! Events over time under the timeline slider: bars of the number of events reported per bin
//! of the shown range, the current time marked. The counts come from
//! data::ProjectStore::eventHistogram, read on a worker with its own read-only connection to the
//! project file (one connection per thread); they are read again when the range, the widget's
//! width (bins) or the data (refresh()) change. Requests arriving meanwhile coalesce into one.
class EventHistogramWidget : public QWidget
{
    Q_OBJECT
public:
    //! About one bar every this many pixels, within [kMinBins, kMaxBins].
    static constexpr int kBinPx = 4;
    static constexpr int kMinBins = 8;
    static constexpr int kMaxBins = 512;

    explicit EventHistogramWidget(QWidget* parent = nullptr);
    ~EventHistogramWidget() override;

    //! The project file to read (empty: no histogram).
    void setStorePath(const QString& path);
    QString storePath() const { return m_path; }
    //! The range the bars cover (the timeline's playback window).
    void setRange(const data::TimeRange& range);
    data::TimeRange range() const { return m_range; }
    void setCurrentTime(data::TimeMs t);

    //! The bars shown: counts per bin over countsRange() (empty before the first read).
    const std::vector<std::int64_t>& counts() const { return m_counts; }
    data::TimeRange countsRange() const { return m_countsRange; }
    //! Why the last read failed (empty when it worked).
    QString error() const { return m_error; }
    //! A read is running or queued.
    bool isBusy() const { return m_busy || m_dirty; }
    //! How many bins the current width asks for.
    int binCount() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    //! Reads the counts again (new rows arrived).
    void refresh();

signals:
    //! counts() (or error()) changed.
    void histogramChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    void startRead();
    int binAt(int x) const;

    QString m_path;
    data::TimeRange m_range;
    data::TimeMs m_current = 0;
    std::vector<std::int64_t> m_counts;
    data::TimeRange m_countsRange;
    QString m_error;
    bool m_busy = false;
    bool m_dirty = false;
    QTimer* m_resizeTimer = nullptr;
    std::unique_ptr<QThreadPool> m_pool; //!< one thread: reads run one after the other
};

} // namespace citytwin::app
