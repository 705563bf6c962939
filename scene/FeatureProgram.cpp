#include "scene/FeatureProgram.h"

#include "scene/SceneLog.h"
#include "scene/Shaders.h"

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

osg::ref_ptr<osg::Program> makeFeatureProgram(const char* vertName, const char* fragName)
{
    // Our own cache rather than makeProgram()'s: its shared programs must not be changed after
    // another builder got them, and ct_style needs a binding of its own.
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::string>, osg::ref_ptr<osg::Program>> cache;

    const std::lock_guard lock(mutex);
    auto& slot = cache[{vertName, fragName}];
    if (slot)
        return slot;
    osg::ref_ptr<osg::Program> program = new osg::Program;
    program->setName(std::string(vertName) + "+" + fragName + " (features)");
    addShader(*program, osg::Shader::VERTEX, vertName);
    addShader(*program, osg::Shader::FRAGMENT, fragName);
    program->addBindAttribLocation("ct_featureId", featureAttrib::kFeatureId);
    program->addBindAttribLocation("ct_style", featureAttrib::kStyle);
    slot = program;
    return program;
}

void addFeatureUniforms(osg::StateSet& ss, const osg::Vec3f& highlightColour)
{
    ss.addUniform(new osg::Uniform("ct_opacity", 1.0f));
    ss.addUniform(new osg::Uniform("ct_highlightId", -1.0f));
    ss.addUniform(new osg::Uniform("ct_highlightColour", highlightColour));
    ss.addUniform(new osg::Uniform("ct_styled", false));
}

} // namespace citytwin::scene
