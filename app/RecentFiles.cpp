#include "app/RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace citytwin::app {

namespace {
const char* const kSettingsKey = "recentFiles";
}

RecentFiles::RecentFiles(QObject* parent) : QObject(parent)
{
    m_files = QSettings().value(QLatin1String(kSettingsKey)).toStringList();
    while (m_files.size() > kMax)
        m_files.removeLast();
}

void RecentFiles::add(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(abs);
    m_files.prepend(abs);
    while (m_files.size() > kMax)
        m_files.removeLast();
    save();
}

void RecentFiles::remove(const QString& path)
{
    if (m_files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        save();
}

void RecentFiles::clear()
{
    m_files.clear();
    save();
}

void RecentFiles::populate(QMenu* menu)
{
    menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files.at(i);
        const QString label = QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName());
        QAction* a = menu->addAction(label);
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (m_files.isEmpty()) {
        menu->addAction(tr("No recent projects"))->setEnabled(false);
    } else {
        menu->addSeparator();
        connect(menu->addAction(tr("Clear List")), &QAction::triggered, this, &RecentFiles::clear);
    }
}

void RecentFiles::save()
{
    QSettings().setValue(QLatin1String(kSettingsKey), m_files);
    emit changed();
}

} // namespace citytwin::app
