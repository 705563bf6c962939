#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace citytwin::app {

//! Which UI language to use and installing its translators (ours from :/i18n, Qt's own dialogs
//! from the system translations folder). English is the source language and needs no file.
class Translations
{
public:
    //! "zh_CN" when OVERRIDE asks for Chinese (or is empty and SYSTEM is Chinese), else "en".
    //! OVERRIDE accepts "zh_CN", "zh", "en", "C"; anything else falls back to the system locale.
    static QString chooseLanguage(const QString& override, const QLocale& system = QLocale::system());
    //! Replaces the installed translators with LANGUAGE's ("en" removes them). False when the
    //! embedded catalogue for LANGUAGE is missing.
    static bool install(const QString& language);
    //! The language installed by the last install() ("en" before any).
    static QString current();
    //! The language saved by the user's last choice in the Language menu (QSettings), or empty.
    static QString savedLanguage();
    //! Installs LANGUAGE and remembers it for the next start.
    static bool switchTo(const QString& language);
    //! Resource path of our catalogue for LANGUAGE (":/i18n/citytwin_zh_CN.qm").
    static QString catalogPath(const QString& language);
};

} // namespace citytwin::app
