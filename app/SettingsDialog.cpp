#include "app/SettingsDialog.h"

#include "app/TrustStore.h"
#include "gis/RasterSourceFactory.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace citytwin::app {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setMinimumWidth(480);
    auto* layout = new QVBoxLayout(this);

    auto* services = new QGroupBox(tr("Basemap services"), this);
    auto* serviceForm = new QFormLayout(services);
    m_apiKey = new QLineEdit(services);
    m_apiKey->setObjectName(QStringLiteral("apiKeyEdit"));
    // Shown while typed, masked afterwards: the key is a credential of the user's account.
    m_apiKey->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_apiKey->setPlaceholderText(tr("e.g. the Tianditu key (tk)"));
    serviceForm->addRow(tr("API &key:"), m_apiKey);
    auto* keyHint = new QLabel(tr("Replaces {tk} in service URLs such as "
                                  "https://t0.tianditu.gov.cn/img_w/wmts?…&tk={tk}. "
                                  "Stored in your user settings, never in project files."),
                               services);
    keyHint->setWordWrap(true);
    serviceForm->addRow(QString(), keyHint);
    layout->addWidget(services);

    auto* cache = new QGroupBox(tr("Tile disk cache"), this);
    auto* cacheForm = new QFormLayout(cache);
    auto* dirRow = new QHBoxLayout;
    m_cacheDir = new QLineEdit(cache);
    m_cacheDir->setObjectName(QStringLiteral("cacheDirEdit"));
    m_cacheDir->setPlaceholderText(QDir::toNativeSeparators(ServiceSettings::defaultCacheDir()));
    m_browse = new QPushButton(tr("&Browse…"), cache);
    dirRow->addWidget(m_cacheDir, 1);
    dirRow->addWidget(m_browse);
    auto* dirLabel = new QLabel(tr("&Folder:"), cache);
    dirLabel->setBuddy(m_cacheDir); // a row of widgets gets no buddy from the form
    cacheForm->addRow(dirLabel, dirRow);
    m_cacheSize = new QSpinBox(cache);
    m_cacheSize->setObjectName(QStringLiteral("cacheSizeSpin"));
    m_cacheSize->setRange(int(ServiceSettings::kMinCacheMiB), int(ServiceSettings::kMaxCacheMiB));
    m_cacheSize->setSingleStep(64);
    m_cacheSize->setSuffix(tr(" MiB"));
    cacheForm->addRow(tr("&Size limit:"), m_cacheSize);
    auto* usageRow = new QHBoxLayout;
    m_usage = new QLabel(cache);
    m_usage->setObjectName(QStringLiteral("cacheUsageLabel"));
    m_clearCache = new QPushButton(tr("&Clear cache"), cache);
    m_clearCache->setObjectName(QStringLiteral("clearCacheButton"));
    usageRow->addWidget(m_usage, 1);
    usageRow->addWidget(m_clearCache);
    cacheForm->addRow(tr("In use:"), usageRow);
    layout->addWidget(cache);

    auto* terrain = new QGroupBox(tr("Terrain"), this);
    auto* terrainForm = new QFormLayout(terrain);
    m_tileMemory = new QSpinBox(terrain);
    m_tileMemory->setObjectName(QStringLiteral("tileMemorySpin"));
    m_tileMemory->setRange(int(ServiceSettings::kMinTileMemoryMiB), int(ServiceSettings::kMaxTileMemoryMiB));
    m_tileMemory->setSingleStep(64);
    m_tileMemory->setSuffix(tr(" MiB"));
    m_tileMemory->setToolTip(tr("Memory for terrain tiles; beyond it the least recently drawn tiles are dropped."));
    terrainForm->addRow(tr("Tile &memory:"), m_tileMemory);
    layout->addWidget(terrain);

    auto* trust = new QGroupBox(tr("Trusted services"), this);
    auto* trustLayout = new QVBoxLayout(trust);
    auto* trustHint = new QLabel(tr("Projects may fetch tiles from these addresses without asking."), trust);
    trustHint->setWordWrap(true);
    trustLayout->addWidget(trustHint);
    m_trusted = new QListWidget(trust);
    m_trusted->setObjectName(QStringLiteral("trustedList"));
    m_trusted->addItems(TrustStore::trustedUris());
    trustLayout->addWidget(m_trusted);
    m_forget = new QPushButton(tr("&Forget"), trust);
    m_forget->setEnabled(false);
    trustLayout->addWidget(m_forget, 0, Qt::AlignRight);
    layout->addWidget(trust);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &SettingsDialog::browseCacheDir);
    connect(m_clearCache, &QPushButton::clicked, this, &SettingsDialog::clearCache);
    connect(m_cacheDir, &QLineEdit::editingFinished, this, &SettingsDialog::updateUsage);
    connect(m_trusted, &QListWidget::currentRowChanged, this,
            [this](int row) { m_forget->setEnabled(row >= 0); });
    connect(m_forget, &QPushButton::clicked, this, &SettingsDialog::forgetSelected);

    setSettings(ServiceSettings::load());
}

ServiceSettings SettingsDialog::settings() const
{
    ServiceSettings s;
    s.apiKey = m_apiKey->text().trimmed();
    s.cacheDir = QDir::fromNativeSeparators(m_cacheDir->text().trimmed());
    s.cacheMaxMiB = m_cacheSize->value();
    s.tileMemoryMiB = m_tileMemory->value();
    return s;
}

void SettingsDialog::setSettings(const ServiceSettings& settings)
{
    m_apiKey->setText(settings.apiKey);
    m_cacheDir->setText(settings.cacheDir.isEmpty() ? QString()
                                                    : QDir::toNativeSeparators(settings.cacheDir));
    m_cacheSize->setValue(int(settings.cacheMaxMiB));
    m_tileMemory->setValue(int(settings.tileMemoryMiB));
    updateUsage();
}

void SettingsDialog::browseCacheDir()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Tile Cache Folder"), settings().effectiveCacheDir());
    if (dir.isEmpty())
        return;
    m_cacheDir->setText(QDir::toNativeSeparators(dir));
    updateUsage();
}

void SettingsDialog::updateUsage()
{
    const double mib = double(ServiceSettings::diskUsage(settings().effectiveCacheDir())) / (1 << 20);
    m_usage->setText(tr("%1 MiB").arg(mib, 0, 'f', 1));
}

void SettingsDialog::clearCache()
{
    const QString dir = settings().effectiveCacheDir();
    if (QDir(dir).exists())
        gis::trimTileCache(dir, 0);
    updateUsage();
}

void SettingsDialog::forgetSelected()
{
    const int row = m_trusted->currentRow();
    if (row < 0)
        return;
    m_forgotten.append(m_trusted->item(row)->text());
    delete m_trusted->takeItem(row);
}

void SettingsDialog::accept()
{
    settings().save();
    for (const QString& uri : std::as_const(m_forgotten))
        TrustStore::forget(uri);
    m_forgotten.clear();
    QDialog::accept();
}

} // namespace citytwin::app
