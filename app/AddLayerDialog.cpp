#include "app/AddLayerDialog.h"

#include "app/ProjectSession.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace citytwin::app {

namespace {
const char* const kLastDirKey = "layers/lastDirectory";

//! A service rather than a file: a URL other than file:// or an XYZ template. ("file://…{z}…"
//! templates are services too: tiles in a local folder.)
bool looksLikeService(const QString& uri)
{
    const QString u = uri.trimmed();
    if (u.contains(QLatin1String("{z}")) || u.startsWith(QLatin1String("WMTS:"), Qt::CaseInsensitive))
        return true;
    const int scheme = u.indexOf(QLatin1String("://"));
    return scheme > 1 && !u.startsWith(QLatin1String("file://"), Qt::CaseInsensitive);
}
} // namespace

AddLayerDialog::AddLayerDialog(ProjectSession* session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setObjectName(QStringLiteral("addLayerDialog"));
    setWindowTitle(tr("Add Layer"));
    setMinimumWidth(560);
    auto* layout = new QVBoxLayout(this);

    auto* sourceGrid = new QGridLayout;
    m_fileMode = new QRadioButton(tr("From a &file"), this);
    m_serviceMode = new QRadioButton(tr("From a &service"), this);
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_fileMode);
    modes->addButton(m_serviceMode);
    m_fileMode->setChecked(true);
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("fileEdit"));
    m_file->setPlaceholderText(
        tr("GeoTIFF, COG, VRT, MBTiles, GeoPackage, Shapefile, CityGML, IFC, glTF, tileset.json, metadata.xml…"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_service = new QLineEdit(this);
    m_service->setObjectName(QStringLiteral("serviceEdit"));
    m_service->setPlaceholderText(tr("XYZ URL template, WMTS capabilities URL or GDAL WMS description"));
    m_serviceHint = new QLabel(tr("<small>XYZ: <tt>https://tiles.example.com/{z}/{x}/{y}.png</tt><br>"
                                  "WMTS: "
                                  "<tt>https://t0.tianditu.gov.cn/img_w/"
                                  "wmts?SERVICE=WMTS&amp;REQUEST=GetCapabilities&amp;tk={tk}</tt><br>"
                                  "Tianditu-style XYZ: "
                                  "<tt>https://t0.tianditu.gov.cn/"
                                  "DataServer?T=img_w&amp;x={x}&amp;y={y}&amp;l={z}&amp;tk={tk}</tt><br>"
                                  "<tt>{tk}</tt> is replaced by the API key from Settings (it is not saved "
                                  "in the project).</small>"),
                               this);
    m_serviceHint->setWordWrap(true);
    m_serviceHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sourceGrid->addWidget(m_fileMode, 0, 0);
    sourceGrid->addWidget(m_file, 0, 1);
    sourceGrid->addWidget(m_browse, 0, 2);
    sourceGrid->addWidget(m_serviceMode, 1, 0);
    sourceGrid->addWidget(m_service, 1, 1, 1, 2);
    sourceGrid->addWidget(m_serviceHint, 2, 1, 1, 2);
    sourceGrid->setColumnStretch(1, 1);
    layout->addLayout(sourceGrid);

    auto* form = new QFormLayout;
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Imagery"), int(data::LayerKind::Imagery));
    m_kind->addItem(tr("Elevation (terrain)"), int(data::LayerKind::Elevation));
    m_kind->addItem(tr("Buildings (footprints)"), int(data::LayerKind::Buildings));
    m_kind->addItem(tr("Model (CityGML, IFC, glTF, 3D Tiles, OSGB)"), int(data::LayerKind::Model));
    m_kind->addItem(tr("Manholes, valves, hydrants (points)"), int(data::LayerKind::Manholes));
    m_kind->addItem(tr("Underground spaces (tunnels, parking, shelters)"), int(data::LayerKind::UndergroundSpaces));
    form->addRow(tr("&Kind:"), m_kind);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    form->addRow(tr("&Name:"), m_name);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("addLayerError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddLayerDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddLayerDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &AddLayerDialog::browse);
    connect(modes, &QButtonGroup::buttonToggled, this, [this] {
        updateState();
        guess();
    });
    // Guessing opens the file's header: once the user has finished typing, not at every key.
    connect(m_file, &QLineEdit::editingFinished, this, &AddLayerDialog::guess);
    connect(m_service, &QLineEdit::editingFinished, this, &AddLayerDialog::guess);
    connect(m_file, &QLineEdit::textChanged, this, &AddLayerDialog::updateState);
    connect(m_service, &QLineEdit::textChanged, this, &AddLayerDialog::updateState);
    connect(m_name, &QLineEdit::textEdited, this,
            [this] { m_nameEdited = !m_name->text().trimmed().isEmpty(); });
    connect(m_kind, &QComboBox::activated, this, [this] { m_kindEdited = true; });
    updateState();
}

QPushButton* AddLayerDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString AddLayerDialog::fileFilter()
{
    const QString rasters = QStringLiteral(
        "*.tif *.tiff *.vrt *.mbtiles *.gpkg *.jpg *.jpeg *.png *.jp2 *.ecw *.img *.asc *.xml");
    const QString vectors = QStringLiteral("*.shp *.geojson *.json *.gpkg *.fgb *.kml *.gml");
    // An oblique dataset is chosen by its metadata.xml (or one of its .osgb tiles).
    const QString models =
        QStringLiteral("*.gml *.citygml *.xml *.ifc *.gltf *.glb tileset.json *.json metadata.xml *.osgb");
    return QStringList{tr("Supported data (%1)").arg(rasters + QLatin1Char(' ') + vectors + QLatin1Char(' ') + models),
                       tr("Rasters: imagery and elevation (%1)").arg(rasters),
                       tr("Buildings (%1)").arg(vectors),
                       tr("City and building models: CityGML, IFC, glTF, 3D Tiles, OSGB (%1)").arg(models),
                       tr("GDAL service descriptions (*.xml)"),
                       tr("All files (*)")}
        .join(QStringLiteral(";;"));
}

void AddLayerDialog::setSource(const QString& uri)
{
    const QString u = uri.trimmed();
    if (looksLikeService(u)) {
        m_serviceMode->setChecked(true);
        m_service->setText(u);
    } else {
        m_fileMode->setChecked(true);
        m_file->setText(QDir::toNativeSeparators(u));
    }
    updateState();
    guess();
}

QString AddLayerDialog::source() const
{
    return mode() == Mode::File ? QDir::fromNativeSeparators(m_file->text().trimmed())
                                : m_service->text().trimmed();
}

AddLayerDialog::Mode AddLayerDialog::mode() const
{
    return m_serviceMode->isChecked() ? Mode::Service : Mode::File;
}

void AddLayerDialog::setMode(Mode mode)
{
    (mode == Mode::File ? m_fileMode : m_serviceMode)->setChecked(true);
}

data::LayerKind AddLayerDialog::kind() const
{
    return data::LayerKind(m_kind->currentData().toInt());
}

void AddLayerDialog::setKind(data::LayerKind kind)
{
    const int index = m_kind->findData(int(kind));
    if (index >= 0) {
        m_kind->setCurrentIndex(index);
        m_kindEdited = true;
    }
}

void AddLayerDialog::updateState()
{
    const bool file = mode() == Mode::File;
    m_file->setEnabled(file);
    m_browse->setEnabled(file);
    m_service->setEnabled(!file);
    m_serviceHint->setEnabled(!file);
    okButton()->setEnabled(m_session && !source().isEmpty());
}

void AddLayerDialog::browse()
{
    QString dir = QSettings().value(QLatin1String(kLastDirKey)).toString();
    if (dir.isEmpty() && m_session)
        dir = QFileInfo(m_session->path()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Add Layer from File"), dir, fileFilter());
    if (path.isEmpty())
        return;
    QSettings().setValue(QLatin1String(kLastDirKey), QFileInfo(path).absolutePath());
    m_file->setText(QDir::toNativeSeparators(path));
    guess();
}

void AddLayerDialog::guess()
{
    const QString uri = source();
    if (uri.isEmpty() || uri == m_guessedUri)
        return;
    m_guessedUri = uri;
    m_guess.reset();
    m_error->hide();
    auto guessed = ProjectSession::layerForSource(uri);
    if (!guessed) {
        // Not fatal: the user may still pick the kind; adding will report the real problem.
        showError(guessed.status().message());
        return;
    }
    m_guess = guessed.value();
    if (!m_kindEdited) {
        const int index = m_kind->findData(int(m_guess->kind));
        if (index >= 0)
            m_kind->setCurrentIndex(index);
    }
    if (!m_nameEdited)
        m_name->setText(m_guess->name);
}

data::LayerSettings AddLayerDialog::layerSettings() const
{
    const QString uri = source();
    data::LayerSettings layer;
    if (m_guess && m_guessedUri == uri)
        layer = *m_guess;
    layer.sourceUri = uri;
    if (layer.kind != kind()) {
        layer.kind = kind();
        layer.group = data::defaultGroup(layer.kind);
    }
    const QString name = m_name->text().trimmed();
    if (!name.isEmpty())
        layer.name = name;
    if (layer.name.isEmpty())
        layer.name = mode() == Mode::File ? QFileInfo(uri).completeBaseName() : tr("Service layer");
    return layer;
}

QString AddLayerDialog::errorText() const
{
    return m_error->text();
}

void AddLayerDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void AddLayerDialog::accept()
{
    if (!m_session) {
        showError(tr("No project is open."));
        return;
    }
    guess(); // the field may have changed without losing focus (typed, then Enter)
    if (source().isEmpty()) {
        showError(tr("Choose a file or enter a service address."));
        return;
    }
    auto added = m_session->addLayer(layerSettings());
    if (!added) {
        showError(tr("Could not add the layer: %1").arg(added.status().message()));
        return;
    }
    m_added = added.value();
    showError({});
    QDialog::accept();
}

} // namespace citytwin::app
