#include "gates/stats/mann_whitney.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "gates/stats/validation.h"

namespace perfgate::stats {

namespace {

// Hard limit for the exact method: C(66, 33) < 2^63, so every count fits in int64.
constexpr std::size_t kExactMaxTotal = 66;

struct RankSummary {
  double u_x = 0;
  double tie_term = 0;  // sum over tie groups of t^3 - t
};

// Midranks of the pooled sample give U_x = R_x - n (n + 1) / 2, which equals the pair count
// with half the ties.
RankSummary rank_summary(std::span<const double> x, std::span<const double> y) {
  std::vector<double> pooled(x.begin(), x.end());
  pooled.insert(pooled.end(), y.begin(), y.end());
  std::vector<std::size_t> order(pooled.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return pooled[a] < pooled[b]; });
  RankSummary summary;
  double rank_sum_x = 0;
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end < order.size() && pooled[order[end]] == pooled[order[start]]) ++end;
    const double tie_size = static_cast<double>(end - start);
    const double midrank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t i = start; i < end; ++i) {
      if (order[i] < x.size()) rank_sum_x += midrank;
    }
    summary.tie_term += tie_size * tie_size * tie_size - tie_size;
    start = end;
  }
  const double n = static_cast<double>(x.size());
  summary.u_x = rank_sum_x - n * (n + 1) / 2.0;
  return summary;
}

// Number of arrangements giving each U in [0, n m] under the null: the coefficients of the
// Gaussian binomial [n + m choose n]_q = prod_{i=1..n} (1 - q^(m+i)) / (1 - q^i).
std::vector<std::int64_t> exact_u_counts(std::size_t n, std::size_t m) {
  std::vector<std::int64_t> counts(n * m + 1, 0);
  counts[0] = 1;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t up = m + i;  // multiply by (1 - q^up): backwards so sources are old
    for (std::size_t k = counts.size(); k-- > up;) counts[k] -= counts[k - up];
    for (std::size_t k = i; k < counts.size(); ++k) counts[k] += counts[k - i];  // / (1 - q^i)
  }
  return counts;
}

// P(U >= u) under the exact null distribution.
double exact_survival(const std::vector<std::int64_t>& counts, double u) {
  const auto first = static_cast<std::size_t>(std::max(0.0, std::ceil(u)));
  std::int64_t tail = 0;
  for (std::size_t k = first; k < counts.size(); ++k) tail += counts[k];
  const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  return static_cast<double>(tail) / static_cast<double>(total);
}

// P(U >= u) by the normal approximation with tie correction and continuity correction.
double asymptotic_survival(double u, double n, double m, double tie_term) {
  const double total = n + m;
  const double sigma =
      std::sqrt(n * m / 12.0 * ((total + 1.0) - tie_term / (total * (total - 1.0))));
  const double z = (u - n * m / 2.0 - 0.5) / sigma;
  return boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), z));
}

bool has_ties(const RankSummary& summary) {
  return summary.tie_term > 0;
}

MannWhitneyMethod choose_method(MannWhitneyMethod requested, const RankSummary& summary,
                                std::size_t total) {
  if (requested == MannWhitneyMethod::exact) {
    if (has_ties(summary)) {
      throw std::invalid_argument("mann_whitney_u: exact method needs samples without ties");
    }
    if (total > kExactMaxTotal) {
      throw std::invalid_argument("mann_whitney_u: exact method supports n + m <= 66");
    }
    return requested;
  }
  if (requested == MannWhitneyMethod::asymptotic) return requested;
  const bool small = total <= static_cast<std::size_t>(kMannWhitneyExactMaxTotal);
  return !has_ties(summary) && small ? MannWhitneyMethod::exact : MannWhitneyMethod::asymptotic;
}

}  // namespace

MannWhitneyResult mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                 Alternative alternative, MannWhitneyMethod method) {
  require_finite_sample(x, 1, "mann_whitney_u", "x");
  require_finite_sample(y, 1, "mann_whitney_u", "y");
  const RankSummary summary = rank_summary(x, y);
  const double n = static_cast<double>(x.size());
  const double m = static_cast<double>(y.size());
  const std::size_t total = x.size() + y.size();
  const double pooled_size = n + m;
  if (summary.tie_term == pooled_size * pooled_size * pooled_size - pooled_size) {
    return {n * m / 2.0, 1.0, MannWhitneyMethod::asymptotic};  // one tie group: no evidence
  }
  MannWhitneyResult result{summary.u_x, 1.0, choose_method(method, summary, total)};
  // By symmetry P(U_x <= u) = P(U_y >= n m - u), so every alternative is an upper tail.
  const double u_y = n * m - summary.u_x;
  const double tail_u = alternative == Alternative::greater ? summary.u_x
                        : alternative == Alternative::less  ? u_y
                                                            : std::max(summary.u_x, u_y);
  const double tail_factor = alternative == Alternative::two_sided ? 2.0 : 1.0;
  const double survival = result.method == MannWhitneyMethod::exact
                              ? exact_survival(exact_u_counts(x.size(), y.size()), tail_u)
                              : asymptotic_survival(tail_u, n, m, summary.tie_term);
  result.p_value = std::clamp(tail_factor * survival, 0.0, 1.0);
  return result;
}

}  // namespace perfgate::stats
