#include "gis/GltfAccessor.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <tiny_gltf.h>

namespace citytwin::gis::gltf {

using data::Status;

namespace {

//! More elements than any sane model needs in one accessor; only checked where the file's
//! own buffer sizes do not already bound the count (accessors without a buffer view).
constexpr std::size_t kMaxElements = std::size_t(1) << 27;

Status formatError(const QString& what, const QString& problem)
{
    return Status::error(Status::Code::FormatError, QStringLiteral("%1: %2").arg(what, problem));
}

int componentSize(int componentType)
{
    switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
        return 1;
    case TINYGLTF_COMPONENT_TYPE_SHORT:
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
        return 2;
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
    case TINYGLTF_COMPONENT_TYPE_FLOAT:
        return 4;
    default:
        return 0; // INT and DOUBLE are not glTF 2.0 accessor types
    }
}

//! Where COUNT elements of ELEMENTSIZE bytes, STRIDE apart, start in the buffer behind BUFFERVIEW
//! at BYTEOFFSET; an error unless every byte lies inside both the view and its buffer.
Status locate(const tinygltf::Model& model, int bufferView, std::size_t byteOffset, std::size_t count,
              std::size_t elementSize, bool allowStride, const std::uint8_t*& base, std::size_t& stride,
              const QString& what)
{
    if (bufferView < 0 || static_cast<std::size_t>(bufferView) >= model.bufferViews.size())
        return formatError(what, QStringLiteral("buffer view %1 does not exist").arg(bufferView));
    const tinygltf::BufferView& view = model.bufferViews[static_cast<std::size_t>(bufferView)];
    if (view.buffer < 0 || static_cast<std::size_t>(view.buffer) >= model.buffers.size())
        return formatError(what, QStringLiteral("buffer view %1 names buffer %2, which does not exist")
                                     .arg(bufferView)
                                     .arg(view.buffer));
    const std::size_t bufferSize = model.buffers[static_cast<std::size_t>(view.buffer)].data.size();
    if (view.byteOffset > bufferSize || view.byteLength > bufferSize - view.byteOffset)
        return formatError(
            what, QStringLiteral("buffer view %1 (bytes %2..%3) runs past the end of its %4-byte buffer")
                      .arg(bufferView)
                      .arg(view.byteOffset)
                      .arg(view.byteOffset + view.byteLength)
                      .arg(bufferSize));
    stride = (allowStride && view.byteStride != 0) ? view.byteStride : elementSize;
    if (stride < elementSize)
        return formatError(what, QStringLiteral("byte stride %1 is smaller than an element (%2 bytes)")
                                     .arg(stride)
                                     .arg(elementSize));
    base = model.buffers[static_cast<std::size_t>(view.buffer)].data.data() + view.byteOffset;
    if (count == 0)
        return Status::ok();
    // Written so that no intermediate product can overflow: the last element must end inside the view.
    const bool fits = byteOffset <= view.byteLength && elementSize <= view.byteLength - byteOffset &&
                      (count - 1) <= (view.byteLength - byteOffset - elementSize) / stride;
    if (!fits)
        return formatError(what,
                           QStringLiteral("%1 elements of %2 bytes (stride %3) at offset %4 do not fit in "
                                          "buffer view %5 of %6 bytes")
                               .arg(count)
                               .arg(elementSize)
                               .arg(stride)
                               .arg(byteOffset)
                               .arg(bufferView)
                               .arg(view.byteLength));
    base += byteOffset;
    return Status::ok();
}

float toFloat(const std::uint8_t* p, int componentType, bool normalized)
{
    switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
        const auto v = static_cast<std::int8_t>(*p);
        return normalized ? std::max(v / 127.0f, -1.0f) : static_cast<float>(v);
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
        return normalized ? *p / 255.0f : static_cast<float>(*p);
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
        std::int16_t v;
        std::memcpy(&v, p, sizeof v);
        return normalized ? std::max(v / 32767.0f, -1.0f) : static_cast<float>(v);
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
        std::uint16_t v;
        std::memcpy(&v, p, sizeof v);
        return normalized ? v / 65535.0f : static_cast<float>(v);
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
        std::uint32_t v;
        std::memcpy(&v, p, sizeof v);
        return normalized ? static_cast<float>(v / 4294967295.0) : static_cast<float>(v);
    }
    default: {
        float v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    }
}

std::uint32_t toIndex(const std::uint8_t* p, int componentType)
{
    if (componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE)
        return *p;
    if (componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT) {
        std::uint16_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    std::uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

//! The shared reader: dense part (zeros without a buffer view), then sparse substitution.
//! CONVERT(pointer to one component) gives an element of OUT.
template <class T, class Convert>
Status readAccessor(const tinygltf::Model& model, int index, int components, std::vector<T>& out,
                    const QString& what, Convert convert)
{
    out.clear();
    if (index < 0 || static_cast<std::size_t>(index) >= model.accessors.size())
        return formatError(what, QStringLiteral("accessor %1 does not exist").arg(index));
    const tinygltf::Accessor& accessor = model.accessors[static_cast<std::size_t>(index)];
    const QString where = QStringLiteral("%1 (accessor %2)").arg(what).arg(index);
    if (tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(accessor.type)) != components)
        return formatError(
            where, QStringLiteral("has %1 components per element, expected %2")
                       .arg(tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(accessor.type)))
                       .arg(components));
    const int size = componentSize(accessor.componentType);
    if (size == 0)
        return formatError(where,
                           QStringLiteral("unsupported component type %1").arg(accessor.componentType));
    const std::size_t elementSize = static_cast<std::size_t>(size) * static_cast<std::size_t>(components);
    const std::size_t count = accessor.count;

    if (accessor.bufferView >= 0) {
        const std::uint8_t* base = nullptr;
        std::size_t stride = 0;
        if (Status s = locate(model, accessor.bufferView, accessor.byteOffset, count, elementSize, true, base,
                              stride, where);
            !s)
            return s;
        out.resize(count * static_cast<std::size_t>(components));
        T* dst = out.data();
        for (std::size_t i = 0; i < count; ++i, base += stride)
            for (int c = 0; c < components; ++c)
                *dst++ = convert(base + c * size, accessor.componentType, accessor.normalized);
    } else {
        if (count > kMaxElements)
            return formatError(where, QStringLiteral("%1 elements without a buffer view").arg(count));
        out.assign(count * static_cast<std::size_t>(components), T{});
    }

    if (!accessor.sparse.isSparse)
        return Status::ok();
    const auto& sparse = accessor.sparse;
    if (sparse.count < 0 || static_cast<std::size_t>(sparse.count) > count || sparse.indices.byteOffset < 0 ||
        sparse.values.byteOffset < 0)
        return formatError(where, QStringLiteral("sparse count %1 / offsets are invalid").arg(sparse.count));
    const std::size_t sparseCount = static_cast<std::size_t>(sparse.count);
    const int indexSize = componentSize(sparse.indices.componentType);
    if (indexSize == 0 || sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT ||
        sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_BYTE ||
        sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_SHORT)
        return formatError(
            where, QStringLiteral("sparse indices have component type %1").arg(sparse.indices.componentType));
    const std::uint8_t* indexBase = nullptr;
    const std::uint8_t* valueBase = nullptr;
    std::size_t indexStride = 0;
    std::size_t valueStride = 0;
    if (Status s =
            locate(model, sparse.indices.bufferView, static_cast<std::size_t>(sparse.indices.byteOffset),
                   sparseCount, static_cast<std::size_t>(indexSize), false, indexBase, indexStride,
                   where + QStringLiteral(" sparse indices"));
        !s)
        return s;
    if (Status s = locate(model, sparse.values.bufferView, static_cast<std::size_t>(sparse.values.byteOffset),
                          sparseCount, elementSize, false, valueBase, valueStride,
                          where + QStringLiteral(" sparse values"));
        !s)
        return s;
    for (std::size_t i = 0; i < sparseCount; ++i) {
        const std::uint32_t target = toIndex(indexBase + i * indexStride, sparse.indices.componentType);
        if (target >= count)
            return formatError(
                where,
                QStringLiteral("sparse index %1 is past the accessor's %2 elements").arg(target).arg(count));
        for (int c = 0; c < components; ++c)
            out[target * static_cast<std::size_t>(components) + static_cast<std::size_t>(c)] =
                convert(valueBase + i * valueStride + c * size, accessor.componentType, accessor.normalized);
    }
    return Status::ok();
}

} // namespace

Status readFloatAccessor(const tinygltf::Model& model, int accessor, int components, std::vector<float>& out,
                         const QString& what)
{
    if (Status s = readAccessor(model, accessor, components, out, what, &toFloat); !s)
        return s;
    for (const float v : out)
        if (!std::isfinite(v))
            return formatError(QStringLiteral("%1 (accessor %2)").arg(what).arg(accessor),
                               QStringLiteral("holds values that are not finite numbers"));
    return Status::ok();
}

Status readIndexAccessor(const tinygltf::Model& model, int accessor, std::vector<std::uint32_t>& out,
                         const QString& what)
{
    if (accessor >= 0 && static_cast<std::size_t>(accessor) < model.accessors.size()) {
        const int type = model.accessors[static_cast<std::size_t>(accessor)].componentType;
        if (type != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE && type != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
            type != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)
            return formatError(
                QStringLiteral("%1 (accessor %2)").arg(what).arg(accessor),
                QStringLiteral("indices must be unsigned byte, short or int, not component type %1")
                    .arg(type));
    }
    return readAccessor(model, accessor, 1, out, what,
                        [](const std::uint8_t* p, int type, bool) { return toIndex(p, type); });
}

} // namespace citytwin::gis::gltf
