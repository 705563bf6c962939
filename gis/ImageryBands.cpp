#include "gis/ImageryBands.h"

namespace citytwin::gis {

data::Result<ImageryBands> imageryBands(GDALDataset& ds, const QString& name)
{
    const int n = ds.GetRasterCount();
    ImageryBands b;
    int red = 0, green = 0, blue = 0;
    for (int i = 1; i <= n; ++i) {
        switch (ds.GetRasterBand(i)->GetColorInterpretation()) {
        case GCI_RedBand:
            red = red ? red : i;
            break;
        case GCI_GreenBand:
            green = green ? green : i;
            break;
        case GCI_BlueBand:
            blue = blue ? blue : i;
            break;
        case GCI_AlphaBand:
            b.alpha = b.alpha ? b.alpha : i;
            break;
        default:
            break;
        }
    }
    if (red && green && blue)
        b.colour = {red, green, blue};
    else if (n >= 3)
        b.colour = {1, 2, 3}; // no colour interpretation recorded: the usual order
    else
        b.colour = {1};
    if (b.colour.size() == 1 && ds.GetRasterBand(1)->GetColorInterpretation() == GCI_PaletteIndex)
        b.palette = ds.GetRasterBand(1)->GetColorTable();
    std::vector<int> used = b.colour;
    if (b.alpha)
        used.push_back(b.alpha);
    for (int i : used) {
        const GDALDataType type = ds.GetRasterBand(i)->GetRasterDataType();
        if (type != GDT_Byte)
            return data::Status::error(data::Status::Code::Unsupported,
                                       QStringLiteral("%1: imagery band %2 is %3; only 8-bit imagery is supported "
                                                      "(is this a DEM? add it as an elevation layer)")
                                           .arg(name)
                                           .arg(i)
                                           .arg(QString::fromUtf8(GDALGetDataTypeName(type))));
    }
    return b;
}

} // namespace citytwin::gis
