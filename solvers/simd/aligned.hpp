// Cache-line-aligned storage for the SIMD kernels: a 64-byte vector load that straddles two cache lines costs two
// loads, so rows and iterates start on a line (and rows of a multiple of 8 doubles stay on one).
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace irverify {

template <class T> struct CacheAligned {
  using value_type = T;
  static constexpr std::align_val_t kAlign{64};
  CacheAligned() = default;
  template <class U> CacheAligned(const CacheAligned<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, kAlign); }
  template <class U> bool operator==(const CacheAligned<U>&) const { return true; }
  template <class U> bool operator!=(const CacheAligned<U>&) const { return false; }
};

template <class T> using AlignedVector = std::vector<T, CacheAligned<T>>;

}  // namespace irverify
