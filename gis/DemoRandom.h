#pragma once

#include <cstdint>

namespace citytwin::gis::demo {

//! Deterministic PRNG for the demo city: xoshiro256** seeded through splitmix64, with its own
//! uniform/normal/exponential maths so a seed gives the same city with any standard library
//! (std:: distributions are implementation-defined).
class DemoRandom
{
public:
    explicit DemoRandom(std::uint64_t seed);

    //! An independent generator for sub-task STREAM; changing one step never shifts another's numbers.
    DemoRandom fork(std::uint64_t stream) const;

    std::uint64_t next();
    //! Uniform in [0, 1) with 53 random bits.
    double uniform();
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    //! Uniform integer in [0, n); n > 0. Lemire-style rejection keeps it unbiased.
    std::uint64_t below(std::uint64_t n);
    int intIn(int lo, int hiInclusive) { return lo + int(below(std::uint64_t(hiInclusive - lo + 1))); }
    bool chance(double p) { return uniform() < p; }
    //! Standard normal (Box–Muller, one value per call).
    double normal();
    double normal(double mean, double sigma) { return mean + sigma * normal(); }
    //! Exponential with MEAN.
    double exponential(double mean);
    //! Log-normal with the given MEDIAN and spread SIGMA (of the underlying normal).
    double logNormal(double median, double sigma);
    //! Index drawn with probability proportional to WEIGHTS[i] (COUNT > 0, weights >= 0).
    int weighted(const double* weights, int count);

    //! Stateless 64-bit mix of a few integers (lattice hashes for noise, per-object seeds).
    static std::uint64_t hash(std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0);

private:
    std::uint64_t m_s[4];
    std::uint64_t m_seed;
};

//! Smooth 2D value noise in about [-1, 1] (quintic-interpolated hashed lattice), deterministic for SEED.
double valueNoise(std::uint64_t seed, double x, double y);
//! Fractal sum of OCTAVES value-noise octaves (lacunarity 2, gain 0.5), about [-1, 1].
double fbm(std::uint64_t seed, double x, double y, int octaves);

} // namespace citytwin::gis::demo
