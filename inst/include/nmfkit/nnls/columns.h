// nmfkit: exact NNLS of every column of a factor at once, in parallel:
// x_j = argmin_{x >= 0} 1/2 x'(G + L2 I)x - (b_j - L1)'x for the columns b_j of
// B. Ranks up to 6 run the compile-time solver (small.h), larger ones nnls_bpp.
#ifndef NMFKIT_NNLS_COLUMNS_H
#define NMFKIT_NNLS_COLUMNS_H

#include <algorithm>
#include <memory>
#include <vector>

#include "../config.h"
#include "../core/rank.h"
#include "../core/threads.h"
#include "../model.h"
#include "bpp.h"
#include "small.h"

namespace nmfkit {

// Columns per parallel work item for the NNLS solves of one update.
constexpr int kNnlsBlock = 128;

// nnls_bpp behind SmallNnls's interface: one work space (and factor cache)
// shared by all the columns a thread solves against G.
class RuntimeNnls {
 public:
  explicit RuntimeNnls(const Matrix& G) : G_(G), work_(static_cast<int>(G.rows())) {}
  void solve(const double* b, double* x) { nnls_bpp(G_, b, x, static_cast<int>(G_.rows()), work_); }

 private:
  const Matrix& G_;
  NnlsWork work_;
};

// The solver of rank K (0: known at run time).
template <int K>
struct NnlsFor {
  using type = SmallNnls<K>;
};
template <>
struct NnlsFor<0> {
  using type = RuntimeNnls;
};

// nnls_columns with the rank K of with_rank (0: run time) and Gp = G + L2 I.
// One solver per thread, shared by all its columns; its cache only saves
// work, so results do not depend on the thread count.
template <int K>
void nnls_columns_k(const Matrix& Gp, const Matrix& B, Matrix& X, int threads, double l1) {
  using Solver = typename NnlsFor<K>::type;
  const int k = K > 0 ? K : static_cast<int>(X.rows()), c = static_cast<int>(X.cols());
  std::vector<std::unique_ptr<Solver>> works(std::max(threads, 1));
  parallel_for(n_blocks(c, kNnlsBlock), threads, [&](int blk) {
    const int c0 = blk * kNnlsBlock, c1 = std::min(c, c0 + kNnlsBlock);
    std::unique_ptr<Solver>& work = works[threads > 1 ? thread_index() : 0];
    if (!work) work.reset(new Solver(Gp));
    double b_fixed[K > 0 ? K : 1];
    std::vector<double> b_run(K > 0 ? 0 : k);
    double* b = K > 0 ? b_fixed : b_run.data();
    for (int j = c0; j < c1; ++j) {
      const double* bj = col_ptr(B, j);
      for (int l = 0; l < k; ++l) b[l] = bj[l] - l1;
      work->solve(b, col_ptr(X, j));
    }
  });
}

// Solves every column of X as NNLS with Gram G and right-hand sides B, X
// holding the warm start on entry.
inline void nnls_columns(const Matrix& G, const Matrix& B, Matrix& X, int threads, Penalty pen) {
  Matrix Gp = G;
  Gp.diagonal().array() += pen.l2;
  with_rank<6>(static_cast<int>(X.rows()),
               [&](auto K) { nnls_columns_k<decltype(K)::value>(Gp, B, X, threads, pen.l1); });
}

}  // namespace nmfkit

#endif  // NMFKIT_NNLS_COLUMNS_H
