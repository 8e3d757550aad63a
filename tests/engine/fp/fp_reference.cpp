// Reference model; see fp_reference.h.
#include "fp_reference.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace vm::fp::ref {
namespace {

__extension__ typedef unsigned __int128 u128;

// Arbitrary-precision natural number, little-endian 32-bit limbs, no leading
// zero limbs. Only what the reference needs, written for obviousness.
class BigNat {
 public:
  BigNat() = default;
  static BigNat from(u128 v) {
    BigNat n;
    while (v != 0) {
      n.limbs_.push_back(static_cast<uint32_t>(v));
      v >>= 32;
    }
    return n;
  }

  bool is_zero() const { return limbs_.empty(); }
  int bit_length() const {
    if (limbs_.empty()) return 0;
    return static_cast<int>(32 * (limbs_.size() - 1)) + (32 - __builtin_clz(limbs_.back()));
  }
  bool bit(int i) const {
    const auto limb = static_cast<size_t>(i / 32);
    return limb < limbs_.size() && ((limbs_[limb] >> (i % 32)) & 1) != 0;
  }
  bool any_bit_below(int i) const {
    for (int k = 0; k < i && k < bit_length(); ++k) {
      if (bit(k)) return true;
    }
    return false;
  }
  uint64_t low64() const {
    uint64_t v = 0;
    for (size_t k = 0; k < limbs_.size() && k < 2; ++k) v |= uint64_t{limbs_[k]} << (32 * k);
    return v;
  }

  BigNat shifted_left(int n) const {
    if (is_zero() || n == 0) return *this;
    BigNat r;
    r.limbs_.assign(static_cast<size_t>(n / 32), 0);
    uint32_t carry = 0;
    const int s = n % 32;
    for (uint32_t limb : limbs_) {
      r.limbs_.push_back(s == 0 ? limb : (limb << s) | carry);
      carry = s == 0 ? 0 : limb >> (32 - s);
    }
    if (carry != 0) r.limbs_.push_back(carry);
    return r;
  }
  BigNat shifted_right(int n) const {  // floor(this / 2^n)
    BigNat r;
    const int len = bit_length();
    for (int k = n; k < len; ++k) {
      if (bit(k)) r.set_bit(k - n);
    }
    return r;
  }

  friend int compare(const BigNat& a, const BigNat& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (size_t k = a.limbs_.size(); k-- > 0;) {
      if (a.limbs_[k] != b.limbs_[k]) return a.limbs_[k] < b.limbs_[k] ? -1 : 1;
    }
    return 0;
  }
  friend BigNat operator+(const BigNat& a, const BigNat& b) {
    BigNat r;
    uint64_t carry = 0;
    for (size_t k = 0; k < std::max(a.limbs_.size(), b.limbs_.size()); ++k) {
      carry += uint64_t{a.limb(k)} + b.limb(k);
      r.limbs_.push_back(static_cast<uint32_t>(carry));
      carry >>= 32;
    }
    if (carry != 0) r.limbs_.push_back(static_cast<uint32_t>(carry));
    return r;
  }
  friend BigNat operator-(const BigNat& a, const BigNat& b) {  // requires a >= b
    assert(compare(a, b) >= 0);
    BigNat r;
    int64_t borrow = 0;
    for (size_t k = 0; k < a.limbs_.size(); ++k) {
      int64_t d = int64_t{a.limb(k)} - b.limb(k) - borrow;
      borrow = d < 0 ? 1 : 0;
      r.limbs_.push_back(static_cast<uint32_t>(d + (borrow << 32)));
    }
    r.trim();
    return r;
  }

 private:
  uint32_t limb(size_t k) const { return k < limbs_.size() ? limbs_[k] : 0; }
  void set_bit(int i) {
    const auto limb = static_cast<size_t>(i / 32);
    if (limbs_.size() <= limb) limbs_.resize(limb + 1, 0);
    limbs_[limb] |= 1u << (i % 32);
  }
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<uint32_t> limbs_;
};

// (-1)^negative * (mag + t) * 2^exp, where t = 0 if !inexact_tail and
// 0 < t < 1 otherwise (a nonzero remainder of a division or square root).
struct Exact {
  bool negative = false;
  BigNat mag;
  int exp = 0;
  bool inexact_tail = false;
};

enum class Kind { Zero, Finite, Inf, QuietNaN, SignalingNaN };

struct Decoded {
  Kind kind;
  Exact value;  // meaningful sign for all kinds; magnitude for Zero/Finite
};

uint64_t sign_bit(const Format& f) { return uint64_t{1} << (f.exp_bits + f.frac_bits()); }
uint64_t inf_bits(const Format& f) { return ((uint64_t{1} << f.exp_bits) - 1) << f.frac_bits(); }
uint64_t nan_bits(const Format& f) { return inf_bits(f) | (uint64_t{1} << (f.frac_bits() - 1)); }
uint64_t max_finite_bits(const Format& f) { return inf_bits(f) - 1; }
uint64_t signed_bits(const Format& f, bool negative, uint64_t magnitude) {
  return (negative ? sign_bit(f) : 0) | magnitude;
}

Decoded decode(const Format& f, uint64_t bits) {
  const bool negative = (bits & sign_bit(f)) != 0;
  const uint64_t biased = (bits >> f.frac_bits()) & ((uint64_t{1} << f.exp_bits) - 1);
  const uint64_t frac = bits & ((uint64_t{1} << f.frac_bits()) - 1);
  Decoded d{Kind::Finite, Exact{negative, BigNat(), 0, false}};
  if (biased == (uint64_t{1} << f.exp_bits) - 1) {
    if (frac == 0) {
      d.kind = Kind::Inf;
    } else {
      d.kind = (frac >> (f.frac_bits() - 1)) != 0 ? Kind::QuietNaN : Kind::SignalingNaN;
    }
  } else if (biased == 0) {
    d.kind = frac == 0 ? Kind::Zero : Kind::Finite;
    d.value.mag = BigNat::from(frac);
    d.value.exp = f.emin - f.frac_bits();
  } else {
    d.value.mag = BigNat::from(frac | (uint64_t{1} << f.frac_bits()));
    d.value.exp = static_cast<int>(biased) - f.emax - f.frac_bits();
  }
  return d;
}

bool is_nan(const Decoded& d) { return d.kind == Kind::QuietNaN || d.kind == Kind::SignalingNaN; }
bool is_snan(const Decoded& d) { return d.kind == Kind::SignalingNaN; }

Result nan_result(const Format& f, bool invalid) { return {nan_bits(f), invalid ? flag::NV : 0u}; }

// Rounds |x| to an integer multiple of 2^q: returns the multiplier and whether
// the value was inexact. Written with the textbook round/sticky bits.
std::pair<BigNat, bool> round_to_multiple(const Exact& x, int q, RoundingMode rm) {
  const int below = q - x.exp;  // number of magnitude bits under the rounding point
  if (below <= 0) {
    assert(!x.inexact_tail);
    return {x.mag.shifted_left(-below), false};
  }
  BigNat kept = x.mag.shifted_right(below);
  const bool round_bit = x.mag.bit(below - 1);
  const bool sticky = x.mag.any_bit_below(below - 1) || x.inexact_tail;
  const bool inexact = round_bit || sticky;
  bool increment = false;
  switch (rm) {
    case RoundingMode::RNE: increment = round_bit && (sticky || kept.bit(0)); break;
    case RoundingMode::RMM: increment = round_bit; break;
    case RoundingMode::RTZ: increment = false; break;
    case RoundingMode::RDN: increment = inexact && x.negative; break;
    case RoundingMode::RUP: increment = inexact && !x.negative; break;
  }
  if (increment) kept = kept + BigNat::from(1);
  return {kept, inexact};
}

// IEEE 754 rounding of a nonzero exact value into format f.
Result round_into(const Format& f, const Exact& x, RoundingMode rm) {
  assert(!x.mag.is_zero());
  const int p = f.precision;
  const int top = x.exp + x.mag.bit_length() - 1;  // 2^top <= |x| < 2^(top+1)
  int q = std::max(top - (p - 1), f.emin - (p - 1));
  auto [kept, inexact] = round_to_multiple(x, q, rm);

  // Tininess after rounding: |x| rounded to p significant bits with an
  // unbounded exponent range is below 2^emin.
  bool tiny = false;
  if (top < f.emin) {
    const int q_unbounded = top - (p - 1);
    const BigNat unbounded = round_to_multiple(x, q_unbounded, rm).first;
    tiny = q_unbounded + unbounded.bit_length() - 1 < f.emin;
  }
  uint32_t flags = 0;
  if (inexact) flags |= flag::NX;
  if (inexact && tiny) flags |= flag::UF;

  if (kept.is_zero()) return {signed_bits(f, x.negative, 0), flags};
  if (kept.bit_length() > p) {  // rounding carried into a new binade: kept == 2^p
    kept = kept.shifted_right(1);
    ++q;
  }
  const int width = kept.bit_length();
  const int result_top = q + width - 1;
  if (result_top > f.emax) {
    const bool to_inf = rm == RoundingMode::RNE || rm == RoundingMode::RMM ||
                        (rm == RoundingMode::RDN && x.negative) ||
                        (rm == RoundingMode::RUP && !x.negative);
    return {signed_bits(f, x.negative, to_inf ? inf_bits(f) : max_finite_bits(f)),
            flag::OF | flag::NX};
  }
  if (width < p) {  // subnormal
    assert(q == f.emin - (p - 1));
    return {signed_bits(f, x.negative, kept.low64()), flags};
  }
  const uint64_t biased = static_cast<uint64_t>(result_top + f.emax);
  const uint64_t frac = kept.low64() & ((uint64_t{1} << f.frac_bits()) - 1);
  return {signed_bits(f, x.negative, (biased << f.frac_bits()) | frac), flags};
}

// Exact x + y.
Exact exact_sum(const Exact& x, const Exact& y) {
  const int e = std::min(x.exp, y.exp);
  const BigNat mx = x.mag.shifted_left(x.exp - e);
  const BigNat my = y.mag.shifted_left(y.exp - e);
  if (x.negative == y.negative) return {x.negative, mx + my, e, false};
  if (compare(mx, my) >= 0) return {x.negative, mx - my, e, false};
  return {y.negative, my - mx, e, false};
}

// Sign of an exactly zero sum: a zero of the common sign if both addends
// have it, otherwise +0 (-0 when rounding down). IEEE 754-2019 6.3.
Result zero_sum(const Format& f, bool negative_x, bool negative_y, RoundingMode rm) {
  const bool negative = negative_x == negative_y ? negative_x : rm == RoundingMode::RDN;
  return {signed_bits(f, negative, 0), 0};
}

Result finish_sum(const Format& f, const Exact& x, const Exact& y, RoundingMode rm) {
  const Exact s = exact_sum(x, y);
  if (s.mag.is_zero()) return zero_sum(f, x.negative, y.negative, rm);
  return round_into(f, s, rm);
}

// Puts the magnitude of a finite nonzero value at exactly `bits` bits.
Exact normalized(Exact x, int bits) {
  const int shift = bits - x.mag.bit_length();
  assert(shift >= 0);
  x.mag = x.mag.shifted_left(shift);
  x.exp -= shift;
  return x;
}

u128 isqrt_with_remainder(u128 n, bool& remainder_nonzero) {
  // Digit-by-digit (binary) square root.
  u128 root = 0;
  u128 bit = u128{1} << 126;
  while (bit > n) bit >>= 2;
  while (bit != 0) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  remainder_nonzero = n != 0;
  return root;
}

}  // namespace

Result add(const Format& f, uint64_t a, uint64_t b, RoundingMode rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  if (is_nan(x) || is_nan(y)) return nan_result(f, is_snan(x) || is_snan(y));
  if (x.kind == Kind::Inf && y.kind == Kind::Inf && x.value.negative != y.value.negative) {
    return nan_result(f, true);
  }
  if (x.kind == Kind::Inf) return {a, 0};
  if (y.kind == Kind::Inf) return {b, 0};
  return finish_sum(f, x.value, y.value, rm);
}

Result sub(const Format& f, uint64_t a, uint64_t b, RoundingMode rm) {
  return add(f, a, b ^ sign_bit(f), rm);
}

Result mul(const Format& f, uint64_t a, uint64_t b, RoundingMode rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  if (is_nan(x) || is_nan(y)) return nan_result(f, is_snan(x) || is_snan(y));
  const bool negative = x.value.negative != y.value.negative;
  const bool any_inf = x.kind == Kind::Inf || y.kind == Kind::Inf;
  const bool any_zero = x.kind == Kind::Zero || y.kind == Kind::Zero;
  if (any_inf && any_zero) return nan_result(f, true);
  if (any_inf) return {signed_bits(f, negative, inf_bits(f)), 0};
  if (any_zero) return {signed_bits(f, negative, 0), 0};
  const u128 product = u128{x.value.mag.low64()} * y.value.mag.low64();
  return round_into(f, Exact{negative, BigNat::from(product), x.value.exp + y.value.exp, false},
                    rm);
}

Result div(const Format& f, uint64_t a, uint64_t b, RoundingMode rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  if (is_nan(x) || is_nan(y)) return nan_result(f, is_snan(x) || is_snan(y));
  const bool negative = x.value.negative != y.value.negative;
  if (x.kind == Kind::Inf && y.kind == Kind::Inf) return nan_result(f, true);
  if (x.kind == Kind::Zero && y.kind == Kind::Zero) return nan_result(f, true);
  if (x.kind == Kind::Inf) return {signed_bits(f, negative, inf_bits(f)), 0};
  if (y.kind == Kind::Inf) return {signed_bits(f, negative, 0), 0};
  if (y.kind == Kind::Zero) return {signed_bits(f, negative, inf_bits(f)), flag::DZ};
  if (x.kind == Kind::Zero) return {signed_bits(f, negative, 0), 0};
  // Both significands at 53 bits; the quotient of (mx << 70) / my then has
  // at least 70 bits, far more than p+1, and the remainder tells the rest.
  const Exact nx = normalized(x.value, 53);
  const Exact ny = normalized(y.value, 53);
  const u128 num = u128{nx.mag.low64()} << 70;
  const u128 den = ny.mag.low64();
  return round_into(
      f, Exact{negative, BigNat::from(num / den), nx.exp - ny.exp - 70, num % den != 0}, rm);
}

Result sqrt(const Format& f, uint64_t a, RoundingMode rm) {
  const Decoded x = decode(f, a);
  if (is_nan(x)) return nan_result(f, is_snan(x));
  if (x.kind == Kind::Zero) return {a, 0};  // sqrt(-0) = -0
  if (x.value.negative) return nan_result(f, true);
  if (x.kind == Kind::Inf) return {a, 0};
  Exact n = normalized(x.value, 53);
  if (n.exp % 2 != 0) {  // make the exponent even so it halves exactly
    n.mag = n.mag.shifted_left(1);
    n.exp -= 1;
  }
  constexpr int kScale = 34;  // radicand < 2^122, root >= 2^60
  bool remainder_nonzero = false;
  const u128 root = isqrt_with_remainder(u128{n.mag.low64()} << (2 * kScale), remainder_nonzero);
  return round_into(
      f, Exact{false, BigNat::from(root), (n.exp - 2 * kScale) / 2, remainder_nonzero}, rm);
}

Result fma(const Format& f, uint64_t a, uint64_t b, uint64_t c, bool negate_product,
           bool negate_addend, RoundingMode rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  Decoded z = decode(f, c);
  const bool any_inf = x.kind == Kind::Inf || y.kind == Kind::Inf;
  const bool any_zero = x.kind == Kind::Zero || y.kind == Kind::Zero;
  if (is_nan(x) || is_nan(y) || is_nan(z)) {
    // The spec: inf * 0 raises NV even when the addend is a quiet NaN.
    const bool inf_times_zero = any_inf && any_zero;
    return nan_result(f, is_snan(x) || is_snan(y) || is_snan(z) || inf_times_zero);
  }
  if (any_inf && any_zero) return nan_result(f, true);
  const bool product_negative = (x.value.negative != y.value.negative) != negate_product;
  z.value.negative = z.value.negative != negate_addend;
  if (any_inf) {
    if (z.kind == Kind::Inf && z.value.negative != product_negative) return nan_result(f, true);
    return {signed_bits(f, product_negative, inf_bits(f)), 0};
  }
  if (z.kind == Kind::Inf) return {signed_bits(f, z.value.negative, inf_bits(f)), 0};
  Exact product{product_negative, BigNat(), 0, false};
  if (!any_zero) {
    product.mag = BigNat::from(u128{x.value.mag.low64()} * y.value.mag.low64());
    product.exp = x.value.exp + y.value.exp;
  }
  return finish_sum(f, product, z.value, rm);
}

Result to_int(const Format& f, uint64_t a, int width, bool is_signed, RoundingMode rm) {
  const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  const uint64_t max_bits = is_signed ? mask >> 1 : mask;
  const uint64_t min_bits = is_signed ? (uint64_t{1} << (width - 1)) : 0;
  const Decoded x = decode(f, a);
  if (is_nan(x)) return {max_bits, flag::NV};
  if (x.kind == Kind::Inf) return {x.value.negative ? min_bits : max_bits, flag::NV};
  if (x.kind == Kind::Zero) return {0, 0};
  const auto [rounded, inexact] = round_to_multiple(x.value, 0, rm);
  // Largest allowed magnitude for this sign: 2^(w-1)-1 / 2^(w-1) signed,
  // 2^w-1 / 0 unsigned.
  const BigNat limit = x.value.negative ? BigNat::from(min_bits) : BigNat::from(max_bits);
  if (compare(rounded, limit) > 0) return {x.value.negative ? min_bits : max_bits, flag::NV};
  const uint64_t magnitude = rounded.low64();
  return {(x.value.negative ? 0 - magnitude : magnitude) & mask, inexact ? flag::NX : 0u};
}

Result from_int(const Format& f, bool negative, uint64_t magnitude, RoundingMode rm) {
  if (magnitude == 0) return {0, 0};
  return round_into(f, Exact{negative, BigNat::from(magnitude), 0, false}, rm);
}

Result convert(const Format& from, const Format& to, uint64_t a, RoundingMode rm) {
  const Decoded x = decode(from, a);
  if (is_nan(x)) return nan_result(to, is_snan(x));
  if (x.kind == Kind::Inf) return {signed_bits(to, x.value.negative, inf_bits(to)), 0};
  if (x.kind == Kind::Zero) return {signed_bits(to, x.value.negative, 0), 0};
  return round_into(to, x.value, rm);
}

}  // namespace vm::fp::ref
