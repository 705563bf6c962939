#pragma once

#include "data/Status.h"

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace citytwin::app {

class ProjectDocument;

//! File → New/Open/Save/Save As with their dialogs: file choosers, the unsaved-changes question
//! and error boxes. The work itself is ProjectDocument's; this class only adds the user's side,
//! and can run without any modal dialog (tests, scripted use).
class FileActions : public QObject
{
    Q_OBJECT
public:
    //! What to do with unsaved changes before a project is closed (Ask shows a dialog).
    enum class UnsavedChanges { Ask, Save, Discard };

    //! DIALOGPARENT owns the dialogs (and this object).
    FileActions(ProjectDocument* document, QWidget* dialogParent);

    QAction* newAction() const { return m_new; }
    QAction* openAction() const { return m_open; }
    QAction* saveAction() const { return m_save; }
    QAction* saveAsAction() const { return m_saveAs; }
    void retranslate();

    bool openProject(const QString& path);
    bool newProject(const QString& path);
    bool save();
    bool saveAs(const QString& path);
    //! Deals with unsaved changes (per the policy). False: the user cancelled or saving failed.
    bool maybeSave();

    void setUnsavedChangesPolicy(UnsavedChanges policy) { m_unsavedPolicy = policy; }
    //! False: errors go to statusMessage and lastError() only, never to a modal box.
    void setModalErrors(bool modal) { m_modalErrors = modal; }
    QString lastError() const { return m_lastError; }

signals:
    //! A short outcome for the status bar ("Saved …", or the error).
    void statusMessage(const QString& text);

private:
    void onNew();
    void onOpen();
    void onSaveAs();
    void reportError(const QString& what, const data::Status& status);
    //! Asks for a project file name to write; empty when cancelled. Adds ".citytwin" when missing.
    QString askNewFileName(const QString& title);

    ProjectDocument* m_document = nullptr;
    QWidget* m_parent = nullptr;
    QAction* m_new = nullptr;
    QAction* m_open = nullptr;
    QAction* m_save = nullptr;
    QAction* m_saveAs = nullptr;
    UnsavedChanges m_unsavedPolicy = UnsavedChanges::Ask;
    bool m_modalErrors = true;
    QString m_lastError;
};

} // namespace citytwin::app
