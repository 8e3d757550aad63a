// Randomized cross-checks of vm/engine/fp against the independent big-integer
// reference model (fp_reference.h), for both formats and all five rounding
// modes, comparing result bits and fflags exactly. Also checks the software
// core (used for RMM and as the FMA fallback) against the host SSE path in the
// four modes the host supports, and the comparison functions against host
// comparisons.
//
// Deterministic by default. FP_RANDOM_ITERATIONS=<n> and FP_RANDOM_SEED=<s>
// in the environment scale or vary a run.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

#include "fp_reference.h"
#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/fp/soft_float.h"

namespace vm::fp {
namespace {

using RM = RoundingMode;
constexpr std::array<RM, 5> kModes{RM::RNE, RM::RTZ, RM::RDN, RM::RUP, RM::RMM};

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::strtoull(v, nullptr, 0) : fallback;
}

// Iterations per (operation, format, rounding mode).
uint64_t iterations() { return env_or("FP_RANDOM_ITERATIONS", 40000); }
uint64_t seed() { return env_or("FP_RANDOM_SEED", 0x5eed'f00d); }

struct Got {
  uint64_t bits;
  uint32_t flags;
};

// Operand generator biased toward the places where rounding is delicate:
// ties (few significant bits), the subnormal/normal boundary, overflow,
// cancellation, and integer-conversion limits.
class Operands {
 public:
  Operands(const ref::Format& f, uint64_t s) : f_(f), rng_(s) {}

  uint64_t any() {
    switch (pick(10)) {
      case 0: return rng_() & width_mask();  // raw bits, NaNs included
      case 1: return special();
      default: return make(coin(), exponent(), fraction());
    }
  }
  // An operand whose exponent is within a few binades of `near` (so sums
  // cancel or produce ulp-level ties).
  uint64_t near(uint64_t other) {
    if (pick(4) == 0) return any();
    const int e = biased(other) + static_cast<int>(pick(2 * f_.precision + 7)) - (f_.precision + 3);
    return make(coin(), clamp_finite(e), fraction());
  }
  // An operand y such that x*y (or x/y) lands near the underflow or
  // overflow threshold.
  uint64_t scaled_for(uint64_t x, bool for_division) {
    if (pick(3) == 0) return any();
    const int bias = f_.emax;
    // Target biased exponent of the result; <= 0 means deep in the subnormals.
    const int target = pick(2) == 0
                           ? static_cast<int>(pick(2 * f_.precision + 6)) - (f_.precision + 2)
                           : max_biased() - 1 - static_cast<int>(pick(4));  // huge results
    const int ex = biased(x);
    const int e = for_division ? ex - target + bias : target - ex + bias;
    // Dividing by a power of two shifts x into the subnormal range, the
    // only place where a quotient can be exactly halfway.
    const uint64_t frac = for_division && coin() ? 0 : fraction();
    return make(coin(), clamp_finite(e), frac);
  }
  // An addend near +-(x*y), for fma cancellation and ties.
  uint64_t addend_for(uint64_t x, uint64_t y) {
    if (pick(3) == 0) return any();
    const int e = biased(x) + biased(y) - f_.emax + static_cast<int>(pick(2 * f_.precision + 7)) -
                  (f_.precision + 3);
    return make(coin(), clamp_finite(e), fraction());
  }
  // x with its fraction cut to at most 8 leading bits: shifted into the
  // subnormal range such values are often exactly halfway.
  uint64_t few_bits(uint64_t x) {
    const int drop = f_.frac_bits() - static_cast<int>(pick(9));
    return (x >> drop) << drop;
  }
  // Values around the integer range limits (and small values) for fcvt to int.
  uint64_t for_int_conversion() {
    if (pick(4) == 0) return any();
    const int e = f_.emax + static_cast<int>(pick(68)) - 2;  // about 2^-2 .. 2^65
    return make(coin(), e, fraction());
  }
  uint64_t random_int() {
    const uint64_t r = rng_();
    switch (pick(4)) {
      case 0: return r;
      case 1: return r >> pick(64);
      case 2: return (r >> pick(64)) | (uint64_t{1} << pick(64));  // a few bits past p
      default: return (uint64_t{1} << pick(64)) + pick(5) - 2;     // near powers of two
    }
  }
  bool coin() { return (rng_() & 1) != 0; }
  uint64_t pick(uint64_t n) { return rng_() % n; }

 private:
  int max_biased() const { return (1 << f_.exp_bits) - 1; }
  uint64_t width_mask() const {
    const int w = 1 + f_.exp_bits + f_.frac_bits();
    return w == 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1;
  }
  int biased(uint64_t x) const { return static_cast<int>((x >> f_.frac_bits()) & max_biased()); }
  int clamp_finite(int e) const {
    return e < 0 ? 0 : (e > max_biased() - 1 ? max_biased() - 1 : e);
  }
  uint64_t make(bool negative, int biased_exp, uint64_t frac) const {
    return (negative ? uint64_t{1} << (f_.exp_bits + f_.frac_bits()) : 0) |
           (static_cast<uint64_t>(biased_exp) << f_.frac_bits()) | frac;
  }
  int exponent() {
    const int bias = f_.emax;
    const int p = f_.precision;
    switch (pick(5)) {
      case 0: return static_cast<int>(pick(max_biased()));  // any finite
      case 1: return static_cast<int>(pick(p + 3));         // subnormal and just above
      case 2: return bias - p - 3 + static_cast<int>(pick(2 * p + 7));
      case 3: return max_biased() - 1 - static_cast<int>(pick(p + 3));
      default: return bias - 4 + static_cast<int>(pick(9));
    }
  }
  uint64_t fraction() {
    const int fb = f_.frac_bits();
    const uint64_t mask = (uint64_t{1} << fb) - 1;
    const uint64_t r = rng_() & mask;
    switch (pick(6)) {
      case 0:
      case 1: return r;
      case 2: {  // only the top k bits: products/quotients/sums often tie
        const int k = static_cast<int>(pick(fb + 1));
        return k == 0 ? 0 : (r >> (fb - k)) << (fb - k);
      }
      case 3: return mask ^ (r & ((uint64_t{1} << pick(fb)) - 1));  // mostly ones
      case 4: return uint64_t{1} << pick(fb);
      default: return pick(4);
    }
  }
  uint64_t special() {
    const uint64_t sign = uint64_t{1} << (f_.exp_bits + f_.frac_bits());
    const uint64_t inf = static_cast<uint64_t>(max_biased()) << f_.frac_bits();
    const uint64_t quiet = uint64_t{1} << (f_.frac_bits() - 1);
    const uint64_t one = static_cast<uint64_t>(f_.emax) << f_.frac_bits();
    const std::array<uint64_t, 12> values{0,
                                          inf,
                                          inf | quiet,
                                          inf | 1,
                                          inf | quiet | 0x55,
                                          1,
                                          (uint64_t{1} << f_.frac_bits()) - 1,
                                          uint64_t{1} << f_.frac_bits(),
                                          inf - 1,
                                          one,
                                          one | 1,
                                          one - 1};
    return values[pick(values.size())] | (coin() ? sign : 0);
  }

  ref::Format f_;
  std::mt19937_64 rng_;
};

std::string hex(uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

const char* mode_name(RM rm) {
  static constexpr const char* kNames[] = {"RNE", "RTZ", "RDN", "RUP", "RMM"};
  return kNames[static_cast<int>(rm)];
}

// Compares the library with the reference for one operation over many
// cases; reports the first few mismatches in full and the total at the end.
class Checker {
 public:
  explicit Checker(std::string op) : op_(std::move(op)) {}
  void compare(RM rm, std::initializer_list<uint64_t> operands, Got got, ref::Result want) {
    ++cases_;
    if (got.bits == want.bits && got.flags == want.flags) return;
    if (++failures_ <= 10) {
      std::string args;
      for (uint64_t o : operands) args += hex(o) + " ";
      ADD_FAILURE() << op_ << " " << mode_name(rm) << " (" << args << "): got " << hex(got.bits)
                    << " flags " << hex(got.flags) << ", reference " << hex(want.bits) << " flags "
                    << hex(want.flags);
    }
  }
  ~Checker() { EXPECT_EQ(failures_, 0u) << op_ << ": mismatches in " << cases_ << " cases"; }

 private:
  std::string op_;
  uint64_t cases_ = 0;
  uint64_t failures_ = 0;
};

template <class Fn, class... Args>
Got run(Fn fn, Args... args) {
  uint32_t flags = 0;
  const auto r = fn(args..., flags);
  return {static_cast<uint64_t>(static_cast<std::make_unsigned_t<decltype(r)>>(r)), flags};
}

// Counts, per operation, how many random cases had an RMM result that differs
// from RNE: a tie that the RMM path had to resolve differently.
struct TieCounter {
  uint64_t differing = 0;
  void note(const ref::Result& rmm, const ref::Result& rne) {
    if (rmm.bits != rne.bits) ++differing;
  }
};

// ------------------------------------------------------------ arithmetic

template <class Bits>
struct Ops {
  using Binary = Bits (*)(Bits, Bits, RM, uint32_t&);
  using Ternary = Bits (*)(Bits, Bits, Bits, RM, uint32_t&);
  Binary add, sub, mul, div;
  Bits (*sqrt)(Bits, RM, uint32_t&);
  Ternary fmadd, fmsub, fnmsub, fnmadd;
};
constexpr Ops<uint32_t> kSingleOps{add_s,   sub_s,   mul_s,    div_s,   sqrt_s,
                                   fmadd_s, fmsub_s, fnmsub_s, fnmadd_s};
constexpr Ops<uint64_t> kDoubleOps{add_d,   sub_d,   mul_d,    div_d,   sqrt_d,
                                   fmadd_d, fmsub_d, fnmsub_d, fnmadd_d};

template <class Bits>
void check_arithmetic(const ref::Format& f, const Ops<Bits>& ops, uint64_t salt) {
  const uint64_t n = iterations();
  Checker add("add"), sub("sub"), mul("mul"), div("div"), sqrt("sqrt"), fma("fma");
  TieCounter add_ties, mul_ties, div_ties, fma_ties;
  for (RM rm : kModes) {
    Operands gen(f, seed() ^ salt ^ (static_cast<uint64_t>(rm) << 40));
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t a = gen.any();
      {
        const uint64_t b = gen.near(a);
        const auto want = ref::add(f, a, b, rm);
        add.compare(rm, {a, b}, run(ops.add, Bits(a), Bits(b), rm), want);
        if (rm == RM::RMM) add_ties.note(want, ref::add(f, a, b, RM::RNE));
        sub.compare(rm, {a, b}, run(ops.sub, Bits(a), Bits(b), rm), ref::sub(f, a, b, rm));
      }
      {
        const uint64_t b = gen.coin() ? gen.scaled_for(a, false) : gen.any();
        const auto want = ref::mul(f, a, b, rm);
        mul.compare(rm, {a, b}, run(ops.mul, Bits(a), Bits(b), rm), want);
        if (rm == RM::RMM) mul_ties.note(want, ref::mul(f, a, b, RM::RNE));
      }
      {
        const uint64_t x = gen.coin() ? a : gen.few_bits(a);
        const uint64_t y = gen.coin() ? gen.scaled_for(x, true) : gen.any();
        const auto want = ref::div(f, x, y, rm);
        div.compare(rm, {x, y}, run(ops.div, Bits(x), Bits(y), rm), want);
        if (rm == RM::RMM) div_ties.note(want, ref::div(f, x, y, RM::RNE));
      }
      sqrt.compare(rm, {a}, run(ops.sqrt, Bits(a), rm), ref::sqrt(f, a, rm));
      {
        const uint64_t b = gen.coin() ? gen.scaled_for(a, false) : gen.any();
        const uint64_t c = gen.addend_for(a, b);
        const auto want = ref::fma(f, a, b, c, false, false, rm);
        fma.compare(rm, {a, b, c}, run(ops.fmadd, Bits(a), Bits(b), Bits(c), rm), want);
        if (rm == RM::RMM) fma_ties.note(want, ref::fma(f, a, b, c, false, false, RM::RNE));
        fma.compare(rm, {a, b, c}, run(ops.fmsub, Bits(a), Bits(b), Bits(c), rm),
                    ref::fma(f, a, b, c, false, true, rm));
        fma.compare(rm, {a, b, c}, run(ops.fnmsub, Bits(a), Bits(b), Bits(c), rm),
                    ref::fma(f, a, b, c, true, false, rm));
        fma.compare(rm, {a, b, c}, run(ops.fnmadd, Bits(a), Bits(b), Bits(c), rm),
                    ref::fma(f, a, b, c, true, true, rm));
      }
    }
  }
  // The generator must actually reach RMM ties, or the RMM path is untested.
  const uint64_t min_ties = n / 1000 + 1;
  EXPECT_GE(add_ties.differing, min_ties);
  EXPECT_GE(mul_ties.differing, min_ties);
  EXPECT_GE(div_ties.differing, n / 4000 + 1);  // only subnormal quotients can tie: rarer
  EXPECT_GE(fma_ties.differing, min_ties);
  std::cout << "[          ] " << n << " cases per op and mode; RMM != RNE in add "
            << add_ties.differing << ", mul " << mul_ties.differing << ", div "
            << div_ties.differing << ", fma " << fma_ties.differing << "\n";
}

TEST(FpRandom, SingleArithmeticMatchesReference) { check_arithmetic(ref::kSingle, kSingleOps, 1); }
TEST(FpRandom, DoubleArithmeticMatchesReference) { check_arithmetic(ref::kDouble, kDoubleOps, 2); }

// ------------------------------------------------------------ conversions

template <class Bits>
struct ConvertOps {
  int32_t (*to_w)(Bits, RM, uint32_t&);
  uint32_t (*to_wu)(Bits, RM, uint32_t&);
  int64_t (*to_l)(Bits, RM, uint32_t&);
  uint64_t (*to_lu)(Bits, RM, uint32_t&);
  Bits (*from_w)(int32_t, RM, uint32_t&);
  Bits (*from_wu)(uint32_t, RM, uint32_t&);
  Bits (*from_l)(int64_t, RM, uint32_t&);
  Bits (*from_lu)(uint64_t, RM, uint32_t&);
};
constexpr ConvertOps<uint32_t> kSingleConvert{cvt_w_s, cvt_wu_s, cvt_l_s, cvt_lu_s,
                                              cvt_s_w, cvt_s_wu, cvt_s_l, cvt_s_lu};
constexpr ConvertOps<uint64_t> kDoubleConvert{cvt_w_d, cvt_wu_d, cvt_l_d, cvt_lu_d,
                                              cvt_d_w, cvt_d_wu, cvt_d_l, cvt_d_lu};

template <class Bits>
void check_conversions(const ref::Format& f, const ConvertOps<Bits>& ops, uint64_t salt) {
  const uint64_t n = iterations();
  Checker to_w("fcvt.w"), to_wu("fcvt.wu"), to_l("fcvt.l"), to_lu("fcvt.lu");
  Checker from_w("fcvt from w"), from_wu("fcvt from wu"), from_l("fcvt from l"),
      from_lu("fcvt from lu");
  for (RM rm : kModes) {
    Operands gen(f, seed() ^ salt ^ (static_cast<uint64_t>(rm) << 40));
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t a = gen.for_int_conversion();
      to_w.compare(rm, {a}, run(ops.to_w, Bits(a), rm), ref::to_int(f, a, 32, true, rm));
      to_wu.compare(rm, {a}, run(ops.to_wu, Bits(a), rm), ref::to_int(f, a, 32, false, rm));
      to_l.compare(rm, {a}, run(ops.to_l, Bits(a), rm), ref::to_int(f, a, 64, true, rm));
      to_lu.compare(rm, {a}, run(ops.to_lu, Bits(a), rm), ref::to_int(f, a, 64, false, rm));

      const uint64_t v = gen.random_int();
      const auto w = static_cast<int32_t>(static_cast<uint32_t>(v));
      const auto wu = static_cast<uint32_t>(v);
      const auto l = static_cast<int64_t>(v);
      const auto mag32 =
          w < 0 ? 0 - static_cast<uint64_t>(static_cast<int64_t>(w)) : static_cast<uint64_t>(w);
      const auto mag64 = l < 0 ? 0 - v : v;
      from_w.compare(rm, {wu}, run(ops.from_w, w, rm), ref::from_int(f, w < 0, mag32, rm));
      from_wu.compare(rm, {wu}, run(ops.from_wu, wu, rm), ref::from_int(f, false, wu, rm));
      from_l.compare(rm, {v}, run(ops.from_l, l, rm), ref::from_int(f, l < 0, mag64, rm));
      from_lu.compare(rm, {v}, run(ops.from_lu, v, rm), ref::from_int(f, false, v, rm));
    }
  }
}

TEST(FpRandom, SingleIntegerConversionsMatchReference) {
  check_conversions(ref::kSingle, kSingleConvert, 3);
}
TEST(FpRandom, DoubleIntegerConversionsMatchReference) {
  check_conversions(ref::kDouble, kDoubleConvert, 4);
}

TEST(FpRandom, FormatConversionsMatchReference) {
  const uint64_t n = iterations();
  Checker narrow("fcvt.s.d"), widen("fcvt.d.s");
  for (RM rm : kModes) {
    Operands dgen(ref::kDouble, seed() ^ 5 ^ (static_cast<uint64_t>(rm) << 40));
    Operands sgen(ref::kSingle, seed() ^ 6 ^ (static_cast<uint64_t>(rm) << 40));
    for (uint64_t i = 0; i < n; ++i) {
      // Doubles in and around the single range: rescale the exponent.
      uint64_t d = dgen.any();
      if (dgen.coin()) {
        const int be = static_cast<int>((d >> 52) & 0x7ff);
        if (be != 0 && be != 0x7ff) {
          const int shifted = 1023 + (be - 1023) % 160;  // roughly 2^-160 .. 2^160
          d = (d & ~(uint64_t{0x7ff} << 52)) | (static_cast<uint64_t>(shifted) << 52);
        }
      }
      narrow.compare(rm, {d}, run(cvt_s_d, d, rm), ref::convert(ref::kDouble, ref::kSingle, d, rm));
      const auto s = static_cast<uint32_t>(sgen.any());
      widen.compare(rm, {s}, run(cvt_d_s, s), ref::convert(ref::kSingle, ref::kDouble, s, rm));
    }
  }
}

// ------------------------------------------------------------ software core vs host

// The software core (RMM path, FMA fallback) must agree with the host SSE
// unit in every mode the host has: a second, hardware-based reference.
template <class F>
void check_soft_core_against_host(const ref::Format& f, const Ops<typename F::Bits>& ops,
                                  uint64_t salt) {
  using Bits = typename F::Bits;
  const uint64_t n = iterations();
  Checker add("soft add"), mul("soft mul"), div("soft div"), fma("soft fma");
  for (RM rm : {RM::RNE, RM::RTZ, RM::RDN, RM::RUP}) {
    Operands gen(f, seed() ^ salt ^ (static_cast<uint64_t>(rm) << 40));
    for (uint64_t i = 0; i < n; ++i) {
      const auto a = static_cast<Bits>(gen.any());
      const auto b = static_cast<Bits>(gen.coin() ? gen.near(a) : gen.scaled_for(a, gen.coin()));
      const auto c = static_cast<Bits>(gen.addend_for(a, b));
      const auto as_ref = [](Got g) { return ref::Result{g.bits, g.flags}; };
      add.compare(rm, {a, b}, run(detail::soft_add<F>, a, b, rm), as_ref(run(ops.add, a, b, rm)));
      mul.compare(rm, {a, b}, run(detail::soft_mul<F>, a, b, rm), as_ref(run(ops.mul, a, b, rm)));
      div.compare(rm, {a, b}, run(detail::soft_div<F>, a, b, rm), as_ref(run(ops.div, a, b, rm)));
      fma.compare(rm, {a, b, c}, run(detail::soft_fma<F>, a, b, c, rm),
                  as_ref(run(ops.fmadd, a, b, c, rm)));
    }
  }
}

TEST(FpRandom, SingleSoftCoreMatchesHost) {
  check_soft_core_against_host<detail::F32>(ref::kSingle, kSingleOps, 7);
}
TEST(FpRandom, DoubleSoftCoreMatchesHost) {
  check_soft_core_against_host<detail::F64>(ref::kDouble, kDoubleOps, 8);
}

// ------------------------------------------------------------ comparisons

// min/max/eq/lt/le against host comparisons of the same values (IEEE
// semantics in the compiler), plus the RISC-V NaN and signed-zero rules.
template <class Host, class Bits>
void check_comparisons(const ref::Format& f, Bits (*min)(Bits, Bits, uint32_t&),
                       Bits (*max)(Bits, Bits, uint32_t&), bool (*eq)(Bits, Bits, uint32_t&),
                       bool (*lt)(Bits, Bits, uint32_t&), bool (*le)(Bits, Bits, uint32_t&),
                       uint64_t salt) {
  const uint64_t n = 4 * iterations();
  Operands gen(f, seed() ^ salt);
  const Bits sign = Bits{1} << (f.exp_bits + f.frac_bits());
  const Bits quiet = Bits{1} << (f.frac_bits() - 1);
  const Bits canonical = (((Bits{1} << f.exp_bits) - 1) << f.frac_bits()) | quiet;
  uint64_t failures = 0;
  for (uint64_t i = 0; i < n && failures < 10; ++i) {
    const auto a = static_cast<Bits>(gen.any());
    const auto b = static_cast<Bits>(gen.coin() ? gen.any() : (gen.coin() ? a ^ sign : a));
    const Host x = std::bit_cast<Host>(a), y = std::bit_cast<Host>(b);
    const bool a_nan = x != x, b_nan = y != y;
    const bool a_snan = a_nan && (a & quiet) == 0, b_snan = b_nan && (b & quiet) == 0;
    const uint32_t snan_flag = (a_snan || b_snan) ? flag::NV : 0;
    const uint32_t nan_flag = (a_nan || b_nan) ? flag::NV : 0;

    // Expected min/max: NaNs are dropped; with equal values (only +-0 can
    // compare equal with different bits) the negative zero is the minimum.
    Bits want_min, want_max;
    if (a_nan && b_nan) {
      want_min = want_max = canonical;
    } else if (a_nan || b_nan) {
      want_min = want_max = a_nan ? b : a;
    } else if (x == y) {
      want_min = (a & sign) != 0 ? a : b;
      want_max = (a & sign) != 0 ? b : a;
    } else {
      want_min = x < y ? a : b;
      want_max = x < y ? b : a;
    }
    uint32_t fl = 0;
    const Bits got_min = min(a, b, fl);
    const bool ok_min = got_min == want_min && fl == snan_flag;
    fl = 0;
    const Bits got_max = max(a, b, fl);
    const bool ok_max = got_max == want_max && fl == snan_flag;
    fl = 0;
    const bool ok_eq = eq(a, b, fl) == (x == y) && fl == snan_flag;
    fl = 0;
    const bool ok_lt = lt(a, b, fl) == (x < y) && fl == nan_flag;
    fl = 0;
    const bool ok_le = le(a, b, fl) == (x <= y) && fl == nan_flag;
    if (!(ok_min && ok_max && ok_eq && ok_lt && ok_le)) {
      ++failures;
      ADD_FAILURE() << "operands " << hex(a) << " " << hex(b) << ": min " << ok_min << " max "
                    << ok_max << " eq " << ok_eq << " lt " << ok_lt << " le " << ok_le;
    }
  }
}

TEST(FpRandom, SingleComparisons) {
  check_comparisons<float, uint32_t>(ref::kSingle, min_s, max_s, eq_s, lt_s, le_s, 9);
}
TEST(FpRandom, DoubleComparisons) {
  check_comparisons<double, uint64_t>(ref::kDouble, min_d, max_d, eq_d, lt_d, le_d, 10);
}

}  // namespace
}  // namespace vm::fp
