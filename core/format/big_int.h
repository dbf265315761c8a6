// Python's int for literals and struct's range checks: integers of any size, with the conversions
// and the sums that typed values need.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bufferlab {

// An integer of any size, as Python's int: a sign and a magnitude in 32-bit limbs, least
// significant first, with no high zero limbs (zero has no limbs).
class BigInt {
 public:
  BigInt() = default;
  static BigInt from_int64(std::int64_t v);
  static BigInt from_uint64(std::uint64_t v);

  bool negative() const { return negative_; }
  bool is_zero() const { return limbs_.empty(); }
  // Whether the value lies in [lo, hi]; out when not.
  bool fits_int64() const;
  bool fits_uint64() const;
  std::int64_t to_int64() const;    // requires fits_int64()
  std::uint64_t to_uint64() const;  // requires fits_uint64()
  // Correctly rounded (half to even), like float(int); false when it overflows a double.
  bool to_double(double& out) const;
  std::string to_decimal() const;

  void negate() { negative_ = !negative_ && !limbs_.empty(); }
  // Appends one digit in `base` (magnitude = magnitude * base + digit).
  void push_digit(unsigned base, unsigned digit);
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b) {
    BigInt nb = b;
    nb.negate();
    return a + nb;
  }
  friend bool operator==(const BigInt&, const BigInt&) = default;

 private:
  static int compare_magnitude(const BigInt& a, const BigInt& b);
  bool negative_ = false;
  std::vector<std::uint32_t> limbs_;
};

}  // namespace bufferlab
