#include "app/FileActions.h"

#include "app/GuiLog.h"
#include "app/ProjectDocument.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QWidget>

namespace citytwin::app {

namespace {
const char* const kLastDirKey = "mainWindow/lastDirectory";

QString lastDirectory()
{
    return QSettings().value(QLatin1String(kLastDirKey), QDir::homePath()).toString();
}

void rememberDirectory(const QString& file)
{
    QSettings().setValue(QLatin1String(kLastDirKey), QFileInfo(file).absolutePath());
}
} // namespace

FileActions::FileActions(ProjectDocument* document, QWidget* dialogParent)
    : QObject(dialogParent), m_document(document), m_parent(dialogParent)
{
    QStyle* style = dialogParent->style();
    m_new = new QAction(style->standardIcon(QStyle::SP_FileIcon), QString(), this);
    m_new->setShortcut(QKeySequence::New);
    connect(m_new, &QAction::triggered, this, &FileActions::onNew);
    m_open = new QAction(style->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &FileActions::onOpen);
    m_save = new QAction(style->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    m_save->setShortcut(QKeySequence::Save);
    connect(m_save, &QAction::triggered, this, &FileActions::save);
    m_saveAs = new QAction(this);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAs, &QAction::triggered, this, &FileActions::onSaveAs);
    retranslate();
}

void FileActions::retranslate()
{
    m_new->setText(tr("&New Project…"));
    m_new->setStatusTip(tr("Create an empty project (EPSG:4549, origin at Pinghu)"));
    m_open->setText(tr("&Open Project…"));
    m_save->setText(tr("&Save"));
    m_saveAs->setText(tr("Save &As…"));
}

bool FileActions::maybeSave()
{
    if (!m_document->isModified())
        return true;
    UnsavedChanges choice = m_unsavedPolicy;
    if (choice == UnsavedChanges::Ask) {
        const auto answer = QMessageBox::warning(
            m_parent, tr("Unsaved Changes"),
            tr("The project “%1” has unsaved changes.\nDo you want to save them?")
                .arg(m_document->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return false;
        choice = answer == QMessageBox::Save ? UnsavedChanges::Save : UnsavedChanges::Discard;
    }
    return choice == UnsavedChanges::Discard || save();
}

bool FileActions::openProject(const QString& path)
{
    if (!maybeSave())
        return false;
    const data::Status status = m_document->open(path);
    if (!status) {
        reportError(tr("Could not open the project"), status);
        return false;
    }
    rememberDirectory(path);
    emit statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::newProject(const QString& path)
{
    if (!maybeSave())
        return false;
    const data::Status status = m_document->createEmpty(path);
    if (!status) {
        reportError(tr("Could not create the project"), status);
        return false;
    }
    rememberDirectory(path);
    return true;
}

bool FileActions::save()
{
    const data::Status status = m_document->save();
    if (!status) {
        reportError(tr("Could not save the project"), status);
        return false;
    }
    emit statusMessage(tr("Saved %1").arg(m_document->displayName()));
    return true;
}

bool FileActions::saveAs(const QString& path)
{
    const data::Status status = m_document->saveAs(path);
    if (!status) {
        reportError(tr("Could not save the project"), status);
        return false;
    }
    rememberDirectory(path);
    emit statusMessage(tr("Saved as %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

QString FileActions::askNewFileName(const QString& title)
{
    QString path =
        QFileDialog::getSaveFileName(m_parent, title, lastDirectory(), tr("citytwin projects (*.citytwin)"));
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".citytwin");
    return path;
}

void FileActions::onNew()
{
    const QString path = askNewFileName(tr("New Project"));
    if (!path.isEmpty())
        newProject(path);
}

void FileActions::onOpen()
{
    const QString path = QFileDialog::getOpenFileName(m_parent, tr("Open Project"), lastDirectory(),
                                                      tr("citytwin projects (*.citytwin)"));
    if (!path.isEmpty())
        openProject(path);
}

void FileActions::onSaveAs()
{
    if (!m_document->hasProject())
        return;
    const QString path = askNewFileName(tr("Save Project As"));
    if (!path.isEmpty())
        saveAs(path);
}

void FileActions::reportError(const QString& what, const data::Status& status)
{
    m_lastError = what + QStringLiteral(": ") + status.message();
    qCWarning(lcGui).noquote() << m_lastError;
    emit statusMessage(m_lastError);
    if (m_modalErrors)
        QMessageBox::critical(m_parent, QStringLiteral("citytwin"),
                              QStringLiteral("%1\n\n%2").arg(what, status.message()));
}

} // namespace citytwin::app
