#include "scene/Shaders.h"

#include "scene/SceneLog.h"

#include <cstring>
#include <map>
#include <mutex>
#include <osg/Shader>
#include <string>
#include <utility>

namespace citytwin::scene {

namespace {

void addShader(osg::Program& program, osg::Shader::Type type, const char* name)
{
    const char* source = embeddedShader(name);
    if (!source) {
        qCCritical(lcScene) << "shader" << name << "is not embedded (is it in shaders/?)";
        return;
    }
    osg::ref_ptr<osg::Shader> shader = new osg::Shader(type, source);
    shader->setName(name);
    program.addShader(shader);
}

} // namespace

void addSharedFragmentShaders(osg::Program& program, const char* fragSource)
{
    if (fragSource && std::strstr(fragSource, "ct_cutAway("))
        addShader(program, osg::Shader::FRAGMENT, "cutaway.frag");
}

osg::ref_ptr<osg::Program> makeProgram(const char* vertName, const char* fragName)
{
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::string>, osg::ref_ptr<osg::Program>> cache;

    const std::lock_guard lock(mutex);
    auto& slot = cache[{vertName, fragName}];
    if (slot)
        return slot;

    osg::ref_ptr<osg::Program> program = new osg::Program;
    program->setName(std::string(vertName) + "+" + fragName);
    addShader(*program, osg::Shader::VERTEX, vertName);
    addShader(*program, osg::Shader::FRAGMENT, fragName);
    addSharedFragmentShaders(*program, embeddedShader(fragName));
    // Binding a name a shader does not declare is harmless; one table keeps locations consistent.
    program->addBindAttribLocation("ct_featureId", attrib::kFeatureId);
    program->addBindAttribLocation("ct_style", attrib::kFeatureStyle);
    program->addBindAttribLocation("ct_lifecycle", attrib::kEventLifecycle);
    program->addBindAttribLocation("ct_closeSeverity", attrib::kEventCloseSeverity);
    program->addBindAttribLocation("ct_assetShape", attrib::kAssetShape);
    program->addBindAttribLocation("ct_visible", attrib::kPersonVisible);
    slot = program;
    return program;
}

} // namespace citytwin::scene
