#include "vm/mem/tlb/tlb_prefetcher.h"

namespace vm::mem::tlb {

std::optional<PrefetchKind> parse_prefetch(std::string_view name) {
  if (name == "none") return PrefetchKind::None;
  if (name == "next") return PrefetchKind::NextPage;
  if (name == "stride") return PrefetchKind::Stride;
  if (name == "markov") return PrefetchKind::Markov;
  return std::nullopt;
}

std::string_view prefetch_name(PrefetchKind kind) {
  switch (kind) {
    case PrefetchKind::None: return "none";
    case PrefetchKind::NextPage: return "next";
    case PrefetchKind::Stride: return "stride";
    case PrefetchKind::Markov: return "markov";
  }
  return "none";
}

std::optional<uint64_t> TlbPrefetcher::on_miss(uint64_t vpn4k) {
  std::optional<uint64_t> prediction;
  switch (kind_) {
    case PrefetchKind::None: break;
    case PrefetchKind::NextPage: prediction = vpn4k + 1; break;
    case PrefetchKind::Stride: {
      if (last_miss_) {
        const int64_t stride = static_cast<int64_t>(vpn4k - *last_miss_);
        if (stride != 0 && stride == last_stride_) prediction = vpn4k + stride;
        last_stride_ = stride;
      }
      break;
    }
    case PrefetchKind::Markov: {
      const Successor& known = successors_[vpn4k % kMarkovEntries];
      if (known.from == vpn4k) prediction = known.next;
      if (last_miss_) successors_[*last_miss_ % kMarkovEntries] = {*last_miss_, vpn4k};
      break;
    }
  }
  last_miss_ = vpn4k;
  return prediction;
}

void TlbPrefetcher::reset() {
  last_miss_.reset();
  last_stride_ = 0;
  successors_.fill(Successor{});
}

}  // namespace vm::mem::tlb
