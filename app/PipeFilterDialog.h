#pragma once

#include "data/PipeFilter.h"

#include <QDialog>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace citytwin::app {

//! The ageing-network query form: minimum age (0 = any), materials and networks found in the loaded
//! pipes (none ticked = any). Apply and Clear are requests; the controller does the work and
//! reports back through setSummary(). Non-modal: the user keeps looking at the map.
class PipeFilterDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PipeFilterDialog(QWidget* parent = nullptr);

    //! The materials and networks offered (ticks on values still offered are kept).
    void setChoices(const QStringList& materials, const std::vector<data::PipeNetwork>& networks);
    //! Shows FILTER in the form (values not offered are added to the lists).
    void setFilter(const data::PipeFilter& filter);
    data::PipeFilter filter() const;
    //! The year ages count at, shown next to the age box.
    void setReferenceYear(int year);
    //! The result line under the form ("12 of 340 pipes, 1.8 km").
    void setSummary(const QString& text);
    QString summary() const;

signals:
    void applyRequested(const citytwin::data::PipeFilter& filter);
    void clearRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QSpinBox* m_age = nullptr;
    QLabel* m_ageLabel = nullptr;
    QLabel* m_yearLabel = nullptr;
    QLabel* m_materialsLabel = nullptr;
    QLabel* m_networksLabel = nullptr;
    QListWidget* m_materials = nullptr;
    QListWidget* m_networks = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_close = nullptr;
    int m_year = 0;
};

//! The network's name as the UI shows it (translated).
QString pipeNetworkDisplayName(data::PipeNetwork network);

} // namespace citytwin::app
