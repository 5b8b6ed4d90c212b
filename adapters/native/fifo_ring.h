// A first-in first-out queue on a growable ring buffer: no allocation once it has grown to the
// working size (unlike std::deque, which allocates and frees blocks as it moves).
#pragma once

#include <cstddef>
#include <vector>

namespace perfgate::native {

template <typename T>
class FifoRing {
 public:
  explicit FifoRing(size_t initial_capacity = 16) : slots_(round_up(initial_capacity)) {}

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const T& front() const { return slots_[head_]; }
  void pop() {
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
  }
  void push(const T& value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)] = value;
    ++size_;
  }

 private:
  static size_t round_up(size_t wanted) {
    size_t capacity = 1;
    while (capacity < wanted) capacity <<= 1;
    return capacity;
  }
  void grow() {
    std::vector<T> bigger(slots_.size() * 2);
    for (size_t i = 0; i < size_; ++i) bigger[i] = slots_[(head_ + i) & (slots_.size() - 1)];
    slots_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;
  size_t head_ = 0;
  size_t size_ = 0;
};

}  // namespace perfgate::native
