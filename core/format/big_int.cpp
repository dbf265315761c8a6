// BigInt: conversions to and from machine integers and doubles (rounded as float(int) rounds),
// decimal text, and sums of signed magnitudes.
#include "core/format/big_int.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>

namespace bufferlab {

BigInt BigInt::from_uint64(std::uint64_t v) {
  BigInt r;
  while (v != 0) {
    r.limbs_.push_back(static_cast<std::uint32_t>(v));
    v >>= 32;
  }
  return r;
}

BigInt BigInt::from_int64(std::int64_t v) {
  // The magnitude of INT64_MIN does not fit int64, so negate in unsigned arithmetic.
  std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  BigInt r = from_uint64(magnitude);
  r.negative_ = v < 0;
  return r;
}

static std::optional<std::uint64_t> magnitude_u64(const std::vector<std::uint32_t>& limbs) {
  if (limbs.size() > 2) return std::nullopt;
  std::uint64_t m = 0;
  for (std::size_t i = limbs.size(); i-- > 0;) m = (m << 32) | limbs[i];
  return m;
}

bool BigInt::fits_int64() const {
  auto m = magnitude_u64(limbs_);
  if (!m) return false;
  return negative_ ? *m <= (std::uint64_t{1} << 63) : *m < (std::uint64_t{1} << 63);
}

bool BigInt::fits_uint64() const { return !negative_ && magnitude_u64(limbs_).has_value(); }

std::int64_t BigInt::to_int64() const {
  std::uint64_t m = *magnitude_u64(limbs_);
  return negative_ ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
}

std::uint64_t BigInt::to_uint64() const { return *magnitude_u64(limbs_); }

bool BigInt::to_double(double& out) const {
  if (limbs_.empty()) {
    out = 0.0;
    return true;
  }
  std::size_t bits = 32 * (limbs_.size() - 1) + (32 - std::countl_zero(limbs_.back()));
  double magnitude;
  if (bits <= 64) {
    magnitude = static_cast<double>(*magnitude_u64(limbs_));  // the conversion rounds correctly
  } else {
    // Keep the top 64 bits and fold every lower bit into a sticky bit 0: with 11 bits below the
    // 53-bit mantissa, one conversion then rounds half to even exactly as float(int) does.
    std::size_t shift = bits - 64;
    std::uint64_t top = 0;
    bool sticky = false;
    for (std::size_t bit = 0; bit < bits; ++bit) {
      bool set = (limbs_[bit / 32] >> (bit % 32)) & 1u;
      if (bit < shift) {
        sticky = sticky || set;
      } else if (set) {
        top |= std::uint64_t{1} << (bit - shift);
      }
    }
    if (sticky) top |= 1;
    if (shift > 2000) return false;
    magnitude = std::ldexp(static_cast<double>(top), static_cast<int>(shift));
  }
  if (std::isinf(magnitude)) return false;
  out = negative_ ? -magnitude : magnitude;
  return true;
}

std::string BigInt::to_decimal() const {
  if (limbs_.empty()) return "0";
  std::vector<std::uint32_t> work = limbs_;
  std::string digits;
  while (!work.empty()) {
    std::uint64_t remainder = 0;
    for (std::size_t i = work.size(); i-- > 0;) {
      std::uint64_t cur = (remainder << 32) | work[i];
      work[i] = static_cast<std::uint32_t>(cur / 1000000000u);
      remainder = cur % 1000000000u;
    }
    while (!work.empty() && work.back() == 0) work.pop_back();
    for (int k = 0; k < 9; ++k) {
      digits.push_back(static_cast<char>('0' + remainder % 10));
      remainder /= 10;
      if (work.empty() && remainder == 0) break;
    }
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (negative_) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

void BigInt::push_digit(unsigned base, unsigned digit) {
  std::uint64_t carry = digit;
  for (auto& limb : limbs_) {
    std::uint64_t cur = static_cast<std::uint64_t>(limb) * base + carry;
    limb = static_cast<std::uint32_t>(cur);
    carry = cur >> 32;
  }
  if (carry != 0) limbs_.push_back(static_cast<std::uint32_t>(carry));
}

int BigInt::compare_magnitude(const BigInt& a, const BigInt& b) {
  if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
  for (std::size_t i = a.limbs_.size(); i-- > 0;) {
    if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
  }
  return 0;
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.negative_ == b.negative_) {
    std::uint64_t carry = 0;
    std::size_t n = std::max(a.limbs_.size(), b.limbs_.size());
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t sum = carry;
      if (i < a.limbs_.size()) sum += a.limbs_[i];
      if (i < b.limbs_.size()) sum += b.limbs_[i];
      r.limbs_.push_back(static_cast<std::uint32_t>(sum));
      carry = sum >> 32;
    }
    if (carry != 0) r.limbs_.push_back(static_cast<std::uint32_t>(carry));
    r.negative_ = a.negative_ && !r.limbs_.empty();
    return r;
  }
  int cmp = BigInt::compare_magnitude(a, b);
  if (cmp == 0) return r;
  const BigInt& big = cmp > 0 ? a : b;
  const BigInt& small = cmp > 0 ? b : a;
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < big.limbs_.size(); ++i) {
    std::int64_t diff = static_cast<std::int64_t>(big.limbs_[i]) - borrow -
                        (i < small.limbs_.size() ? static_cast<std::int64_t>(small.limbs_[i]) : 0);
    borrow = diff < 0 ? 1 : 0;
    if (diff < 0) diff += std::int64_t{1} << 32;
    r.limbs_.push_back(static_cast<std::uint32_t>(diff));
  }
  while (!r.limbs_.empty() && r.limbs_.back() == 0) r.limbs_.pop_back();
  r.negative_ = big.negative_ && !r.limbs_.empty();
  return r;
}

}  // namespace bufferlab
