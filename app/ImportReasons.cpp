#include "app/ImportReasons.h"

#include <QCoreApplication>
#include <iterator>

namespace citytwin::app {

namespace {

constexpr const char* kContext = "ImportReasons";

//! Every class the importers use (QT_TRANSLATE_NOOP: lupdate collects them from here).
constexpr const char* kClasses[] = {
    QT_TRANSLATE_NOOP("ImportReasons", "truncated row"),
    QT_TRANSLATE_NOOP("ImportReasons", "wrong column count"),
    QT_TRANSLATE_NOOP("ImportReasons", "missing coordinate"),
    QT_TRANSLATE_NOOP("ImportReasons", "bad number"),
    QT_TRANSLATE_NOOP("ImportReasons", "coordinate out of range"),
    QT_TRANSLATE_NOOP("ImportReasons", "missing time"),
    QT_TRANSLATE_NOOP("ImportReasons", "unparsable time"),
    QT_TRANSLATE_NOOP("ImportReasons", "missing id"),
    QT_TRANSLATE_NOOP("ImportReasons", "missing value"),
    QT_TRANSLATE_NOOP("ImportReasons", "min above max"),
    QT_TRANSLATE_NOOP("ImportReasons", "missing target"),
    QT_TRANSLATE_NOOP("ImportReasons", "missing limit"),
};

} // namespace

QString translatedReasonClass(const QString& reasonClass)
{
    for (const char* known : kClasses)
        if (reasonClass == QLatin1String(known))
            return QCoreApplication::translate(kContext, known);
    return reasonClass;
}

QString translatedReason(const QString& reason)
{
    const qsizetype colon = reason.indexOf(QLatin1String(": "));
    if (colon < 0)
        return translatedReasonClass(reason);
    return translatedReasonClass(reason.left(colon)) + reason.mid(colon);
}

} // namespace citytwin::app
