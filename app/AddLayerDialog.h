#pragma once

#include "data/LayerId.h"
#include "data/LayerSettings.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace citytwin::app {

class ProjectSession;

//! Layer → Add Layer…: a file (any raster GDAL reads, or building footprints) or a service (XYZ
//! template, WMTS capabilities URL, GDAL WMS description), its kind and name. The kind and name
//! are guessed from the source (ProjectSession::layerForSource) until the user changes them. OK
//! adds the layer to the session; a failure keeps the dialog open and shows the session's message.
class AddLayerDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { File, Service };

    explicit AddLayerDialog(ProjectSession* session, QWidget* parent = nullptr);

    //! Puts URI in the file or service field (chosen from its form) and guesses kind and name.
    void setSource(const QString& uri);
    QString source() const;
    Mode mode() const;
    void setMode(Mode mode);
    data::LayerKind kind() const;
    void setKind(data::LayerKind kind);

    //! The layer that would be added now (id not yet assigned).
    data::LayerSettings layerSettings() const;
    //! The layer OK added, if any.
    data::LayerId addedLayer() const { return m_added; }
    //! The last error shown (empty when none).
    QString errorText() const;

    QLineEdit* fileEdit() const { return m_file; }
    QLineEdit* serviceEdit() const { return m_service; }
    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* kindCombo() const { return m_kind; }
    QPushButton* okButton() const;

    //! The file-chooser filter: rasters GDAL reads, building footprints, service descriptions.
    static QString fileFilter();

    void accept() override;

private:
    void browse();
    void guess();
    void updateState();
    void showError(const QString& message);

    QPointer<ProjectSession> m_session;
    QRadioButton* m_fileMode = nullptr;
    QRadioButton* m_serviceMode = nullptr;
    QLineEdit* m_file = nullptr;
    QPushButton* m_browse = nullptr;
    QLineEdit* m_service = nullptr;
    QLabel* m_serviceHint = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;

    std::optional<data::LayerSettings> m_guess; //!< for m_guessedUri
    QString m_guessedUri;
    bool m_nameEdited = false;
    bool m_kindEdited = false;
    data::LayerId m_added;
};

} // namespace citytwin::app
