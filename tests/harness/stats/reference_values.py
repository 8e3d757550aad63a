#!/usr/bin/env python3
"""Reference values for the harness/stats tests, computed independently of the C++ code.

Standard library only (no scipy here). Two independent ways to get the null distribution of
the Mann-Whitney U statistic for samples of sizes m and n without ties:

  * brute force: every way to choose which m of the m + n pooled positions belong to sample a
    is equally likely under the null; U counts, over a's positions, the b's below each;
  * the generating function: the counts are the coefficients of the Gaussian binomial
    coefficient [m + n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i), computed with
    exact integer polynomial arithmetic (used where enumeration would take too long).

For seeded_random_test.cpp and bootstrap_test.cpp: bounded integers derived from the published
xoshiro256** outputs, and a transcription of the bootstrap algorithm as bootstrap.h describes
it, giving golden intervals (bit patterns) that a C++ change must not move.

Run: python3 tests/harness/stats/reference_values.py
"""
from fractions import Fraction
from itertools import combinations
import math


def counts_by_enumeration(m, n):
    counts = [0] * (m * n + 1)
    for a_positions in combinations(range(m + n), m):
        # a's element at pooled position p is above the p - i b's that precede it
        u = sum(p - i for i, p in enumerate(a_positions))
        counts[u] += 1
    return counts


def counts_by_generating_function(m, n):
    poly = [1]
    for i in range(1, m + 1):
        # multiply by 1 - q^(n+i)
        shifted = [0] * (n + i) + poly
        poly = [x - y for x, y in zip(poly + [0] * (n + i), shifted)]
        # divide by 1 - q^i (exact): c[k] += c[k - i]
        for k in range(i, len(poly)):
            poly[k] += poly[k - i]
    poly = poly[: m * n + 1]
    assert sum(poly) == math.comb(m + n, m) and all(c >= 0 for c in poly)
    return poly


def two_sided_exact_p(counts, u):
    """scipy's convention: 2 * min(P(U <= u), P(U >= u)), capped at 1."""
    total = sum(counts)
    le = Fraction(sum(counts[: int(u) + 1]), total)
    ge = Fraction(sum(counts[int(u):]), total)
    return min(Fraction(1), 2 * min(le, ge))


def u_statistic(a, b):
    return sum((x > y) + 0.5 * (x == y) for x in a for y in b)


def main():
    print("== null distribution counts by enumeration (u = 0 .. m*n)")
    for m, n in [(1, 1), (1, 4), (2, 3), (3, 3), (3, 5), (4, 4), (4, 6), (5, 5), (6, 7), (2, 9)]:
        counts = counts_by_enumeration(m, n)
        assert counts == counts_by_generating_function(m, n)
        print(f"{{{m}, {n}, {{{', '.join(map(str, counts))}}}}},")

    print("== textbook data, exact two-sided p by enumeration")
    textbook = {
        # scipy.stats.mannwhitneyu docs example (diabetes ages): U1 = 17, p = 0.1111111111111111
        "scipy_males_females": ([19, 22, 16, 29, 24], [20, 11, 17, 12]),
        # Wikipedia tortoise and hare: finishing order T H H H H H T T T T T H; value = place
        # counted from the back, so a larger value = faster. U_T = 11, U_H = 25.
        "tortoise_hare": ([12, 6, 5, 4, 3, 2], [11, 10, 9, 8, 7, 1]),
        # R wilcox.test docs (Hollander & Wolfe 1973, p. 69f): W = 35, one-sided p = 0.1272
        "hollander_wolfe": ([0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
                            [1.15, 0.88, 0.90, 0.74, 1.21]),
    }
    for name, (a, b) in textbook.items():
        u = u_statistic(a, b)
        counts = counts_by_enumeration(len(a), len(b))
        p = two_sided_exact_p(counts, u)
        greater = Fraction(sum(counts[int(u):]), sum(counts))
        print(f"{name}: u_a={u} p={p} = {float(p)!r}  one-sided P(U>=u_a)={float(greater):.6f}")

    print("== NAG g08ajf example (16 vs 23, no ties), exact by generating function")
    g1 = [13.0, 5.8, 11.7, 6.5, 12.3, 6.7, 9.2, 6.9, 10.0, 7.3, 16.0, 7.0, 10.5, 8.5, 9.0, 7.5]
    g2 = [17.0, 6.2, 10.1, 8.0, 15.3, 8.2, 15.0, 9.6, 14.9, 10.4, 14.2, 9.8, 13.8, 11.0, 14.0,
          11.1, 12.9, 11.6, 12.8, 12.0, 13.1, 12.4, 11.9]
    assert len(set(g1 + g2)) == len(g1) + len(g2)
    u = u_statistic(g1, g2)
    counts = counts_by_generating_function(len(g1), len(g2))
    p = two_sided_exact_p(counts, u)
    print(f"nag: u_a={u} p={float(p)!r} one-sided={float(p) / 2:.6f}")

    print("== larger exact cases by generating function: (m, n, u, p)")
    for m, n, u in [(20, 20, 130), (20, 20, 200), (37, 53, 700), (100, 100, 4200),
                    (100, 100, 4900), (8, 1250, 4000), (1, 10000, 9990), (10, 11, 0)]:
        p = two_sided_exact_p(counts_by_generating_function(m, n), u)
        print(f"{{{m}, {n}, {u}, {float(p)!r}}},")

    print("== ties, normal approximation by hand")
    a, b = [1, 2, 2], [2, 3, 4]
    u = u_statistic(a, b)
    m, n = len(a), len(b)
    big_n = m + n
    tie_term = 3 ** 3 - 3  # the value 2 appears three times
    var = m * n / 12 * ((big_n + 1) - tie_term / (big_n * (big_n - 1)))
    z = (max(u, m * n - u) - m * n / 2 - 0.5) / math.sqrt(var)
    print(f"u_a={u} var={var!r} z={z!r} p={math.erfc(z / math.sqrt(2))!r}")

    print("== Lemire bounded integers from the published xoshiro256** outputs of state {1,2,3,4}")
    published = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
                 607988272756665600, 16172922978634559625, 8476171486693032832,
                 10595114339597558777, 2904607092377533576]
    for bound in [10, 10**19]:
        outputs, draws = iter(published), []
        try:
            while True:
                draws.append(lemire_below(outputs, bound))
        except StopIteration:
            pass
        print(f"below({bound}): {draws}")

    print("== bootstrap golden intervals (float.hex)")
    for name, base, nxt, confidence, resamples, seed in BOOTSTRAP_CASES:
        estimate, lower, upper = bootstrap_ratio_of_medians(base, nxt, confidence, resamples, seed)
        print(f"{name}: estimate={estimate.hex()} lower={lower.hex()} upper={upper.hex()}"
              f"  ({estimate!r}, {lower!r}, {upper!r})")


# --- seeded random and bootstrap transcription -------------------------------------------------

MASK = 2**64 - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed, word = splitmix64(seed)
            self.s.append(word)

    def __next__(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result


def lemire_below(outputs, bound):
    product = next(outputs) * bound
    if product & MASK < bound:
        threshold = (2**64 - bound) % bound
        while product & MASK < threshold:
            product = next(outputs) * bound
    return product >> 64


def median(values):
    v = sorted(values)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def quantile_type7(values, probability):
    v = sorted(values)
    h = (len(v) - 1) * probability
    below = math.floor(h)
    t = h - below
    if t == 0 or below + 1 >= len(v):
        return v[below]
    a, b = v[below], v[below + 1]
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t


def resampled_median(runs, rng):
    pool = []

    def draw_from(run):
        for _ in range(len(run)):
            pool.append(run[lemire_below(rng, len(run))])

    if len(runs) == 1:
        draw_from(runs[0])
    else:
        for _ in range(len(runs)):
            draw_from(runs[lemire_below(rng, len(runs))])
    return median(pool)


def bootstrap_ratio_of_medians(base, nxt, confidence, resamples, seed):
    rng = Xoshiro256StarStar(seed)
    ratios = []
    for _ in range(resamples):
        b = resampled_median(base, rng)
        n = resampled_median(nxt, rng)
        ratios.append(n / b)
    tail = (1 - confidence) / 2
    pooled = lambda runs: [x for run in runs for x in run]
    return (median(pooled(nxt)) / median(pooled(base)), quantile_type7(ratios, tail),
            quantile_type7(ratios, 1 - tail))


BOOTSTRAP_CASES = [
    ("hierarchical", [[10.0, 10.4, 9.8, 10.1], [10.6, 10.9, 10.7], [9.9, 10.2, 10.0, 10.3, 10.1]],
     [[11.2, 11.0, 11.5], [10.8, 11.1, 11.3, 10.9], [11.6, 11.4, 11.7]], 0.95, 2000, 42),
    ("single_run", [[5.0, 5.2, 4.9, 5.1, 5.3, 5.05]], [[5.5, 5.4, 5.8, 5.6, 5.45]], 0.9, 1000, 7),
]


if __name__ == "__main__":
    main()
