#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace citytwin::app {

//! The most recently opened project files (newest first, at most kMax), kept in QSettings.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMax = 8;

    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const { return m_files; }
    //! Puts PATH (made absolute) first, dropping duplicates and the oldest beyond kMax; saves.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

    //! Fills MENU with one action per file (numbered shortcuts) plus "Clear"; triggering emits openRequested.
    void populate(QMenu* menu);

signals:
    void changed();
    void openRequested(const QString& path);

private:
    void save();

    QStringList m_files;
};

} // namespace citytwin::app
