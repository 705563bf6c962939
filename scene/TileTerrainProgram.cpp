#include "scene/TileTerrainProgram.h"

#include "scene/SceneLog.h"
#include "scene/Shaders.h"
#include "scene/TileEngine.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <osg/Shader>
#include <string>

namespace citytwin::scene {

namespace {

//! SOURCE with "#define CT_LAYER_COUNT n" right after its #version line (GLSL wants it first).
std::string withLayerCount(const char* source, int count)
{
    std::string s(source);
    const std::string define = "#define CT_LAYER_COUNT " + std::to_string(count) + "\n";
    const size_t version = s.find("#version");
    const size_t lineEnd = version == std::string::npos ? std::string::npos : s.find('\n', version);
    if (lineEnd == std::string::npos)
        return define + s;
    return s.insert(lineEnd + 1, define);
}

} // namespace

namespace {

std::mutex& cacheMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::array<osg::ref_ptr<osg::Program>, kMaxImageryLayers + 1>& programCache()
{
    static std::array<osg::ref_ptr<osg::Program>, kMaxImageryLayers + 1> cache;
    return cache;
}

} // namespace

void releaseTileTerrainPrograms(osg::State* state)
{
    const std::lock_guard lock(cacheMutex());
    for (const osg::ref_ptr<osg::Program>& program : programCache())
        if (program)
            program->releaseGLObjects(state);
}

osg::ref_ptr<osg::Program> tileTerrainProgram(int layerCount)
{
    auto& cache = programCache();
    layerCount = std::clamp(layerCount, 0, kMaxImageryLayers);
    const std::lock_guard lock(cacheMutex());
    osg::ref_ptr<osg::Program>& slot = cache[size_t(layerCount)];
    if (slot)
        return slot;
    const char* vert = embeddedShader("tileterrain.vert");
    const char* frag = embeddedShader("tileterrain.frag");
    if (!vert || !frag) {
        qCCritical(lcScene) << "tileterrain shaders are not embedded (are they in shaders/?)";
        return makeProgram("tileterrain.vert", "tileterrain.frag");
    }
    slot = new osg::Program;
    slot->setName("tileterrain-" + std::to_string(layerCount));
    slot->addShader(new osg::Shader(osg::Shader::VERTEX, vert));
    slot->addShader(new osg::Shader(osg::Shader::FRAGMENT, withLayerCount(frag, layerCount)));
    addSharedFragmentShaders(*slot, frag);
    return slot;
}

} // namespace citytwin::scene
