// Internal: turns the bit-pattern strings of rv64.inc and rv64c.inc into mask/match tests at
// compile time, so a typo in a table is a compile error rather than a wrong decode.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vm::isa::detail {

struct BitPattern {
  uint32_t mask = 0;   // the fixed ('0'/'1') bits
  uint32_t match = 0;  // their values
  // Fields that must not be all zero (UPPERCASE letters in rv64c.inc); 0 = unused slot.
  std::array<uint32_t, 2> nonzero{};

  constexpr bool matches(uint32_t bits) const {
    return (bits & mask) == match && (nonzero[0] == 0 || (bits & nonzero[0]) != 0) &&
           (nonzero[1] == 0 || (bits & nonzero[1]) != 0);
  }
};

// `text` has one character per bit, most significant first. Throwing in a consteval function
// makes an invalid pattern fail to compile.
consteval BitPattern parse_bit_pattern(std::string_view text, std::size_t width) {
  if (text.size() != width) throw "bit pattern has the wrong number of characters";
  BitPattern pattern;
  std::array<char, 2> nonzero_letters{};
  for (std::size_t i = 0; i < width; ++i) {
    const uint32_t bit = uint32_t{1} << (width - 1 - i);
    const char c = text[i];
    if (c == '0' || c == '1') {
      pattern.mask |= bit;
      if (c == '1') pattern.match |= bit;
    } else if (c >= 'A' && c <= 'Z') {
      std::size_t slot = 0;
      while (slot < nonzero_letters.size() && nonzero_letters[slot] != 0 &&
             nonzero_letters[slot] != c) {
        ++slot;
      }
      if (slot == nonzero_letters.size()) throw "too many must-be-nonzero fields in a pattern";
      nonzero_letters[slot] = c;
      pattern.nonzero[slot] |= bit;
    } else if (c < 'a' || c > 'z') {
      throw "bit pattern characters are 0, 1 or letters";
    }
  }
  return pattern;
}

}  // namespace vm::isa::detail
