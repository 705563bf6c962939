#pragma once

#include "data/OverlayImport.h"
#include "gis/OverlayImporter.h"

#include <QDialog>
#include <QMap>
#include <QString>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace citytwin::app {

//! File → Import…'s mapping dialog: which kind of overlay a file holds and which column plays
//! which role (gis::guessOverlayKind/guessOverlayMapping prefill it, or the mapping last used
//! for a file with the same header), the source CRS, how times are written, the CSV delimiter
//! and append-or-replace. A preview of the first rows shows how each will be read (its time in
//! the project's zone, or why it will be rejected); OK stays disabled while
//! gis::checkOverlayMapping objects, and the objection is shown. Not modal by itself: the
//! controller open()s it, tests drive it directly.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    //! PREVIEW of the file to import; PROJECTZONE (IANA id) displays times and is the default
    //! zone of zone-less times.
    ImportDialog(gis::OverlayFilePreview preview, const QString& projectZone, QWidget* parent = nullptr);

    //! The mapping as edited.
    data::OverlayMapping mapping() const;
    //! Replaces the edited mapping (kind, roles, CRS, time, delimiter) by MAPPING.
    void setMapping(const data::OverlayMapping& mapping);
    bool append() const;
    void setAppend(bool append);
    //! Empty when OK is enabled, else checkOverlayMapping's objection.
    QString problem() const { return m_problem; }
    const gis::OverlayFilePreview& preview() const { return m_preview; }

    // Widgets, for tests.
    QComboBox* kindCombo() const { return m_kind; }
    //! The combo of ROLE ("—" = unmapped), null when the kind has no such role.
    QComboBox* roleCombo(const QString& role) const { return m_roles.value(role); }
    QLineEdit* crsEdit() const { return m_crs; }
    QComboBox* timeFormatCombo() const { return m_timeFormat; }
    QLineEdit* timePatternEdit() const { return m_timePattern; }
    QComboBox* timeZoneCombo() const { return m_timeZone; }
    QComboBox* delimiterCombo() const { return m_delimiter; }
    QCheckBox* appendCheck() const { return m_append; }
    QTableWidget* previewTable() const { return m_table; }
    QLabel* problemLabel() const { return m_problemLabel; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    //! Column indexes of the preview's read-back columns (before the file's columns).
    int timeColumn() const;
    int positionColumn() const;
    int statusColumn() const;

    //! The QSettings key remembering the mapping of files with HEADER (column names).
    static QString settingsKey(const QStringList& header);

public slots:
    //! Remembers the mapping for files with this header, then closes with Accepted.
    void accept() override;

private:
    void buildUi();
    void rebuildRoles(const data::OverlayMapping& mapping);
    void applyGuess(data::OverlayKind kind);
    //! The user picked another delimiter: re-reads the header and rows split by it (CSV only).
    void resplit(QChar delimiter);
    void refresh();
    void fillTable();
    //! Loads the mapping remembered for this header, if any, and whether it applied.
    bool restoreRemembered();

    gis::OverlayFilePreview m_preview;
    QStringList m_header;        //!< the file's header as detected: the remembered mapping's key
    data::OverlayMapping m_base; //!< what the form does not edit (default role/category)
    QString m_projectZone;
    bool m_updating = false;
    QString m_problem;

    QLabel* m_format = nullptr;
    QComboBox* m_kind = nullptr;
    QFormLayout* m_roleForm = nullptr;
    QMap<QString, QComboBox*> m_roles;
    QLineEdit* m_crs = nullptr;
    QComboBox* m_timeFormat = nullptr;
    QLineEdit* m_timePattern = nullptr;
    QComboBox* m_timeZone = nullptr;
    QComboBox* m_delimiter = nullptr;
    QCheckBox* m_append = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_problemLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace citytwin::app
