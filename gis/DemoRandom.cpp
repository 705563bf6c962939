#include "gis/DemoRandom.h"

#include <cmath>

namespace citytwin::gis::demo {

namespace {

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

constexpr double kTwoPi = 6.283185307179586;

} // namespace

DemoRandom::DemoRandom(std::uint64_t seed) : m_seed(seed)
{
    std::uint64_t sm = seed;
    for (auto& s : m_s)
        s = splitmix64(sm);
}

DemoRandom DemoRandom::fork(std::uint64_t stream) const
{
    return DemoRandom(hash(m_seed, stream, 0x5eed));
}

std::uint64_t DemoRandom::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double DemoRandom::uniform()
{
    return double(next() >> 11) * 0x1.0p-53;
}

std::uint64_t DemoRandom::below(std::uint64_t n)
{
    // Rejection on the top of the range removes the modulo bias.
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % n);
    std::uint64_t v;
    do {
        v = next();
    } while (v >= limit);
    return v % n;
}

double DemoRandom::normal()
{
    double u1 = uniform();
    while (u1 <= 0.0)
        u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

double DemoRandom::exponential(double mean)
{
    double u = uniform();
    while (u <= 0.0)
        u = uniform();
    return -mean * std::log(u);
}

double DemoRandom::logNormal(double median, double sigma)
{
    return median * std::exp(sigma * normal());
}

int DemoRandom::weighted(const double* weights, int count)
{
    double total = 0.0;
    for (int i = 0; i < count; ++i)
        total += weights[i];
    double r = uniform() * total;
    for (int i = 0; i < count; ++i) {
        if (r < weights[i])
            return i;
        r -= weights[i];
    }
    return count - 1;
}

std::uint64_t DemoRandom::hash(std::uint64_t a, std::uint64_t b, std::uint64_t c)
{
    std::uint64_t s = a * 0x9E3779B97F4A7C15ull ^ rotl(b, 21) * 0xC2B2AE3D27D4EB4Full ^ rotl(c, 42);
    return splitmix64(s);
}

namespace {

double lattice(std::uint64_t seed, std::int64_t ix, std::int64_t iy)
{
    const std::uint64_t h = DemoRandom::hash(seed, std::uint64_t(ix), std::uint64_t(iy));
    return double(h >> 11) * 0x1.0p-52 - 1.0;
}

double quintic(double t)
{
    return t * t * t * (t * (t * 6.0 - 15.0) + 10.0);
}

} // namespace

double valueNoise(std::uint64_t seed, double x, double y)
{
    const double fx = std::floor(x);
    const double fy = std::floor(y);
    const auto ix = std::int64_t(fx);
    const auto iy = std::int64_t(fy);
    const double tx = quintic(x - fx);
    const double ty = quintic(y - fy);
    const double a = lattice(seed, ix, iy);
    const double b = lattice(seed, ix + 1, iy);
    const double c = lattice(seed, ix, iy + 1);
    const double d = lattice(seed, ix + 1, iy + 1);
    const double top = a + (b - a) * tx;
    const double bottom = c + (d - c) * tx;
    return top + (bottom - top) * ty;
}

double fbm(std::uint64_t seed, double x, double y, int octaves)
{
    double sum = 0.0;
    double amplitude = 1.0;
    double norm = 0.0;
    for (int i = 0; i < octaves; ++i) {
        sum += amplitude * valueNoise(seed + std::uint64_t(i) * 7919, x, y);
        norm += amplitude;
        amplitude *= 0.5;
        x *= 2.0;
        y *= 2.0;
    }
    return sum / norm;
}

} // namespace citytwin::gis::demo
