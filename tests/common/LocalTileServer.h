#pragma once

// A tiny HTTP/1.1 tile server on 127.0.0.1 for tests (no outside network): XYZ tiles, a WMTS
// service (REST and KVP), fault modes and request counting. It runs in its own thread with its
// own event loop because GDAL fetches block the thread of the test that triggers them.
// Needs Qt6::Network and Qt6::Gui (tiles are PNGs drawn with QImage).

#include <QBuffer>
#include <QColor>
#include <QHash>
#include <QImage>
#include <QMetaObject>
#include <QMutex>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <atomic>
#include <memory>

namespace citytwin::test {

class LocalTileServer
{
public:
    enum class Fault {
        None,
        NotFound,    //!< tiles answer 404
        ServerError, //!< tiles answer 500
        Slow         //!< tiles answer after slowDelayMs (beyond a client's timeout)
    };

    //! Deepest level of the WMTS tile matrix set (XYZ serves any level).
    static constexpr int kWmtsMaxLevel = 14;

    LocalTileServer()
    {
        m_thread.start();
        m_context = std::make_unique<QObject>();
        m_context->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_context.get(), [this] { listen(); }, Qt::BlockingQueuedConnection);
    }
    ~LocalTileServer()
    {
        stop();
        m_thread.quit();
        m_thread.wait();
    }
    LocalTileServer(const LocalTileServer&) = delete;
    LocalTileServer& operator=(const LocalTileServer&) = delete;

    //! False when the server could not bind a port.
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    //! XYZ template for citytwin ({z}/{x}/{y}).
    QString xyzTemplate() const { return baseUrl() + QStringLiteral("/xyz/{z}/{x}/{y}.png"); }
    //! RESTful WMTS capabilities (tiles at /wmts/rest/…).
    QString wmtsRestCapabilitiesUrl() const
    {
        return baseUrl() + QStringLiteral("/wmts/1.0.0/WMTSCapabilities.xml");
    }
    //! KVP-only WMTS capabilities (tiles through /wmts/kvp?REQUEST=GetTile…).
    QString wmtsKvpCapabilitiesUrl() const
    {
        return baseUrl() + QStringLiteral("/wmts/kvp?SERVICE=WMTS&REQUEST=GetCapabilities");
    }

    //! Stops listening and drops open connections: later requests are refused (offline).
    void stop()
    {
        if (!m_context)
            return;
        QMetaObject::invokeMethod(
            m_context.get(),
            [this] {
                delete m_server;
                m_server = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }

    void setFault(Fault fault) { m_fault = fault; }
    void setSlowDelayMs(int ms) { m_slowDelayMs = ms; }
    //! Tile requests answered (or faulted) so far; capabilities documents are not counted.
    int tileRequests() const { return m_tileRequests; }
    int requests() const { return m_requests; }
    void resetCounts()
    {
        m_tileRequests = 0;
        m_requests = 0;
    }

    //! The uniform colour of tile (z, x, y), XYZ numbering (row 0 north). Opaque.
    static QColor tileColour(int z, int x, int y)
    {
        return QColor(40 + 15 * (z % 14), 30 + (x * 37) % 200, 30 + (y * 53) % 200);
    }

private:
    void listen()
    {
        m_server = new QTcpServer(m_context.get());
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return;
        m_port = m_server->serverPort();
        QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
                    buffer->clear();
                    handle(socket, requestLine.size() >= 2 ? QString::fromLatin1(requestLine[1]) : QString());
                });
            }
        });
    }

    static void reply(QTcpSocket* socket, int status, const QByteArray& type, const QByteArray& body)
    {
        static const QHash<int, QByteArray> kReasons = {
            {200, "OK"}, {404, "Not Found"}, {500, "Internal Server Error"}};
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + kReasons.value(status, "Status") +
                          "\r\nContent-Type: " + type +
                          "\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\nConnection: close\r\n\r\n";
        socket->write(head + body);
        socket->disconnectFromHost();
    }

    void handle(QTcpSocket* socket, const QString& target)
    {
        ++m_requests;
        const QUrl url(target);
        const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const QUrlQuery query(url);
        auto upper = [&](const char* key) {
            for (const auto& item : query.queryItems())
                if (item.first.compare(QLatin1String(key), Qt::CaseInsensitive) == 0)
                    return item.second;
            return QString();
        };
        int z = -1, x = -1, y = -1;
        if (parts.size() == 4 && parts[0] == QLatin1String("xyz")) { // /xyz/z/x/y.png
            z = parts[1].toInt();
            x = parts[2].toInt();
            y = parts[3].section(QLatin1Char('.'), 0, 0).toInt();
        } else if (parts.size() == 7 &&
                   parts[1] == QLatin1String("rest")) { // /wmts/rest/test/tms/z/row/col.png
            z = parts[4].toInt();
            y = parts[5].toInt();
            x = parts[6].section(QLatin1Char('.'), 0, 0).toInt();
        } else if (parts.size() == 2 && parts[1] == QLatin1String("kvp")) {
            if (upper("REQUEST").compare(QLatin1String("GetCapabilities"), Qt::CaseInsensitive) == 0)
                return reply(socket, 200, "application/xml", capabilities(false));
            z = upper("TILEMATRIX").toInt();
            y = upper("TILEROW").toInt();
            x = upper("TILECOL").toInt();
        } else if (parts.size() == 3 && parts[2] == QLatin1String("WMTSCapabilities.xml")) {
            return reply(socket, 200, "application/xml", capabilities(true));
        }
        if (z < 0 || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z))
            return reply(socket, 404, "text/plain", "no such tile");
        ++m_tileRequests;
        switch (m_fault.load()) {
        case Fault::NotFound:
            return reply(socket, 404, "text/plain", "not found");
        case Fault::ServerError:
            return reply(socket, 500, "text/plain", "internal error");
        case Fault::Slow: {
            const QByteArray png = tilePng(z, x, y);
            QTimer::singleShot(m_slowDelayMs.load(), socket,
                               [socket, png] { reply(socket, 200, "image/png", png); });
            return;
        }
        case Fault::None:
            break;
        }
        reply(socket, 200, "image/png", tilePng(z, x, y));
    }

    static QByteArray tilePng(int z, int x, int y)
    {
        QImage image(256, 256, QImage::Format_RGB32);
        image.fill(tileColour(z, x, y));
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }

    QByteArray capabilities(bool rest) const
    {
        QByteArray matrices;
        double scale = 559082264.0287178;
        for (int z = 0; z <= kWmtsMaxLevel; ++z, scale /= 2) {
            matrices += "<TileMatrix><ows:Identifier>" + QByteArray::number(z) +
                        "</ows:Identifier><ScaleDenominator>" + QByteArray::number(scale, 'f', 10) +
                        "</ScaleDenominator><TopLeftCorner>-20037508.3427892 20037508.3427892</TopLeftCorner>"
                        "<TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>" +
                        QByteArray::number(1 << z) + "</MatrixWidth><MatrixHeight>" +
                        QByteArray::number(1 << z) + "</MatrixHeight></TileMatrix>";
        }
        const QByteArray base = baseUrl().toLatin1();
        const QByteArray operations =
            rest ? QByteArray()
                 : "<ows:OperationsMetadata><ows:Operation "
                   "name=\"GetCapabilities\"><ows:DCP><ows:HTTP><ows:Get xlink:href=\"" +
                       base +
                       "/wmts/kvp?\"><ows:Constraint "
                       "name=\"GetEncoding\"><ows:AllowedValues><ows:Value>KVP</ows:Value>"
                       "</ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>"
                       "<ows:Operation name=\"GetTile\"><ows:DCP><ows:HTTP><ows:Get xlink:href=\"" +
                       base +
                       "/wmts/kvp?\"><ows:Constraint "
                       "name=\"GetEncoding\"><ows:AllowedValues><ows:Value>KVP</ows:Value>"
                       "</ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></"
                       "ows:Operation></ows:OperationsMetadata>";
        const QByteArray resource =
            rest ? "<ResourceURL format=\"image/png\" resourceType=\"tile\" template=\"" + base +
                       "/wmts/rest/test/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png\"/>"
                 : QByteArray();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
               "<Capabilities xmlns=\"http://www.opengis.net/wmts/1.0\" "
               "xmlns:ows=\"http://www.opengis.net/ows/1.1\" "
               "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.0.0\">" +
               operations +
               "<Contents><Layer><ows:Title>test</ows:Title><ows:WGS84BoundingBox><ows:LowerCorner>-180 "
               "-85.0511287798"
               "</ows:LowerCorner><ows:UpperCorner>180 85.0511287798</ows:UpperCorner></ows:WGS84BoundingBox>"
               // The exact web-mercator square: GDAL then aligns its blocks with the tiles.
               "<ows:BoundingBox crs=\"urn:ogc:def:crs:EPSG::3857\"><ows:LowerCorner>-20037508.3427892 "
               "-20037508.3427892</ows:LowerCorner><ows:UpperCorner>20037508.3427892 20037508.3427892"
               "</ows:UpperCorner></ows:BoundingBox>"
               "<ows:Identifier>test</ows:Identifier><Style "
               "isDefault=\"true\"><ows:Identifier>default</ows:Identifier>"
               "</Style><Format>image/png</Format><TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</"
               "TileMatrixSet>"
               "</TileMatrixSetLink>" +
               resource +
               "</Layer><TileMatrixSet><ows:Identifier>GoogleMapsCompatible</ows:Identifier>"
               "<ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>" +
               matrices + "</TileMatrixSet></Contents></Capabilities>";
    }

    QThread m_thread;
    std::unique_ptr<QObject> m_context; // lives in m_thread; parent of the server
    QTcpServer* m_server = nullptr;     // touched only in m_thread
    std::atomic<quint16> m_port{0};
    std::atomic<Fault> m_fault{Fault::None};
    std::atomic<int> m_slowDelayMs{5000};
    std::atomic<int> m_tileRequests{0};
    std::atomic<int> m_requests{0};
};

} // namespace citytwin::test
