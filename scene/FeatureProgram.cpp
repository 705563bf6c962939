#include "scene/FeatureProgram.h"

#include "scene/Shaders.h"

namespace citytwin::scene {

osg::ref_ptr<osg::Program> makeFeatureProgram(const char* vertName, const char* fragName)
{
    // makeProgram() binds every attribute name of ours, ct_featureId and ct_style included.
    return makeProgram(vertName, fragName);
}

void addFeatureUniforms(osg::StateSet& ss, const osg::Vec3f& highlightColour)
{
    ss.addUniform(new osg::Uniform("ct_opacity", 1.0f));
    ss.addUniform(new osg::Uniform("ct_highlightId", -1.0f));
    ss.addUniform(new osg::Uniform("ct_highlightColour", highlightColour));
    ss.addUniform(new osg::Uniform("ct_styled", false));
    // Feature times (scene/FeatureTimes.h): off, and a scene time of its own so the node also
    // renders outside a CityScene, whose OVERRIDE ct_time wins inside one.
    ss.addUniform(new osg::Uniform("ct_timed", false));
    ss.addUniform(new osg::Uniform("ct_timeAccumulate", false));
    ss.addUniform(new osg::Uniform("ct_time", 0.0f));
}

} // namespace citytwin::scene
