// Hand-written cases for vm/engine/fp. Every expected value is derived from
// the RISC-V F/D spec and IEEE 754 by hand (the derivation is in the
// comments), never taken from the implementation's output.
#include "vm/engine/fp/fp_arith.h"

#include <gtest/gtest.h>
#include <xmmintrin.h>

#include <array>
#include <cfenv>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <type_traits>

namespace vm::fp {
namespace {

using RM = RoundingMode;
constexpr uint32_t NX = flag::NX, UF = flag::UF, OF = flag::OF, DZ = flag::DZ, NV = flag::NV;

// A result bit pattern (integers as their unsigned pattern) plus the flags.
struct Out {
  uint64_t bits;
  uint32_t flags;
  bool operator==(const Out&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Out& o) {
  return os << "{0x" << std::hex << o.bits << ", flags 0x" << o.flags << std::dec << "}";
}

template <class R>
uint64_t pattern(R r) {
  if constexpr (std::is_same_v<R, bool>) {
    return r ? 1 : 0;
  } else {
    return static_cast<uint64_t>(static_cast<std::make_unsigned_t<R>>(r));
  }
}

// Calls fn(args..., flags) with flags starting at 0.
template <class Fn, class... Args>
Out call(Fn fn, Args... args) {
  uint32_t flags = 0;
  const auto r = fn(args..., flags);
  return {pattern(r), flags};
}

constexpr std::array<RM, 5> kModes{RM::RNE, RM::RTZ, RM::RDN, RM::RUP, RM::RMM};
const char* mode_name(RM rm) {
  static constexpr const char* kNames[] = {"RNE", "RTZ", "RDN", "RUP", "RMM"};
  return kNames[static_cast<int>(rm)];
}

// Expected results in the order RNE, RTZ, RDN, RUP, RMM.
void expect_modes(const std::function<Out(RM)>& op, const std::array<Out, 5>& expected) {
  for (size_t i = 0; i < kModes.size(); ++i) {
    SCOPED_TRACE(mode_name(kModes[i]));
    EXPECT_EQ(op(kModes[i]), expected[i]);
  }
}
// Same result and flags in every mode.
void expect_all_modes(const std::function<Out(RM)>& op, Out expected) {
  expect_modes(op, {expected, expected, expected, expected, expected});
}

// Single-precision constants.
constexpr uint32_t kOne = 0x3f800000, kTwo = 0x40000000, kThree = 0x40400000, kHalf = 0x3f000000;
constexpr uint32_t kNegOne = 0xbf800000;
constexpr uint32_t kPosZero = 0, kNegZero = 0x80000000;
constexpr uint32_t kInf = 0x7f800000, kNegInf = 0xff800000, kMax = 0x7f7fffff, kNegMax = 0xff7fffff;
constexpr uint32_t kMinSub = 0x00000001, kMinNormal = 0x00800000, kMaxSub = 0x007fffff;
constexpr uint32_t kQNaN = 0x7fc00000, kSNaN = 0x7f800001, kNegSNaN = 0xff800001;
constexpr uint32_t kNaNPayload = 0x7fc12345, kNegQNaN = 0xffc00000;
constexpr uint32_t kP2m24 = 0x33800000;  // 2^-24: half an ulp of 1.0
constexpr uint32_t kP2m25 = 0x33000000;  // 2^-25: a quarter ulp of 1.0

// Double-precision constants.
constexpr uint64_t kOneD = 0x3ff0000000000000, kTwoD = 0x4000000000000000,
                   kNegZeroD = 0x8000000000000000;
constexpr uint64_t kInfD = 0x7ff0000000000000, kNegInfD = 0xfff0000000000000,
                   kMaxD = 0x7fefffffffffffff;
constexpr uint64_t kMinSubD = 1, kMinNormalD = 0x0010000000000000, kMaxSubD = 0x000fffffffffffff;
constexpr uint64_t kQNaND = 0x7ff8000000000000, kSNaND = 0x7ff0000000000001,
                   kNegQNaND = 0xfff8000000000000;
constexpr uint64_t kP2m53D = 0x3ca0000000000000;  // 2^-53: half an ulp of 1.0

// ---------------------------------------------------------------- add / sub

TEST(FpAdd, TieAtUlpOfOneEveryMode) {
  // 1 + 2^-24 lies exactly halfway between 1.0 (even) and 1+2^-23 (odd).
  expect_modes([](RM rm) { return call(add_s, kOne, kP2m24, rm); },
               {Out{kOne, NX}, {kOne, NX}, {kOne, NX}, {0x3f800001, NX}, {0x3f800001, NX}});
  // Negative: RMM goes away from zero, RDN too; RNE stays at the even -1.0.
  expect_modes(
      [](RM rm) { return call(add_s, kNegOne, kP2m24 | 0x80000000u, rm); },
      {Out{kNegOne, NX}, {kNegOne, NX}, {0xbf800001, NX}, {kNegOne, NX}, {0xbf800001, NX}});
  // 1+3*2^-24 is halfway between 1+2^-23 (odd) and 1+2^-22 (even): RNE rounds up too.
  expect_modes([](RM rm) { return call(add_s, 0x3f800001u, kP2m24, rm); }, {Out{0x3f800002, NX},
                                                                            {0x3f800001, NX},
                                                                            {0x3f800001, NX},
                                                                            {0x3f800002, NX},
                                                                            {0x3f800002, NX}});
}

TEST(FpAdd, QuarterUlpIsNotATie) {
  // 1 + 2^-25: below the midpoint, so RMM rounds down like RNE; only RUP goes up.
  expect_modes([](RM rm) { return call(add_s, kOne, kP2m25, rm); },
               {Out{kOne, NX}, {kOne, NX}, {kOne, NX}, {0x3f800001, NX}, {kOne, NX}});
}

TEST(FpAdd, DoubleTie) {
  // 1 + 2^-53: halfway between 1.0 and 1+2^-52.
  expect_modes([](RM rm) { return call(add_d, kOneD, kP2m53D, rm); }, {Out{kOneD, NX},
                                                                       {kOneD, NX},
                                                                       {kOneD, NX},
                                                                       {0x3ff0000000000001, NX},
                                                                       {0x3ff0000000000001, NX}});
}

TEST(FpAdd, ExactResultsRaiseNothing) {
  expect_all_modes([](RM rm) { return call(add_s, kOne, kOne, rm); }, {kTwo, 0});
  // Subnormal sums are exact: no UF without NX (tininess alone is not enough).
  expect_all_modes([](RM rm) { return call(add_s, kMinSub, kMinSub, rm); }, {0x00000002, 0});
  expect_all_modes([](RM rm) { return call(add_s, kMinNormal, kMinSub | 0x80000000u, rm); },
                   {kMaxSub, 0});
  expect_all_modes([](RM rm) { return call(add_d, kMinSubD, kMinSubD, rm); }, {2, 0});
}

TEST(FpAdd, ZeroSigns) {
  // x + (-x) is +0, except -0 when rounding down.
  expect_modes([](RM rm) { return call(add_s, kOne, kNegOne, rm); },
               {Out{kPosZero, 0}, {kPosZero, 0}, {kNegZero, 0}, {kPosZero, 0}, {kPosZero, 0}});
  expect_modes([](RM rm) { return call(sub_s, kOne, kOne, rm); },
               {Out{kPosZero, 0}, {kPosZero, 0}, {kNegZero, 0}, {kPosZero, 0}, {kPosZero, 0}});
  expect_all_modes([](RM rm) { return call(add_s, kNegZero, kNegZero, rm); }, {kNegZero, 0});
  expect_modes([](RM rm) { return call(add_s, kPosZero, kNegZero, rm); },
               {Out{kPosZero, 0}, {kPosZero, 0}, {kNegZero, 0}, {kPosZero, 0}, {kPosZero, 0}});
  expect_modes([](RM rm) { return call(sub_d, kNegZeroD, kNegZeroD, rm); },
               {Out{0, 0}, {0, 0}, {kNegZeroD, 0}, {0, 0}, {0, 0}});
  // A zero addend leaves the other operand untouched, sign included.
  expect_all_modes([](RM rm) { return call(add_s, kNegZero, kNegOne, rm); }, {kNegOne, 0});
}

TEST(FpAdd, Overflow) {
  // MAX + MAX = 2^129 - 2^105: overflows; directed modes toward zero stop at MAX.
  expect_modes(
      [](RM rm) { return call(add_s, kMax, kMax, rm); },
      {Out{kInf, OF | NX}, {kMax, OF | NX}, {kMax, OF | NX}, {kInf, OF | NX}, {kInf, OF | NX}});
  expect_modes([](RM rm) { return call(add_s, kNegMax, kNegMax, rm); }, {Out{kNegInf, OF | NX},
                                                                         {kNegMax, OF | NX},
                                                                         {kNegInf, OF | NX},
                                                                         {kNegMax, OF | NX},
                                                                         {kNegInf, OF | NX}});
  // MAX + 2^103 (half an ulp of MAX) = 2^128 - 2^103: a tie between MAX (odd
  // significand) and 2^128, so nearest modes overflow. Truncating modes give
  // MAX without OF: rounded with an unbounded exponent it is MAX, not > MAX.
  expect_modes([](RM rm) { return call(add_s, kMax, 0x73000000u, rm); },
               {Out{kInf, OF | NX}, {kMax, NX}, {kMax, NX}, {kInf, OF | NX}, {kInf, OF | NX}});
  // MAX + 2^102 (a quarter ulp) stays MAX in the nearest modes.
  expect_modes([](RM rm) { return call(add_s, kMax, 0x72800000u, rm); },
               {Out{kMax, NX}, {kMax, NX}, {kMax, NX}, {kInf, OF | NX}, {kMax, NX}});
  expect_modes([](RM rm) { return call(add_d, kMaxD, kMaxD, rm); }, {Out{kInfD, OF | NX},
                                                                     {kMaxD, OF | NX},
                                                                     {kMaxD, OF | NX},
                                                                     {kInfD, OF | NX},
                                                                     {kInfD, OF | NX}});
}

TEST(FpAdd, InfinitiesAndNaNs) {
  expect_all_modes([](RM rm) { return call(add_s, kInf, kNegInf, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(sub_s, kInf, kInf, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(add_s, kInf, kInf, rm); }, {kInf, 0});
  expect_all_modes([](RM rm) { return call(add_s, kNegInf, kMax, rm); }, {kNegInf, 0});
  // Quiet NaNs: canonical result (payload and sign dropped), no flags.
  expect_all_modes([](RM rm) { return call(add_s, kNaNPayload, kOne, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(add_s, kOne, kNegQNaN, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(sub_s, kNaNPayload, kNegQNaN, rm); }, {kQNaN, 0});
  // Signaling NaN operand: NV.
  expect_all_modes([](RM rm) { return call(add_s, kSNaN, kOne, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(sub_s, kQNaN, kNegSNaN, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(add_d, kSNaND, kOneD, rm); }, {kQNaND, NV});
  expect_all_modes([](RM rm) { return call(add_d, 0x7ff8000000001234ull, kOneD, rm); },
                   {kQNaND, 0});
}

TEST(FpSub, TieBelowOne) {
  // 1 - 2^-25 is halfway between 1-2^-24 (0x3f7fffff, odd) and 1.0.
  expect_modes([](RM rm) { return call(sub_s, kOne, kP2m25, rm); },
               {Out{kOne, NX}, {0x3f7fffff, NX}, {0x3f7fffff, NX}, {kOne, NX}, {kOne, NX}});
  // 1 - 2^-24 is representable.
  expect_all_modes([](RM rm) { return call(sub_s, kOne, kP2m24, rm); }, {0x3f7fffff, 0});
}

// ---------------------------------------------------------------- mul

TEST(FpMul, TieAtUlpLevel) {
  // (1+2^-12)^2 = 1 + 2^-11 + 2^-24: halfway between 0x3f801000 (even) and 0x3f801001.
  expect_modes([](RM rm) { return call(mul_s, 0x3f800800u, 0x3f800800u, rm); },
               {Out{0x3f801000, NX},
                {0x3f801000, NX},
                {0x3f801000, NX},
                {0x3f801001, NX},
                {0x3f801001, NX}});
  expect_modes([](RM rm) { return call(mul_s, 0xbf800800u, 0x3f800800u, rm); },
               {Out{0xbf801000, NX},
                {0xbf801000, NX},
                {0xbf801001, NX},
                {0xbf801000, NX},
                {0xbf801001, NX}});
  // (1+2^-26)(1+2^-27) = 1 + 2^-26 + 2^-27 + 2^-53: halfway between
  // 0x3ff0000006000000 (even) and ...001.
  expect_modes([](RM rm) { return call(mul_d, 0x3ff0000004000000ull, 0x3ff0000002000000ull, rm); },
               {Out{0x3ff0000006000000, NX},
                {0x3ff0000006000000, NX},
                {0x3ff0000006000000, NX},
                {0x3ff0000006000001, NX},
                {0x3ff0000006000001, NX}});
}

TEST(FpMul, SubnormalTieAndUnderflow) {
  // 2^-149 * 0.5 = 2^-150: halfway between 0 (even) and 2^-149. Tiny and inexact: UF|NX.
  expect_modes(
      [](RM rm) { return call(mul_s, kMinSub, kHalf, rm); },
      {Out{0, UF | NX}, {0, UF | NX}, {0, UF | NX}, {kMinSub, UF | NX}, {kMinSub, UF | NX}});
  expect_modes([](RM rm) { return call(mul_s, kMinSub | 0x80000000u, kHalf, rm); },
               {Out{kNegZero, UF | NX},
                {kNegZero, UF | NX},
                {0x80000001, UF | NX},
                {kNegZero, UF | NX},
                {0x80000001, UF | NX}});
  // Tiny but exact (2^-127 is a subnormal): no UF.
  expect_all_modes([](RM rm) { return call(mul_s, kMinNormal, kHalf, rm); }, {0x00400000, 0});
  expect_all_modes([](RM rm) { return call(mul_d, kMinNormalD, 0x3fe0000000000000ull, rm); },
                   {0x0008000000000000, 0});
}

TEST(FpMul, TininessIsDetectedAfterRounding) {
  // (1-2^-13)2^-63 * (1+2^-13)2^-63 = 2^-126 (1 - 2^-26). Rounded to 24 bits
  // with an unbounded exponent it is 2^-126 under RNE/RUP/RMM (not tiny: no
  // UF), but 2^-126(1-2^-24) under RTZ/RDN (tiny, and inexact: UF).
  expect_modes([](RM rm) { return call(mul_s, 0x1ffff800u, 0x20000400u, rm); },
               {Out{kMinNormal, NX},
                {kMaxSub, UF | NX},
                {kMaxSub, UF | NX},
                {kMinNormal, NX},
                {kMinNormal, NX}});
  // (1-2^-27)2^-511 * (1+2^-27)2^-511 = 2^-1022 (1 - 2^-54): exactly the
  // unbounded-exponent midpoint below 2^-1022, whose even neighbor (RNE) and
  // away-from-zero neighbor (RMM) are both 2^-1022.
  expect_modes([](RM rm) { return call(mul_d, 0x1ffffffffc000000ull, 0x2000000002000000ull, rm); },
               {Out{kMinNormalD, NX},
                {kMaxSubD, UF | NX},
                {kMaxSubD, UF | NX},
                {kMinNormalD, NX},
                {kMinNormalD, NX}});
}

TEST(FpMul, SpecialOperands) {
  expect_all_modes([](RM rm) { return call(mul_s, kInf, kPosZero, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(mul_s, kNegZero, kNegInf, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(mul_s, kInf, 0xc0000000u, rm); }, {kNegInf, 0});
  expect_all_modes([](RM rm) { return call(mul_s, kNegZero, 0x40a00000u, rm); }, {kNegZero, 0});
  expect_all_modes([](RM rm) { return call(mul_s, kSNaN, kPosZero, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(mul_d, kNegQNaND, kInfD, rm); }, {kQNaND, 0});
  expect_modes(
      [](RM rm) { return call(mul_s, kMax, kTwo, rm); },
      {Out{kInf, OF | NX}, {kMax, OF | NX}, {kMax, OF | NX}, {kInf, OF | NX}, {kInf, OF | NX}});
}

// ---------------------------------------------------------------- div

TEST(FpDiv, OneThird) {
  // 1/3 = 1.0101...b * 2^-2; the bits after the 24th are 1010..., i.e. 2/3 ulp.
  expect_modes([](RM rm) { return call(div_s, kOne, kThree, rm); }, {Out{0x3eaaaaab, NX},
                                                                     {0x3eaaaaaa, NX},
                                                                     {0x3eaaaaaa, NX},
                                                                     {0x3eaaaaab, NX},
                                                                     {0x3eaaaaab, NX}});
  expect_modes([](RM rm) { return call(div_s, kNegOne, kThree, rm); }, {Out{0xbeaaaaab, NX},
                                                                        {0xbeaaaaaa, NX},
                                                                        {0xbeaaaaab, NX},
                                                                        {0xbeaaaaaa, NX},
                                                                        {0xbeaaaaab, NX}});
}

TEST(FpDiv, DivideByZeroAndInvalid) {
  expect_all_modes([](RM rm) { return call(div_s, kOne, kPosZero, rm); }, {kInf, DZ});
  expect_all_modes([](RM rm) { return call(div_s, kNegOne, kPosZero, rm); }, {kNegInf, DZ});
  expect_all_modes([](RM rm) { return call(div_s, kOne, kNegZero, rm); }, {kNegInf, DZ});
  expect_all_modes([](RM rm) { return call(div_s, kMinSub, kPosZero, rm); }, {kInf, DZ});
  expect_all_modes([](RM rm) { return call(div_d, kOneD, 0, rm); }, {kInfD, DZ});
  // inf/0 is an exact infinity: no DZ.
  expect_all_modes([](RM rm) { return call(div_s, kInf, kPosZero, rm); }, {kInf, 0});
  expect_all_modes([](RM rm) { return call(div_s, kPosZero, kPosZero, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(div_s, kInf, kNegInf, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(div_d, 0, kNegZeroD, rm); }, {kQNaND, NV});
  expect_all_modes([](RM rm) { return call(div_s, kOne, kNegInf, rm); }, {kNegZero, 0});
  expect_all_modes([](RM rm) { return call(div_s, kPosZero, kThree, rm); }, {kPosZero, 0});
  // 0/NaN: NaN wins and is quiet, so no NV and no DZ.
  expect_all_modes([](RM rm) { return call(div_s, kOne, kQNaN, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(div_s, kSNaN, kPosZero, rm); }, {kQNaN, NV});
}

TEST(FpDiv, SubnormalTies) {
  // 2^-149 / 2 = 2^-150: halfway between 0 and 2^-149.
  expect_modes(
      [](RM rm) { return call(div_s, kMinSub, kTwo, rm); },
      {Out{0, UF | NX}, {0, UF | NX}, {0, UF | NX}, {kMinSub, UF | NX}, {kMinSub, UF | NX}});
  // 3*2^-149 / 2 = 1.5*2^-149: halfway between 2^-149 (odd) and 2*2^-149 (even).
  expect_modes([](RM rm) { return call(div_s, 0x00000003u, kTwo, rm); },
               {Out{2, UF | NX}, {1, UF | NX}, {1, UF | NX}, {2, UF | NX}, {2, UF | NX}});
  expect_modes([](RM rm) { return call(div_d, kMinSubD, kTwoD, rm); },
               {Out{0, UF | NX}, {0, UF | NX}, {0, UF | NX}, {1, UF | NX}, {1, UF | NX}});
}

// ---------------------------------------------------------------- sqrt

TEST(FpSqrt, RoundingModes) {
  // sqrt(2) = 1.01101010000010011110011|0011...b: the tail is below half an ulp.
  expect_modes([](RM rm) { return call(sqrt_s, kTwo, rm); }, {Out{0x3fb504f3, NX},
                                                              {0x3fb504f3, NX},
                                                              {0x3fb504f3, NX},
                                                              {0x3fb504f4, NX},
                                                              {0x3fb504f3, NX}});
  // Double sqrt(2) = 1.4142135623730950488...; 0x3ff6a09e667f3bcd is the
  // nearest double and lies above it.
  expect_modes([](RM rm) { return call(sqrt_d, kTwoD, rm); }, {Out{0x3ff6a09e667f3bcd, NX},
                                                               {0x3ff6a09e667f3bcc, NX},
                                                               {0x3ff6a09e667f3bcc, NX},
                                                               {0x3ff6a09e667f3bcd, NX},
                                                               {0x3ff6a09e667f3bcd, NX}});
  // sqrt(2^-149) = sqrt(2) * 2^-75: normal, same significand as sqrt(2), no UF.
  expect_modes([](RM rm) { return call(sqrt_s, kMinSub, rm); }, {Out{0x1a3504f3, NX},
                                                                 {0x1a3504f3, NX},
                                                                 {0x1a3504f3, NX},
                                                                 {0x1a3504f4, NX},
                                                                 {0x1a3504f3, NX}});
  expect_all_modes([](RM rm) { return call(sqrt_s, 0x40800000u, rm); }, {kTwo, 0});  // sqrt(4)
}

TEST(FpSqrt, SpecialOperands) {
  expect_all_modes([](RM rm) { return call(sqrt_s, kNegZero, rm); }, {kNegZero, 0});
  expect_all_modes([](RM rm) { return call(sqrt_s, kPosZero, rm); }, {kPosZero, 0});
  expect_all_modes([](RM rm) { return call(sqrt_s, kInf, rm); }, {kInf, 0});
  expect_all_modes([](RM rm) { return call(sqrt_s, kNegInf, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(sqrt_s, kNegOne, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(sqrt_s, kMinSub | 0x80000000u, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(sqrt_s, kSNaN, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(sqrt_s, kNegQNaN, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(sqrt_d, kNegZeroD, rm); }, {kNegZeroD, 0});
  expect_all_modes([](RM rm) { return call(sqrt_d, 0xbff0000000000000ull, rm); }, {kQNaND, NV});
  expect_all_modes([](RM rm) { return call(sqrt_d, kSNaND, rm); }, {kQNaND, NV});
}

// ---------------------------------------------------------------- fma

TEST(FpFma, SingleRounding) {
  // (1+2^-12)^2 - (1+2^-11) = 2^-24 exactly when fused...
  expect_all_modes([](RM rm) { return call(fmadd_s, 0x3f800800u, 0x3f800800u, 0xbf801000u, rm); },
                   {kP2m24, 0});
  // ...while a separate multiply rounds (1+2^-12)^2 to 1+2^-11 and the add then gives 0.
  const Out product = call(mul_s, 0x3f800800u, 0x3f800800u, RM::RNE);
  EXPECT_EQ(product, (Out{0x3f801000, NX}));
  EXPECT_EQ(call(add_s, static_cast<uint32_t>(product.bits), 0xbf801000u, RM::RNE),
            (Out{kPosZero, 0}));
  // Double: (1+2^-27)(1-2^-27) - 1 = -2^-54 exactly; an unfused product would round to 1.
  expect_all_modes(
      [](RM rm) {
        return call(fmadd_d, 0x3ff0000002000000ull, 0x3feffffffc000000ull, kOneD | kNegZeroD, rm);
      },
      {0xbc90000000000000, 0});
  expect_all_modes(
      [](RM rm) { return call(fmsub_d, 0x3ff0000002000000ull, 0x3feffffffc000000ull, kOneD, rm); },
      {0xbc90000000000000, 0});
}

TEST(FpFma, TiesAndRounding) {
  // 1*1 + 2^-24 is the add tie from above, rounded once.
  expect_modes([](RM rm) { return call(fmadd_s, kOne, kOne, kP2m24, rm); },
               {Out{kOne, NX}, {kOne, NX}, {kOne, NX}, {0x3f800001, NX}, {0x3f800001, NX}});
  // -(1*1) - 2^-24 = -(1 + 2^-24): the negative tie.
  expect_modes(
      [](RM rm) { return call(fnmadd_s, kOne, kOne, kP2m24, rm); },
      {Out{kNegOne, NX}, {kNegOne, NX}, {0xbf800001, NX}, {kNegOne, NX}, {0xbf800001, NX}});
  // (1+2^-12)^2 + 0: the product tie from FpMul, rounded once.
  expect_modes([](RM rm) { return call(fmadd_s, 0x3f800800u, 0x3f800800u, kPosZero, rm); },
               {Out{0x3f801000, NX},
                {0x3f801000, NX},
                {0x3f801000, NX},
                {0x3f801001, NX},
                {0x3f801001, NX}});
}

TEST(FpFma, Variants) {
  const uint32_t two = kTwo, three = kThree, one = kOne;
  // fmadd = a*b+c = 7, fmsub = a*b-c = 5, fnmsub = -(a*b)+c = -5, fnmadd = -(a*b)-c = -7.
  expect_all_modes([=](RM rm) { return call(fmadd_s, two, three, one, rm); }, {0x40e00000, 0});
  expect_all_modes([=](RM rm) { return call(fmsub_s, two, three, one, rm); }, {0x40a00000, 0});
  expect_all_modes([=](RM rm) { return call(fnmsub_s, two, three, one, rm); }, {0xc0a00000, 0});
  expect_all_modes([=](RM rm) { return call(fnmadd_s, two, three, one, rm); }, {0xc0e00000, 0});
  expect_all_modes([](RM rm) { return call(fmadd_d, kTwoD, 0x4008000000000000ull, kOneD, rm); },
                   {0x401c000000000000, 0});
  expect_all_modes([](RM rm) { return call(fmsub_d, kTwoD, 0x4008000000000000ull, kOneD, rm); },
                   {0x4014000000000000, 0});
  expect_all_modes([](RM rm) { return call(fnmsub_d, kTwoD, 0x4008000000000000ull, kOneD, rm); },
                   {0xc014000000000000, 0});
  expect_all_modes([](RM rm) { return call(fnmadd_d, kTwoD, 0x4008000000000000ull, kOneD, rm); },
                   {0xc01c000000000000, 0});
}

TEST(FpFma, ZeroSigns) {
  // fnmadd(+0, 1, +0) = -(+0) - (+0) = (-0) + (-0) = -0 in every mode.
  expect_all_modes([](RM rm) { return call(fnmadd_s, kPosZero, kOne, kPosZero, rm); },
                   {kNegZero, 0});
  // fnmsub(+0, 1, +0) = (-0) + (+0): +0, or -0 when rounding down.
  expect_modes([](RM rm) { return call(fnmsub_s, kPosZero, kOne, kPosZero, rm); },
               {Out{kPosZero, 0}, {kPosZero, 0}, {kNegZero, 0}, {kPosZero, 0}, {kPosZero, 0}});
  // fmsub(+0, 1, +0) = (+0) + (-0): same rule.
  expect_modes([](RM rm) { return call(fmsub_s, kPosZero, kOne, kPosZero, rm); },
               {Out{kPosZero, 0}, {kPosZero, 0}, {kNegZero, 0}, {kPosZero, 0}, {kPosZero, 0}});
  expect_all_modes([](RM rm) { return call(fmadd_s, kNegZero, kOne, kNegZero, rm); },
                   {kNegZero, 0});
  // Exact cancellation of nonzero terms: 1*1 + (-1).
  expect_modes([](RM rm) { return call(fmadd_s, kOne, kOne, kNegOne, rm); },
               {Out{kPosZero, 0}, {kPosZero, 0}, {kNegZero, 0}, {kPosZero, 0}, {kPosZero, 0}});
  // A zero product leaves a nonzero addend unchanged.
  expect_all_modes([](RM rm) { return call(fmadd_s, kNegZero, kMax, kMinSub, rm); }, {kMinSub, 0});
}

TEST(FpFma, InfTimesZeroIsInvalidEvenWithQuietNaNAddend) {
  // Spec: fused multiply-add sets NV for inf*0 even when the addend is a quiet NaN.
  expect_all_modes([](RM rm) { return call(fmadd_s, kInf, kPosZero, kQNaN, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fmsub_s, kPosZero, kNegInf, kNaNPayload, rm); },
                   {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fnmsub_s, kNegZero, kInf, kNegQNaN, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fnmadd_s, kInf, kNegZero, kQNaN, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fmadd_d, kInfD, 0, kQNaND, rm); }, {kQNaND, NV});
  expect_all_modes([](RM rm) { return call(fnmadd_d, 0, kNegInfD, kNegQNaND, rm); }, {kQNaND, NV});
  expect_all_modes([](RM rm) { return call(fmadd_s, kInf, kPosZero, kOne, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fmadd_d, 0, kInfD, kInfD, rm); }, {kQNaND, NV});
}

TEST(FpFma, OtherSpecials) {
  // inf*2 + (-inf): invalid; inf*2 + inf: inf.
  expect_all_modes([](RM rm) { return call(fmadd_s, kInf, kTwo, kNegInf, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fmadd_s, kInf, kTwo, kInf, rm); }, {kInf, 0});
  // fmsub(inf, 2, inf) = inf - inf: invalid.
  expect_all_modes([](RM rm) { return call(fmsub_s, kInf, kTwo, kInf, rm); }, {kQNaN, NV});
  // Finite product plus infinite addend.
  expect_all_modes([](RM rm) { return call(fnmsub_s, kMax, kMax, kNegInf, rm); }, {kNegInf, 0});
  // A quiet NaN anywhere else: canonical NaN, no flags. A signaling one: NV.
  expect_all_modes([](RM rm) { return call(fmadd_s, kQNaN, kPosZero, kOne, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(fmadd_s, kOne, kNaNPayload, kInf, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(fmadd_s, kOne, kOne, kSNaN, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(fnmadd_d, kSNaND, kOneD, kQNaND, rm); }, {kQNaND, NV});
  // Overflow of the fused result.
  expect_modes(
      [](RM rm) { return call(fmadd_s, kMax, kTwo, kNegOne, rm); },
      {Out{kInf, OF | NX}, {kMax, OF | NX}, {kMax, OF | NX}, {kInf, OF | NX}, {kInf, OF | NX}});
}

// ---------------------------------------------------------------- min / max

TEST(FpMinMax, NaNOperands) {
  uint32_t f = 0;
  // One quiet NaN: the other operand, no flags.
  EXPECT_EQ(call(min_s, kOne, kQNaN), (Out{kOne, 0}));
  EXPECT_EQ(call(min_s, kNaNPayload, kOne), (Out{kOne, 0}));
  EXPECT_EQ(call(max_s, kNegQNaN, kNegOne), (Out{kNegOne, 0}));
  // One signaling NaN: the other operand, NV.
  EXPECT_EQ(call(min_s, kSNaN, kOne), (Out{kOne, NV}));
  EXPECT_EQ(call(max_s, kNegInf, kNegSNaN), (Out{kNegInf, NV}));
  // Both NaN: canonical NaN (never a payload), NV if either is signaling.
  EXPECT_EQ(call(min_s, kNaNPayload, kNegQNaN), (Out{kQNaN, 0}));
  EXPECT_EQ(call(max_s, kQNaN, kSNaN), (Out{kQNaN, NV}));
  EXPECT_EQ(call(min_d, kSNaND, kNegQNaND), (Out{kQNaND, NV}));
  EXPECT_EQ(call(max_d, kOneD, kSNaND), (Out{kOneD, NV}));
  EXPECT_EQ(call(min_d, kNegQNaND, kTwoD), (Out{kTwoD, 0}));
  // Flags accumulate: the functions OR into the caller's flags.
  f = DZ;
  EXPECT_EQ(min_s(kSNaN, kOne, f), kOne);
  EXPECT_EQ(f, DZ | NV);
}

TEST(FpMinMax, SignedZerosAndOrdering) {
  EXPECT_EQ(call(min_s, kNegZero, kPosZero), (Out{kNegZero, 0}));
  EXPECT_EQ(call(min_s, kPosZero, kNegZero), (Out{kNegZero, 0}));
  EXPECT_EQ(call(max_s, kNegZero, kPosZero), (Out{kPosZero, 0}));
  EXPECT_EQ(call(max_s, kPosZero, kNegZero), (Out{kPosZero, 0}));
  EXPECT_EQ(call(min_d, 0ull, kNegZeroD), (Out{kNegZeroD, 0}));
  EXPECT_EQ(call(max_d, kNegZeroD, 0ull), (Out{0, 0}));
  EXPECT_EQ(call(min_s, kNegInf, kOne), (Out{kNegInf, 0}));
  EXPECT_EQ(call(max_s, kInf, kMax), (Out{kInf, 0}));
  EXPECT_EQ(call(min_s, kNegOne, 0xc0000000u), (Out{0xc0000000, 0}));  // min(-1, -2) = -2
  EXPECT_EQ(call(max_s, kNegOne, 0xc0000000u), (Out{kNegOne, 0}));
  EXPECT_EQ(call(min_s, kOne, kTwo), (Out{kOne, 0}));
  EXPECT_EQ(call(max_s, kMinSub, kPosZero), (Out{kMinSub, 0}));
  EXPECT_EQ(call(min_s, kMinSub | 0x80000000u, kNegZero), (Out{kMinSub | 0x80000000u, 0}));
  EXPECT_EQ(call(max_d, kMaxD, kInfD), (Out{kInfD, 0}));
  EXPECT_EQ(call(min_d, 0xbff0000000000000ull, kMinSubD), (Out{0xbff0000000000000, 0}));
}

// ---------------------------------------------------------------- compare

TEST(FpCompare, NaNsAndFlags) {
  // feq is quiet: NV only for signaling NaNs.
  EXPECT_EQ(call(eq_s, kQNaN, kOne), (Out{0, 0}));
  EXPECT_EQ(call(eq_s, kQNaN, kQNaN), (Out{0, 0}));
  EXPECT_EQ(call(eq_s, kSNaN, kOne), (Out{0, NV}));
  EXPECT_EQ(call(eq_s, kOne, kNegSNaN), (Out{0, NV}));
  EXPECT_EQ(call(eq_d, kQNaND, kQNaND), (Out{0, 0}));
  EXPECT_EQ(call(eq_d, kSNaND, kOneD), (Out{0, NV}));
  // flt/fle are signaling: NV for any NaN.
  EXPECT_EQ(call(lt_s, kQNaN, kOne), (Out{0, NV}));
  EXPECT_EQ(call(lt_s, kOne, kNegQNaN), (Out{0, NV}));
  EXPECT_EQ(call(le_s, kOne, kQNaN), (Out{0, NV}));
  EXPECT_EQ(call(le_s, kSNaN, kSNaN), (Out{0, NV}));
  EXPECT_EQ(call(lt_d, kQNaND, kOneD), (Out{0, NV}));
  EXPECT_EQ(call(le_d, kOneD, kSNaND), (Out{0, NV}));
}

TEST(FpCompare, Ordering) {
  EXPECT_EQ(call(eq_s, kPosZero, kNegZero), (Out{1, 0}));
  EXPECT_EQ(call(lt_s, kNegZero, kPosZero), (Out{0, 0}));
  EXPECT_EQ(call(le_s, kNegZero, kPosZero), (Out{1, 0}));
  EXPECT_EQ(call(le_s, kPosZero, kNegZero), (Out{1, 0}));
  EXPECT_EQ(call(eq_s, kOne, kOne), (Out{1, 0}));
  EXPECT_EQ(call(eq_s, kOne, 0x3f800001u), (Out{0, 0}));
  EXPECT_EQ(call(lt_s, kOne, kTwo), (Out{1, 0}));
  EXPECT_EQ(call(lt_s, kTwo, kOne), (Out{0, 0}));
  EXPECT_EQ(call(lt_s, 0xc0000000u, kNegOne), (Out{1, 0}));  // -2 < -1
  EXPECT_EQ(call(le_s, kNegOne, 0xc0000000u), (Out{0, 0}));
  EXPECT_EQ(call(lt_s, kNegInf, kInf), (Out{1, 0}));
  EXPECT_EQ(call(le_s, kInf, kInf), (Out{1, 0}));
  EXPECT_EQ(call(lt_s, kInf, kInf), (Out{0, 0}));
  EXPECT_EQ(call(lt_s, kMinSub | 0x80000000u, kPosZero), (Out{1, 0}));
  EXPECT_EQ(call(lt_s, kNegZero, kMinSub), (Out{1, 0}));
  EXPECT_EQ(call(eq_d, 0ull, kNegZeroD), (Out{1, 0}));
  EXPECT_EQ(call(lt_d, kNegZeroD, 0ull), (Out{0, 0}));
  EXPECT_EQ(call(le_d, kNegZeroD, 0ull), (Out{1, 0}));
  EXPECT_EQ(call(lt_d, kMaxD, kInfD), (Out{1, 0}));
  EXPECT_EQ(call(lt_d, 0xbff0000000000000ull, 0xbfe0000000000000ull), (Out{1, 0}));  // -1 < -0.5
}

// ---------------------------------------------------------------- fclass

TEST(FpClass, EveryClass) {
  EXPECT_EQ(class_s(kNegInf), 1u << 0);
  EXPECT_EQ(class_s(kNegOne), 1u << 1);
  EXPECT_EQ(class_s(kNegMax), 1u << 1);
  EXPECT_EQ(class_s(kMinSub | 0x80000000u), 1u << 2);
  EXPECT_EQ(class_s(kMaxSub | 0x80000000u), 1u << 2);
  EXPECT_EQ(class_s(kNegZero), 1u << 3);
  EXPECT_EQ(class_s(kPosZero), 1u << 4);
  EXPECT_EQ(class_s(kMinSub), 1u << 5);
  EXPECT_EQ(class_s(kMaxSub), 1u << 5);
  EXPECT_EQ(class_s(kMinNormal), 1u << 6);
  EXPECT_EQ(class_s(kMax), 1u << 6);
  EXPECT_EQ(class_s(kInf), 1u << 7);
  EXPECT_EQ(class_s(kSNaN), 1u << 8);
  EXPECT_EQ(class_s(kNegSNaN), 1u << 8);
  EXPECT_EQ(class_s(0x7fbfffffu), 1u << 8);
  EXPECT_EQ(class_s(kQNaN), 1u << 9);
  EXPECT_EQ(class_s(kNegQNaN), 1u << 9);
  EXPECT_EQ(class_s(0x7fffffffu), 1u << 9);

  EXPECT_EQ(class_d(kNegInfD), 1u << 0);
  EXPECT_EQ(class_d(0xbff0000000000000ull), 1u << 1);
  EXPECT_EQ(class_d(kMaxSubD | kNegZeroD), 1u << 2);
  EXPECT_EQ(class_d(kNegZeroD), 1u << 3);
  EXPECT_EQ(class_d(0ull), 1u << 4);
  EXPECT_EQ(class_d(kMinSubD), 1u << 5);
  EXPECT_EQ(class_d(kMinNormalD), 1u << 6);
  EXPECT_EQ(class_d(kInfD), 1u << 7);
  EXPECT_EQ(class_d(kSNaND), 1u << 8);
  EXPECT_EQ(class_d(0xfff7ffffffffffffull), 1u << 8);
  EXPECT_EQ(class_d(kQNaND), 1u << 9);
  EXPECT_EQ(class_d(kNegQNaND), 1u << 9);
  // The named constants are the same bits.
  EXPECT_EQ(fclass::NEG_INF, 1u << 0);
  EXPECT_EQ(fclass::QUIET_NAN, 1u << 9);
}

// ---------------------------------------------------------------- float -> int

constexpr int32_t kI32Max = std::numeric_limits<int32_t>::max(),
                  kI32Min = std::numeric_limits<int32_t>::min();
constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max(),
                  kI64Min = std::numeric_limits<int64_t>::min();
constexpr uint64_t I32(int32_t v) { return static_cast<uint32_t>(v); }
constexpr uint64_t I64(int64_t v) { return static_cast<uint64_t>(v); }

TEST(FpToInt, RoundingModesOnTies) {
  constexpr uint32_t k2p5 = 0x40200000, k3p5 = 0x40600000;
  // 2.5 -> RNE 2 (even), RMM 3 (away), RUP 3.
  expect_modes([](RM rm) { return call(cvt_w_s, k2p5, rm); },
               {Out{2, NX}, {2, NX}, {2, NX}, {3, NX}, {3, NX}});
  expect_modes([](RM rm) { return call(cvt_w_s, k2p5 | 0x80000000u, rm); },
               {Out{I32(-2), NX}, {I32(-2), NX}, {I32(-3), NX}, {I32(-2), NX}, {I32(-3), NX}});
  expect_modes([](RM rm) { return call(cvt_l_s, k3p5, rm); },
               {Out{4, NX}, {3, NX}, {3, NX}, {4, NX}, {4, NX}});
  expect_modes([](RM rm) { return call(cvt_w_s, kHalf, rm); },
               {Out{0, NX}, {0, NX}, {0, NX}, {1, NX}, {1, NX}});
  expect_modes([](RM rm) { return call(cvt_w_s, kHalf | 0x80000000u, rm); },
               {Out{0, NX}, {0, NX}, {I32(-1), NX}, {0, NX}, {I32(-1), NX}});
  // 2.5 as a double, to a 64-bit integer.
  expect_modes([](RM rm) { return call(cvt_l_d, 0xc004000000000000ull, rm); },
               {Out{I64(-2), NX}, {I64(-2), NX}, {I64(-3), NX}, {I64(-2), NX}, {I64(-3), NX}});
  // Exact values raise nothing.
  expect_all_modes([](RM rm) { return call(cvt_w_s, 0xc0400000u, rm); }, {I32(-3), 0});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, 0x43d0000000000000ull, rm); },
                   {uint64_t{1} << 62, 0});
}

TEST(FpToInt, NaNAndInfinitiesSaturate) {
  // NaN -> the largest value whatever its sign, NV.
  for (uint32_t nan : {kQNaN, kNegQNaN, kSNaN, kNaNPayload}) {
    expect_all_modes([=](RM rm) { return call(cvt_w_s, nan, rm); }, {I32(kI32Max), NV});
    expect_all_modes([=](RM rm) { return call(cvt_wu_s, nan, rm); }, {0xffffffff, NV});
    expect_all_modes([=](RM rm) { return call(cvt_l_s, nan, rm); }, {I64(kI64Max), NV});
    expect_all_modes([=](RM rm) { return call(cvt_lu_s, nan, rm); }, {~uint64_t{0}, NV});
  }
  expect_all_modes([](RM rm) { return call(cvt_w_d, kNegQNaND, rm); }, {I32(kI32Max), NV});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, kSNaND, rm); }, {~uint64_t{0}, NV});
  expect_all_modes([](RM rm) { return call(cvt_w_s, kInf, rm); }, {I32(kI32Max), NV});
  expect_all_modes([](RM rm) { return call(cvt_w_s, kNegInf, rm); }, {I32(kI32Min), NV});
  expect_all_modes([](RM rm) { return call(cvt_wu_s, kInf, rm); }, {0xffffffff, NV});
  expect_all_modes([](RM rm) { return call(cvt_wu_s, kNegInf, rm); }, {0, NV});
  expect_all_modes([](RM rm) { return call(cvt_l_d, kNegInfD, rm); }, {I64(kI64Min), NV});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, kNegInfD, rm); }, {0, NV});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, kInfD, rm); }, {~uint64_t{0}, NV});
}

TEST(FpToInt, OutOfRangeClampsWithInvalidOnly) {
  // 2^31 does not fit int32 (NV only, no NX); -2^31 does.
  expect_all_modes([](RM rm) { return call(cvt_w_s, 0x4f000000u, rm); }, {I32(kI32Max), NV});
  expect_all_modes([](RM rm) { return call(cvt_w_s, 0xcf000000u, rm); }, {I32(kI32Min), 0});
  expect_all_modes([](RM rm) { return call(cvt_w_s, 0xcf800000u, rm); },
                   {I32(kI32Min), NV});  // -2^32
  expect_all_modes([](RM rm) { return call(cvt_w_d, kMaxD, rm); }, {I32(kI32Max), NV});
  // 2147483647.5 rounds to 2^31 (out of range) or down to 2^31-1.
  expect_modes([](RM rm) { return call(cvt_w_d, 0x41dfffffffe00000ull, rm); },
               {Out{I32(kI32Max), NV},
                {I32(kI32Max), NX},
                {I32(kI32Max), NX},
                {I32(kI32Max), NV},
                {I32(kI32Max), NV}});
  // -2147483648.5: RNE picks the even -2^31 (in range, NX); RDN and RMM
  // reach -2^31-1 (out of range, NV) -- same value, different flags.
  expect_modes([](RM rm) { return call(cvt_w_d, 0xc1e0000000100000ull, rm); },
               {Out{I32(kI32Min), NX},
                {I32(kI32Min), NX},
                {I32(kI32Min), NV},
                {I32(kI32Min), NX},
                {I32(kI32Min), NV}});
  // Unsigned 32-bit limits: 2^32-1 fits exactly, 2^32 does not.
  expect_all_modes([](RM rm) { return call(cvt_wu_d, 0x41efffffffe00000ull, rm); },
                   {0xffffffff, 0});
  expect_all_modes([](RM rm) { return call(cvt_wu_d, 0x41f0000000000000ull, rm); },
                   {0xffffffff, NV});
  expect_modes([](RM rm) { return call(cvt_wu_d, 0x41efffffffF00000ull, rm); },  // 4294967295.5
               {Out{0xffffffff, NV},
                {0xffffffff, NX},
                {0xffffffff, NX},
                {0xffffffff, NV},
                {0xffffffff, NV}});
  // 64-bit limits.
  expect_all_modes([](RM rm) { return call(cvt_l_s, 0x5f000000u, rm); },
                   {I64(kI64Max), NV});  // 2^63
  expect_all_modes([](RM rm) { return call(cvt_l_s, 0xdf000000u, rm); },
                   {I64(kI64Min), 0});  // -2^63
  expect_all_modes([](RM rm) { return call(cvt_lu_s, 0x5f800000u, rm); },
                   {~uint64_t{0}, NV});  // 2^64
  expect_all_modes([](RM rm) { return call(cvt_lu_s, 0x5f7fffffu, rm); }, {0xffffff0000000000, 0});
  expect_all_modes([](RM rm) { return call(cvt_l_d, 0x43e0000000000000ull, rm); },
                   {I64(kI64Max), NV});
  expect_all_modes([](RM rm) { return call(cvt_l_d, 0xc3e0000000000000ull, rm); },
                   {I64(kI64Min), 0});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, kMaxD | kNegZeroD, rm); }, {0, NV});
}

TEST(FpToInt, NegativeToUnsigned) {
  // -0.9 to unsigned: RTZ and RUP give 0 (in range, NX); the modes that
  // reach -1 are out of range (NV).
  constexpr uint32_t kMinus0p9 = 0xbf666666;
  expect_modes([](RM rm) { return call(cvt_wu_s, kMinus0p9, rm); },
               {Out{0, NV}, {0, NX}, {0, NV}, {0, NX}, {0, NV}});
  // -1.0 is out of range for unsigned in every mode.
  expect_all_modes([](RM rm) { return call(cvt_wu_s, kNegOne, rm); }, {0, NV});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, 0xbff0000000000000ull, rm); }, {0, NV});
  // -0.5: RNE rounds to (-)0 (NX); RMM and RDN to -1 (NV).
  expect_modes([](RM rm) { return call(cvt_lu_d, 0xbfe0000000000000ull, rm); },
               {Out{0, NX}, {0, NX}, {0, NV}, {0, NX}, {0, NV}});
  // -0.0 is just zero.
  expect_all_modes([](RM rm) { return call(cvt_wu_s, kNegZero, rm); }, {0, 0});
  expect_all_modes([](RM rm) { return call(cvt_lu_d, kNegZeroD, rm); }, {0, 0});
}

TEST(FpToInt, Subnormals) {
  expect_modes([](RM rm) { return call(cvt_w_s, kMinSub, rm); },
               {Out{0, NX}, {0, NX}, {0, NX}, {1, NX}, {0, NX}});
  expect_modes([](RM rm) { return call(cvt_w_s, kMinSub | 0x80000000u, rm); },
               {Out{0, NX}, {0, NX}, {I32(-1), NX}, {0, NX}, {0, NX}});
  expect_modes([](RM rm) { return call(cvt_wu_s, kMinSub | 0x80000000u, rm); },
               {Out{0, NX}, {0, NX}, {0, NV}, {0, NX}, {0, NX}});
  expect_modes([](RM rm) { return call(cvt_lu_d, kMinSubD, rm); },
               {Out{0, NX}, {0, NX}, {0, NX}, {1, NX}, {0, NX}});
}

// ---------------------------------------------------------------- int -> float

TEST(FpFromInt, Ties) {
  // 2^24+1 is halfway between 2^24 (0x4b800000, even) and 2^24+2.
  expect_modes([](RM rm) { return call(cvt_s_w, int32_t{16777217}, rm); }, {Out{0x4b800000, NX},
                                                                            {0x4b800000, NX},
                                                                            {0x4b800000, NX},
                                                                            {0x4b800001, NX},
                                                                            {0x4b800001, NX}});
  expect_modes([](RM rm) { return call(cvt_s_w, int32_t{-16777217}, rm); }, {Out{0xcb800000, NX},
                                                                             {0xcb800000, NX},
                                                                             {0xcb800001, NX},
                                                                             {0xcb800000, NX},
                                                                             {0xcb800001, NX}});
  // 2^24+3 is halfway between 2^24+2 (odd significand) and 2^24+4.
  expect_modes([](RM rm) { return call(cvt_s_l, int64_t{16777219}, rm); }, {Out{0x4b800002, NX},
                                                                            {0x4b800001, NX},
                                                                            {0x4b800001, NX},
                                                                            {0x4b800002, NX},
                                                                            {0x4b800002, NX}});
  // 2^53+1 to double.
  expect_modes([](RM rm) { return call(cvt_d_l, int64_t{9007199254740993}, rm); },
               {Out{0x4340000000000000, NX},
                {0x4340000000000000, NX},
                {0x4340000000000000, NX},
                {0x4340000000000001, NX},
                {0x4340000000000001, NX}});
}

TEST(FpFromInt, LimitsAndExactness) {
  expect_all_modes([](RM rm) { return call(cvt_s_w, kI32Min, rm); }, {0xcf000000, 0});
  expect_all_modes([](RM rm) { return call(cvt_s_l, kI64Min, rm); }, {0xdf000000, 0});
  expect_all_modes([](RM rm) { return call(cvt_d_w, kI32Min, rm); }, {0xc1e0000000000000, 0});
  expect_all_modes([](RM rm) { return call(cvt_d_wu, 0xffffffffu, rm); }, {0x41efffffffe00000, 0});
  expect_all_modes([](RM rm) { return call(cvt_d_l, kI64Min, rm); }, {0xc3e0000000000000, 0});
  // Integer zero is +0, even when rounding down.
  expect_all_modes([](RM rm) { return call(cvt_s_w, int32_t{0}, rm); }, {0, 0});
  expect_all_modes([](RM rm) { return call(cvt_d_lu, uint64_t{0}, rm); }, {0, 0});
  // 2^32-1 to single: between 2^32-256 (0x4f7fffff) and 2^32 (0x4f800000), above the midpoint.
  expect_modes([](RM rm) { return call(cvt_s_wu, 0xffffffffu, rm); }, {Out{0x4f800000, NX},
                                                                       {0x4f7fffff, NX},
                                                                       {0x4f7fffff, NX},
                                                                       {0x4f800000, NX},
                                                                       {0x4f800000, NX}});
  expect_modes([](RM rm) { return call(cvt_s_lu, ~uint64_t{0}, rm); }, {Out{0x5f800000, NX},
                                                                        {0x5f7fffff, NX},
                                                                        {0x5f7fffff, NX},
                                                                        {0x5f800000, NX},
                                                                        {0x5f800000, NX}});
  expect_modes([](RM rm) { return call(cvt_d_lu, ~uint64_t{0}, rm); }, {Out{0x43f0000000000000, NX},
                                                                        {0x43efffffffffffff, NX},
                                                                        {0x43efffffffffffff, NX},
                                                                        {0x43f0000000000000, NX},
                                                                        {0x43f0000000000000, NX}});
  expect_modes([](RM rm) { return call(cvt_d_l, kI64Max, rm); },  // 2^63-1 rounds to 2^63 (nearest)
               {Out{0x43e0000000000000, NX},
                {0x43dfffffffffffff, NX},
                {0x43dfffffffffffff, NX},
                {0x43e0000000000000, NX},
                {0x43e0000000000000, NX}});
}

// ---------------------------------------------------------------- between formats

TEST(FpConvert, DoubleToSingleRounding) {
  // 1 + 2^-24: halfway between 1.0f and 1+2^-23.
  expect_modes([](RM rm) { return call(cvt_s_d, 0x3ff0000010000000ull, rm); },
               {Out{kOne, NX}, {kOne, NX}, {kOne, NX}, {0x3f800001, NX}, {0x3f800001, NX}});
  expect_modes(
      [](RM rm) { return call(cvt_s_d, 0xbff0000010000000ull, rm); },
      {Out{kNegOne, NX}, {kNegOne, NX}, {0xbf800001, NX}, {kNegOne, NX}, {0xbf800001, NX}});
  // Overflow: 2^1000.
  expect_modes(
      [](RM rm) { return call(cvt_s_d, 0x7e70000000000000ull, rm); },
      {Out{kInf, OF | NX}, {kMax, OF | NX}, {kMax, OF | NX}, {kInf, OF | NX}, {kInf, OF | NX}});
  expect_modes([](RM rm) { return call(cvt_s_d, 0xfe70000000000000ull, rm); },
               {Out{kNegInf, OF | NX},
                {kNegMax, OF | NX},
                {kNegInf, OF | NX},
                {kNegMax, OF | NX},
                {kNegInf, OF | NX}});
  // The smallest double subnormal is far below half of 2^-149.
  expect_modes([](RM rm) { return call(cvt_s_d, kMinSubD, rm); },
               {Out{0, UF | NX}, {0, UF | NX}, {0, UF | NX}, {kMinSub, UF | NX}, {0, UF | NX}});
  expect_modes([](RM rm) { return call(cvt_s_d, kMinSubD | kNegZeroD, rm); },
               {Out{kNegZero, UF | NX},
                {kNegZero, UF | NX},
                {0x80000001, UF | NX},
                {kNegZero, UF | NX},
                {kNegZero, UF | NX}});
  // Exact conversions.
  expect_all_modes([](RM rm) { return call(cvt_s_d, 0x3ff8000000000000ull, rm); }, {0x3fc00000, 0});
  expect_all_modes([](RM rm) { return call(cvt_s_d, 0x36a0000000000000ull, rm); },
                   {kMinSub, 0});  // 2^-149
}

TEST(FpConvert, DoubleToSingleTininessAfterRounding) {
  // 2^-126 (1 - 2^-25): the unbounded-exponent midpoint below 2^-126.
  // RNE (even) and RMM (away) both reach 2^-126: not tiny, no UF.
  expect_modes([](RM rm) { return call(cvt_s_d, 0x380ffffff0000000ull, rm); }, {Out{kMinNormal, NX},
                                                                                {kMaxSub, UF | NX},
                                                                                {kMaxSub, UF | NX},
                                                                                {kMinNormal, NX},
                                                                                {kMinNormal, NX}});
  // 2^-126 (1 - 2^-25 - 2^-30): rounded to nearest 24-bit value with an
  // unbounded exponent it is 2^-126 (1 - 2^-24) < 2^-126, so tiny; yet the
  // actual rounding on the subnormal grid (spacing 2^-149, and the value is
  // 2^-151 + 2^-156 below 2^-126) gives 2^-126. Result min normal, with UF.
  // RUP rounds up to 2^-126 in both views: not tiny.
  expect_modes([](RM rm) { return call(cvt_s_d, 0x380fffffef800000ull, rm); },
               {Out{kMinNormal, UF | NX},
                {kMaxSub, UF | NX},
                {kMaxSub, UF | NX},
                {kMinNormal, NX},
                {kMinNormal, UF | NX}});
}

TEST(FpConvert, DoubleToSingleSpecials) {
  expect_all_modes([](RM rm) { return call(cvt_s_d, kSNaND, rm); }, {kQNaN, NV});
  expect_all_modes([](RM rm) { return call(cvt_s_d, kNegQNaND, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(cvt_s_d, 0x7ff8000012345678ull, rm); }, {kQNaN, 0});
  expect_all_modes([](RM rm) { return call(cvt_s_d, kInfD, rm); }, {kInf, 0});
  expect_all_modes([](RM rm) { return call(cvt_s_d, kNegInfD, rm); }, {kNegInf, 0});
  expect_all_modes([](RM rm) { return call(cvt_s_d, kNegZeroD, rm); }, {kNegZero, 0});
}

TEST(FpConvert, SingleToDoubleIsExact) {
  EXPECT_EQ(call(cvt_d_s, 0x3fc00000u), (Out{0x3ff8000000000000, 0}));
  EXPECT_EQ(call(cvt_d_s, kMinSub), (Out{0x36a0000000000000, 0}));  // 2^-149 is normal in double
  EXPECT_EQ(call(cvt_d_s, kMax), (Out{0x47efffffe0000000, 0}));
  EXPECT_EQ(call(cvt_d_s, kNegInf), (Out{kNegInfD, 0}));
  EXPECT_EQ(call(cvt_d_s, kNegZero), (Out{kNegZeroD, 0}));
  EXPECT_EQ(call(cvt_d_s, kSNaN), (Out{kQNaND, NV}));
  EXPECT_EQ(call(cvt_d_s, kNegQNaN), (Out{kQNaND, 0}));
  EXPECT_EQ(call(cvt_d_s, kNaNPayload), (Out{kQNaND, 0}));
}

// ---------------------------------------------------------------- host state

// Restores the default MXCSR around tests that change it.
class FpHostState : public ::testing::Test {
 protected:
  void SetUp() override { saved_ = _mm_getcsr(); }
  void TearDown() override { _mm_setcsr(saved_); }
  unsigned saved_ = 0;
};

TEST_F(FpHostState, DefaultMxcsrIsLeftUntouched) {
  _mm_setcsr(0x1f80);
  uint32_t f = 0;
  add_s(kOne, kP2m24, RM::RUP, f);  // raises PE under a non-default mode
  div_d(kOneD, 0, RM::RTZ, f);      // raises ZE
  fmadd_s(kMax, kTwo, kOne, RM::RDN, f);
  EXPECT_EQ(_mm_getcsr(), 0x1f80u);
}

TEST_F(FpHostState, CallerRoundingModeIsKeptAndIgnored) {
  ASSERT_EQ(std::fesetround(FE_TOWARDZERO), 0);
  EXPECT_EQ(call(add_s, kOne, kP2m24, RM::RUP), (Out{0x3f800001, NX}));
  EXPECT_EQ(call(add_d, kOneD, kP2m53D, RM::RNE), (Out{kOneD, NX}));
  EXPECT_EQ(call(sqrt_d, kTwoD, RM::RNE), (Out{0x3ff6a09e667f3bcd, NX}));
  EXPECT_EQ(std::fegetround(), FE_TOWARDZERO);
}

TEST_F(FpHostState, CallerStickyFlagsDoNotLeak) {
  // The caller's MXCSR already has PE/UE/OE/ZE/IE set: an exact operation
  // must still report no flags.
  _mm_setcsr(0x1f80 | 0x3d);
  EXPECT_EQ(call(add_s, kOne, kOne, RM::RNE), (Out{kTwo, 0}));
  EXPECT_EQ(call(mul_d, kTwoD, kTwoD, RM::RDN), (Out{0x4010000000000000, 0}));
  EXPECT_EQ(_mm_getcsr() & 0x3fu, 0u);  // documented: status flags end up cleared
}

TEST_F(FpHostState, CallerFlushToZeroAndDenormalsAreZeroAreOverridden) {
  _mm_setcsr(0x1f80 | 0x8000 | 0x0040);  // FTZ | DAZ
  EXPECT_EQ(call(mul_s, kMinNormal, kHalf, RM::RNE), (Out{0x00400000, 0}));
  EXPECT_EQ(call(add_s, kMinSub, kPosZero, RM::RNE), (Out{kMinSub, 0}));
  EXPECT_EQ(call(fmadd_d, kMinSubD, kOneD, kMinSubD, RM::RNE), (Out{2, 0}));
  EXPECT_EQ(_mm_getcsr(), 0x1f80u | 0x8000u | 0x0040u);
}

TEST(FpFlags, AreOredNeverCleared) {
  uint32_t f = NV;
  EXPECT_EQ(add_s(kOne, kP2m24, RM::RNE, f), kOne);
  EXPECT_EQ(f, NV | NX);
  f = OF;
  EXPECT_EQ(cvt_s_w(16777217, RM::RMM, f), 0x4b800001u);
  EXPECT_EQ(f, OF | NX);
  f = DZ;
  EXPECT_EQ(cvt_w_s(kQNaN, RM::RNE, f), kI32Max);
  EXPECT_EQ(f, DZ | NV);
  f = UF;
  EXPECT_FALSE(lt_d(kQNaND, kOneD, f));
  EXPECT_EQ(f, UF | NV);
}

}  // namespace
}  // namespace vm::fp
