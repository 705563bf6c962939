#pragma once

#include "data/FeatureStyle.h"
#include "data/LayerId.h"
#include "data/Model.h"
#include "data/PipeMapping.h"
#include "data/Project.h"
#include "data/ProjectStore.h"
#include "data/Rasters.h"
#include "data/Result.h"
#include "data/TilingScheme.h"
#include "scene/CityScene.h"
#include "scene/TileEngine.h"

#include <QObject>
#include <QStringList>
#include <QString>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <osg/Node>
#include <osg/ref_ptr>
#include <set>
#include <vector>

class QThreadPool;
class QTimer;

namespace citytwin::app::loader {
struct JobContext;
}
namespace citytwin::gis {
struct FeatureTimeSpans;
}

namespace citytwin::app {

//! One open project: its file (ProjectStore), the Project value, the live CityScene and the
//! loading pipeline that turns layers into scene nodes. Main thread only; loading runs on
//! workers (QtConcurrent) — gis/ reads, scene/ builds detached nodes — and the results are
//! attached to the scene on the main thread. Elevation and imagery layers are not scene layers:
//! their sources (opened on the workers; network ones only when trusted) feed one paged
//! scene::TileEngine, the scene's terrain. Used by the GUI and by citytwin-cli alike.
class ProjectSession : public QObject
{
    Q_OBJECT
public:
    enum class LayerState { NotLoaded, Loading, Ready, Failed };

    enum class OpenMode { ReadWriteIfPossible, ReadOnly };
    //! Opens PATH (read-write; falls back to read-only when the file is not writable).
    //! ReadOnly (viewers such as citytwin-cli) never writes to the file, not even a migration.
    static data::Result<std::unique_ptr<ProjectSession>> open(const QString& path,
                                                              OpenMode mode = OpenMode::ReadWriteIfPossible);
    //! Creates a new project file at PATH from PROJECT.
    static data::Result<std::unique_ptr<ProjectSession>> create(const QString& path,
                                                                const data::Project& project);
    ~ProjectSession() override;

    QString path() const;
    const data::Project& project() const { return m_project; }
    scene::CityScene& scene() { return *m_scene; }
    const data::ProjectStore& store() const { return *m_store; }

    //! Starts loading every layer asynchronously (signals report progress). Returns at once.
    void startLoading();
    //! Loads every layer and waits (CLI, tests). Per-layer failures are in layerState/layerError;
    //! the returned Status is an error only when nothing could be loaded at all.
    data::Status loadAllBlocking();
    //! Abandons the running load: Loading layers go back to NotLoaded, loadingFinished is emitted.
    void cancelLoading();
    bool isLoading() const;

    LayerState layerState(data::LayerId id) const;
    QString layerError(data::LayerId id) const;
    //! A non-fatal note about a Ready layer (e.g. "12 of 1,156 pipes skipped: …"); empty when none.
    QString layerWarning(data::LayerId id) const;

    //! The whole-DEM elevation grid (project CRS, at most loader::kMaxDemCells a side) of the first
    //! elevation layer that is a local file, or nullptr before it is loaded. Buildings are draped on
    //! it and the cursor readout asks it; the drawn terrain is terrainEngine()'s.
    const data::ElevationGrid* terrain() const;

    // Edits (update the Project value and the live scene; mark the session modified).
    void setLayerVisible(data::LayerId id, bool visible);
    void setLayerOpacity(data::LayerId id, double opacity);
    // Basemap layers (imagery/elevation) are served by one paged scene::TileEngine; the
    // functions below are the user's edits of the layer list (the GUI, drag & drop, the CLI).

    //! Adds LAYER (id assigned here) to the project and the live scene and starts loading it
    //! (once startLoading() was called; before that it loads with the rest). It goes on top of its
    //! group; an absolute path inside the project's folder is stored relative to it. A URL source
    //! added this way counts as trusted (the user typed it). Fails (naming the source) when the
    //! kind is not one the session can serve, the file does not exist or kMaxImageryLayers
    //! imagery layers are already there; the project is then unchanged.
    data::Result<data::LayerId> addLayer(data::LayerSettings layer);
    //! Guesses the layer for a dropped/opened file or URL: kind (raster with one non-8-bit band
    //! and no palette → elevation, other rasters and services → imagery, polygons → buildings),
    //! name (file stem / host), group. Reads the file's header and two pixels.
    static data::Result<data::LayerSettings> layerForSource(const QString& uri);
    bool removeLayer(data::LayerId id);
    //! Moves ID one step up (+1, drawn later/on top) or down (-1) within its group.
    bool moveLayer(data::LayerId id, int step);
    //! Vertical exaggeration of an elevation layer (style key "verticalScale", 0.1…10). The
    //! terrain uses the scale of the first visible elevation layer in draw order.
    void setLayerVerticalScale(data::LayerId id, double scale);
    static double layerVerticalScale(const data::LayerSettings& layer);
    //! The paged basemap terrain, or nullptr until the basemap sources are open (the engine's
    //! tiling scheme covers their extents) or when the project has none. It is replaced when a
    //! new elevation source needs another scheme: terrainEngineChanged() says so.
    scene::TileEngine* terrainEngine() const;
    //! Decides whether a network source may be contacted (the app asks its trust store; a URL
    //! the user added in this session is trusted). Default: nothing is trusted.
    void setTrustPolicy(std::function<bool(const QString& uri)> isTrusted);
    //! Service options used when opening basemap sources (API key, disk cache); set before loading.
    //! The disk cache is trimmed to CACHEMAXBYTES (least recently used first) in the background.
    void setServiceOptions(const QString& apiKey, const QString& cacheDir, qint64 cacheMaxBytes);
    //! Memory for resident terrain tiles (scene::TileEngineOptions::memoryBudgetBytes); applies
    //! to the live engine too.
    void setTileMemoryBudget(std::size_t bytes);
    std::size_t tileMemoryBudget() const { return m_tileMemoryBytes; }
    //! Network layers that were NOT contacted because they are not trusted (for a consent prompt).
    std::vector<data::LayerId> untrustedLayers() const;
    //! Trusts ID's source for this session and loads it.
    void trustLayer(data::LayerId id);

    // Model layers and feature styling (ProjectSessionModels.cpp). A Model layer's source is a
    // CityGML, IFC, glTF/GLB file, a 3D Tiles tileset.json or an oblique (OSGB) dataset; its
    // style keeps "format" and, for models in local coordinates, "placement" (data::ModelPlacement).

    //! The features of model layer ID's live node (CityGML/IFC/glTF; the loaded tiles of a
    //! tileset), sorted by id; empty before it is loaded and for other kinds.
    std::vector<data::ModelFeature> modelFeatures(data::LayerId id) const;
    std::optional<data::ModelFeature> modelFeature(data::LayerId id, std::int64_t featureId) const;
    //! The attributes a building or model layer can be styled by: a buildings layer's OGR fields
    //! (read from the file header), a model's feature attribute names plus "type" and "name".
    QStringList styleFields(data::LayerId id) const;
    //! ID's feature style (style key "featureStyle"; default: Single).
    data::FeatureStyle featureStyle(data::LayerId id) const;
    //! Stores STYLE and applies it to the live layer without rebuilding it: field values are read
    //! (buildings: from the file, on a worker) and classified, then colours, hidden features
    //! (the user's plus, with an isolated storey, every element outside it) and wireframe are
    //! written to the layer. featureStyleApplied(ID) follows (at once for models, after the read
    //! for buildings); a failed read sets no colours and reports through layerError-like text in
    //! styleError(). Marks the session modified.
    void setFeatureStyle(data::LayerId id, const data::FeatureStyle& style);
    //! The legend of the style last applied to ID (empty classes for Single).
    data::StyleClassification styleClassification(data::LayerId id) const;
    QString styleError(data::LayerId id) const;
    //! How a buildings layer extrudes its footprints (style keys "heightField", "floorsField",
    //! "storeyHeight"): the height field, else floors × storey height, else 10 m.
    struct FootprintHeights
    {
        QString heightField = QStringLiteral("height");
        QString floorsField = QStringLiteral("floors");
        double storeyHeightM = 3.0;
        bool operator==(const FootprintHeights&) const = default;
    };
    FootprintHeights footprintHeights(data::LayerId id) const;
    //! Stores HEIGHTS for buildings layer ID and reloads it (the extrusion is geometry).
    void setFootprintHeights(data::LayerId id, const FootprintHeights& heights);
    //! How pipe layer ID's fields map onto pipes (style key "pipeMapping"; default: the demo's names).
    data::PipeMapping pipeMapping(data::LayerId id) const;
    //! Stores MAPPING for pipe layer ID and reloads it.
    void setPipeMapping(data::LayerId id, const data::PipeMapping& mapping);
    // The underground (ProjectSessionUnderground.cpp).

    //! The pipes of pipe layer ID as drawn: centre lines in the project CRS with absolute z (hung
    //! under the terrain), sorted by id; empty before it is loaded and for other kinds.
    std::vector<data::PipeLine> pipes(data::LayerId id) const;
    //! The loaded pipe layers (visible or not), in draw order.
    std::vector<data::LayerId> pipeLayers() const;

    //! Where model layer ID stands (nullopt: its own georeference); changing it reloads the layer.
    std::optional<data::ModelPlacement> modelPlacement(data::LayerId id) const;
    void setModelPlacement(data::LayerId id, const std::optional<data::ModelPlacement>& placement);

    //! Moves the scene clock. Not an edit of the project: playback calls it every frame.
    void setTime(data::TimeMs t);
    //! Live mode: hands overlay rows committed by another connection (app/OverlayLiveWatcher) to
    //! the loaded people/event/asset layers without replacing their nodes (ProjectSessionLive.cpp).
    void applyOverlayDelta(const data::OverlayDelta& delta);
    //! Stores layer ID's temporal settings and style (Layer Properties → Time) and applies them to the live layer
    //! without a rebuild: events' window/accumulate at once (people's trail and gap: the panel itself); feature
    //! layers' times are read again (applyFeatureTimes), a changed accumulate flag alone is switched at once. Modifies.
    void setLayerTemporal(data::LayerId id, const data::TemporalSettings& temporal, const QJsonObject& style);
    // Feature layers replayed by their time fields (ProjectSessionTemporal.cpp): Layer Properties
    // → Time with TemporalMode::FeatureFields gives every building, pipe, model element or
    // underground space its own span, tested on the GPU against the scene time.

    //! What applying a layer's feature times found (for the Time panel's status line).
    struct FeatureTimeSummary
    {
        std::int64_t features = 0;       //!< features seen
        std::int64_t timed = 0;          //!< features with a span (the others are always drawn)
        std::int64_t withoutTime = 0;    //!< empty start value
        std::int64_t unparsable = 0;     //!< start or end present but unreadable
        QString firstUnparsable;         //!< the first unreadable value
        std::int64_t endBeforeStart = 0; //!< end earlier than start (treated as open-ended)
        data::TimeRange extent;          //!< earliest start to latest end: what the timeline must cover
    };
    //! Whether layers of KIND can be replayed by their features' time fields (buildings, pipes,
    //! models, underground spaces: the kinds whose geometry carries feature ids).
    static bool replaysFeatureTimes(data::LayerKind kind);
    //! The fields layer ID's features can take their times from: a file's OGR fields (read from
    //! the header), a model's feature attribute names (once loaded).
    QStringList temporalFields(data::LayerId id) const;
    //! The outcome of the feature times last applied to ID; nullopt when none are applied
    //! (mode not FeatureFields, not loaded yet, or the read failed: see featureTimeError()).
    std::optional<FeatureTimeSummary> featureTimeSummary(data::LayerId id) const;
    //! Why ID's feature times could not be applied (file/field named), empty when they were.
    QString featureTimeError(data::LayerId id) const;

    //! Drops ID's live node and loads it again, keeping its id and settings (a changed placement,
    //! rows imported into the store).
    void reloadLayer(data::LayerId id);
    //! Adds or replaces the saved view with VIEW's name.
    void setView(const data::SavedView& view);
    bool removeView(const QString& name);

    bool isModified() const { return m_modified; }
    data::Status save();
    //! Writes the project (metadata, layers, views and overlays) to a new file and switches to it.
    data::Status saveAs(const QString& path);

signals:
    void layerStateChanged(citytwin::data::LayerId id);
    void layerChanged(citytwin::data::LayerId id);
    void loadProgress(int done, int total);
    //! Every layer is Ready or Failed (or the load was cancelled).
    void loadingFinished();
    void modifiedChanged(bool modified);
    //! A layer was added to or removed from the project, or the order changed.
    void layersChanged();
    //! Basemap tile loading: tiles queued + running (0 when the view is fully refined).
    void tileActivity(int inFlight);
    //! terrainEngine() was created, replaced or dropped (connect its redraw callback again).
    void terrainEngineChanged();
    void viewsChanged();
    //! A feature style was applied to ID's live layer (styleClassification/styleError are current).
    void featureStyleApplied(citytwin::data::LayerId id);
    //! ID's feature times were applied or cleared, or failed (featureTimeSummary/Error are current).
    void featureTimesApplied(citytwin::data::LayerId id);

private:
    ProjectSession(std::unique_ptr<data::ProjectStore> store, data::Project project);

    using NodeResult = data::Result<osg::ref_ptr<osg::Node>>;
    // Loading (ProjectSessionLoading.cpp).
    //! Starts loading LAYER in the running load round (counts it unless it fails at once).
    void startLayer(const data::LayerSettings& layer);
    void startBasemapSource(const data::LayerSettings& layer);
    //! Fails ID without contacting URI (a network source the user has not trusted) and lists it
    //! in untrustedLayers() for the consent prompt.
    void refuseUntrusted(data::LayerId id, const QString& uri);
    void startDem(const data::LayerSettings& layer);
    void startBuildings(const data::LayerSettings& layer);
    void startNodeJob(data::LayerId id, std::function<NodeResult()> job);
    loader::JobContext jobContext() const;
    //! Opens a load round for layers loaded outside startLoading() (added or trusted ones).
    void beginLoadRound();
    void markLoading(data::LayerId id);
    void setLayerState(data::LayerId id, LayerState state, const QString& error = {});
    //! A layer is done (Ready or Failed): counts it, emits progress and, at the last, loadingFinished.
    void finishLayer(data::LayerId id, const data::Status& status);
    //! Ends the load round (loadingFinished) once every counted layer and the DEM are done.
    void checkFinished();
    void attachNode(data::LayerId id, osg::ref_ptr<osg::Node> node);
    void setModified(bool modified);
    bool isCurrent(quint64 generation) const { return generation == m_generation && m_loading; }
    //! The user added or trusted LAYER's source in this session, or the trust policy allows it
    //! (asked with the URI as stored and as resolved against the project's folder).
    bool isTrusted(const data::LayerSettings& layer) const;
    QString resolvedSource(const data::LayerSettings& layer) const;

    // Model layers and styling (ProjectSessionModels.cpp).
    //! Applies ID's stored feature style to its live node (no-op before it is loaded).
    void applyFeatureStyle(data::LayerId id);
    //! Colours, hidden set and wireframe onto ID's node once the classification is known.
    void writeFeatureStyle(data::LayerId id, const data::FeatureStyle& style,
                           const data::StyleClassification& classes);
    //! Placement for a new model layer in local coordinates: the project origin, on the terrain.
    std::optional<data::ModelPlacement> defaultPlacement() const;

    // Feature times (ProjectSessionTemporal.cpp).
    //! Applies ID's stored temporal settings to its live node: FeatureFields spans (file layers:
    //! read on a worker; models: from the loaded features), anything else clears them. No-op
    //! before the node exists. featureTimesApplied(ID) follows.
    void applyFeatureTimes(data::LayerId id);
    //! Puts SPANS (or the error) on ID's node and records the summary.
    void writeFeatureTimes(data::LayerId id, const data::Result<gis::FeatureTimeSpans>& spans);
    //! Runs the event loop until no feature-time read is in flight (loadAllBlocking: a CLI render
    //! right after the load must see the times).
    void waitForFeatureTimes();

    // The basemap engine (ProjectSessionBasemap.cpp).
    static bool isBasemap(data::LayerKind kind);
    //! Builds the engine once the sources that decide its tiling scheme are open, adds new
    //! sources to it, or rebuilds it when the scheme must change.
    void updateEngine();
    void rebuildEngine(const data::TilingScheme& scheme);
    void dropEngine(bool notify);
    data::TilingScheme wantedScheme() const;
    //! Pushes visibility, opacity, imagery order and vertical scale of the basemap layers to the engine.
    void applyBasemapSettings();
    void pollTileActivity();

    struct LayerRuntime
    {
        LayerState state = LayerState::NotLoaded;
        QString error;
        QString warning;
        bool pending = false; //!< counted in the running load round, not finished yet
    };
    struct BasemapSource
    {
        std::shared_ptr<const data::ElevationSource> elevation;
        std::shared_ptr<const data::ImagerySource> imagery;
        bool inEngine = false;
        std::optional<bool> shown;    //!< last visibility given to the engine
        std::optional<float> opacity; //!< last opacity given to the engine
    };
    std::unique_ptr<data::ProjectStore> m_store;
    data::Project m_project;
    std::unique_ptr<scene::CityScene> m_scene;
    std::map<data::LayerId, std::unique_ptr<LayerRuntime>> m_layers;
    bool m_modified = false;

    // Loading pipeline (main-thread bookkeeping; the jobs run on m_pool).
    std::unique_ptr<QThreadPool> m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_started = false; //!< startLoading() was called: added layers load at once
    bool m_loading = false;
    int m_loadTotal = 0;
    int m_loadDone = 0;
    int m_pendingElevation = 0; //!< elevation sources being opened
    int m_pendingImagery = 0;
    bool m_demPending = false; //!< buildings wait for the draping DEM
    std::vector<data::LayerId> m_waitingBuildings;
    data::LayerId m_demLayer;
    std::shared_ptr<const data::ElevationGrid> m_dem;

    // Feature styles: the legend and error of the style last applied per layer; the generation
    // drops a buildings field read that a newer style overtook.
    std::map<data::LayerId, data::StyleClassification> m_styleLegends;
    std::map<data::LayerId, QString> m_styleErrors;
    std::map<data::LayerId, quint64> m_styleGenerations;

    // Feature times: the summary or error of the times last applied per layer; the generation
    // drops a field read that a newer temporal edit overtook.
    std::map<data::LayerId, FeatureTimeSummary> m_timeSummaries;
    std::map<data::LayerId, QString> m_timeErrors;
    std::map<data::LayerId, quint64> m_timeGenerations;
    int m_timeReads = 0; //!< feature-time reads running on the pool

    // Basemap: opened sources, the engine that draws them, trust and service options.
    std::map<data::LayerId, BasemapSource> m_sources;
    osg::ref_ptr<scene::TileEngine> m_engine;
    std::unique_ptr<QTimer> m_tileTimer;
    int m_lastTileActivity = -1;
    std::function<bool(const QString&)> m_trustPolicy;
    std::set<QString> m_trustedUris;
    std::set<data::LayerId> m_untrusted;
    QString m_apiKey;
    QString m_cacheDir;
    qint64 m_cacheMaxBytes = 512LL << 20;
    std::size_t m_tileMemoryBytes = scene::TileEngineOptions{}.memoryBudgetBytes;
};

} // namespace citytwin::app
