// --order input: results passed on in input order through a bounded reorder buffer.
#include "primepool/output/input_order.hpp"

namespace primepool {

void InputOrderReporter::result(const PrimeResult& r) {
  pending_.emplace(r.index, r);
  advance();
}

void InputOrderReporter::advance() {
  for (;;) {
    if (skip_ != nullptr) next_ = skip_->next_missing(next_);
    auto it = pending_.find(next_);
    if (it == pending_.end()) return;
    inner_->result(it->second);
    pending_.erase(it);
    ++next_;
  }
}

void InputOrderReporter::end(const RunSummary& s) {
  for (const auto& [index, r] : pending_) inner_->result(r);
  pending_.clear();
  inner_->end(s);
}

}  // namespace primepool
