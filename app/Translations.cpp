#include "app/Translations.h"

#include "app/GuiLog.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>
#include <memory>
#include <vector>

namespace citytwin::app {

namespace {

const char* const kSettingsKey = "language";

struct Installed
{
    QString language = QStringLiteral("en");
    std::vector<std::unique_ptr<QTranslator>> translators;
};

Installed& installed()
{
    static Installed s;
    return s;
}

} // namespace

QString Translations::chooseLanguage(const QString& override, const QLocale& system)
{
    const QString o = override.trimmed();
    if (o.compare(QLatin1String("zh_CN"), Qt::CaseInsensitive) == 0 ||
        o.compare(QLatin1String("zh"), Qt::CaseInsensitive) == 0 ||
        o.compare(QLatin1String("zh-CN"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("zh_CN");
    if (o.compare(QLatin1String("en"), Qt::CaseInsensitive) == 0 || o == QLatin1String("C"))
        return QStringLiteral("en");
    if (!o.isEmpty())
        qCWarning(lcGui) << "unknown language" << o << "- using the system locale";
    return system.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString Translations::catalogPath(const QString& language)
{
    return QStringLiteral(":/i18n/citytwin_%1.qm").arg(language);
}

bool Translations::install(const QString& language)
{
    Installed& s = installed();
    for (auto& t : s.translators)
        QCoreApplication::removeTranslator(t.get());
    s.translators.clear();
    s.language = QStringLiteral("en");
    if (language == QLatin1String("en"))
        return true;

    auto ours = std::make_unique<QTranslator>();
    if (!ours->load(catalogPath(language))) {
        qCWarning(lcGui) << "no embedded catalogue" << catalogPath(language);
        return false;
    }
    QCoreApplication::installTranslator(ours.get());
    s.translators.push_back(std::move(ours));

    // Qt's own strings (QMessageBox buttons, file dialogs); optional, the UI is usable without them.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        s.translators.push_back(std::move(qt));
    }
    s.language = language;
    return true;
}

QString Translations::savedLanguage()
{
    return QSettings().value(QLatin1String(kSettingsKey)).toString();
}

bool Translations::switchTo(const QString& language)
{
    if (!install(language))
        return false;
    QSettings().setValue(QLatin1String(kSettingsKey), language);
    return true;
}

QString Translations::current()
{
    return installed().language;
}

} // namespace citytwin::app
