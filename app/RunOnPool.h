#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

namespace citytwin::app {

//! Runs JOB on POOL and hands its result to DONE on CONTEXT's thread (queued). The watcher is a
//! child of CONTEXT, so DONE never runs after CONTEXT is gone. Results travel as shared_ptr
//! because QFuture wants default-constructible, cheap-to-copy values.
template <class T, class Job, class Done>
void runOnPool(QObject* context, QThreadPool* pool, Job job, Done done)
{
    auto* watcher = new QFutureWatcher<std::shared_ptr<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         std::shared_ptr<T> result = watcher->result();
                         done(std::move(*result));
                     });
    watcher->setFuture(
        QtConcurrent::run(pool, [job = std::move(job)]() { return std::make_shared<T>(job()); }));
}

} // namespace citytwin::app
