// Test helper: whether this build runs under AddressSanitizer. Its allocator keeps freed
// memory mapped (quarantined), so reading memory a script freed is a reported use-after-free
// there rather than an unmapped address, and its shadow memory inflates resident sizes: the
// tests of those two behaviours run in the normal build only.
#pragma once

namespace bufferlab::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif

}  // namespace bufferlab::testing
