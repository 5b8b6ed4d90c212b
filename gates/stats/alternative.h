// The alternative hypothesis of a two-sample test, shared by the rank and t tests.
#pragma once

namespace perfgate::stats {

// `less` means x tends to be smaller than y (x is the first sample); `greater` the opposite.
enum class Alternative { two_sided, less, greater };

}  // namespace perfgate::stats
