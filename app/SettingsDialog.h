#pragma once

#include "app/ServiceSettings.h"

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace citytwin::app {

//! Settings → basemap services: the API key for {tk} service URLs, the tile disk cache (folder,
//! size limit, "Clear cache") and the list of trusted services (the user can forget one).
//! OK writes QSettings (ServiceSettings::save, TrustStore); the caller applies them to the session.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    //! What the fields say now.
    ServiceSettings settings() const;
    void setSettings(const ServiceSettings& settings);

    QLineEdit* apiKeyEdit() const { return m_apiKey; }
    QLineEdit* cacheDirEdit() const { return m_cacheDir; }
    QSpinBox* cacheSizeSpin() const { return m_cacheSize; }
    QSpinBox* tileMemorySpin() const { return m_tileMemory; }
    QPushButton* clearCacheButton() const { return m_clearCache; }
    QLabel* cacheUsageLabel() const { return m_usage; }
    QListWidget* trustedList() const { return m_trusted; }
    QPushButton* forgetButton() const { return m_forget; }

    //! Empties the cache folder now (gis::trimTileCache to 0 bytes) and shows what is left.
    void clearCache();

    void accept() override;

private:
    void browseCacheDir();
    void updateUsage();
    void forgetSelected();

    QLineEdit* m_apiKey = nullptr;
    QLineEdit* m_cacheDir = nullptr;
    QPushButton* m_browse = nullptr;
    QSpinBox* m_cacheSize = nullptr;
    QSpinBox* m_tileMemory = nullptr;
    QLabel* m_usage = nullptr;
    QPushButton* m_clearCache = nullptr;
    QListWidget* m_trusted = nullptr;
    QPushButton* m_forget = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QStringList m_forgotten;
};

} // namespace citytwin::app
