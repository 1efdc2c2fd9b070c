// nmfkit: one update of a factor X (k x c) with Y (k x r) fixed, on a side D
// (r x c) of the data, D ~ Y' X (see data.h). Each solver is written once and
// serves both H (D = A) and W' (D = A').
#ifndef NMFKIT_UPDATES_H
#define NMFKIT_UPDATES_H

#include <algorithm>
#include <cstddef>

#include "config.h"
#include "data.h"
#include "threads.h"

namespace nmfkit {

// Work space kept between updates: B = Y D and G = Y Y' of the last update.
struct Workspace {
  Matrix B;
  Matrix G;
};

// HALS / coordinate descent for min ||D - Y'X||^2, X >= 0 (Cichocki & Phan
// 2009), each column solved by repeated sweeps over the k coordinates on the
// k x k Gram matrix until the change of a sweep falls below a fraction of the
// first sweep's (Gillis & Glineur 2012). Columns are independent, so they run
// in parallel and the result does not depend on the thread count.
template <class Side>
void hals_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  const int k = X.rows();
  const double* G = ws.G.data();  // symmetric: column l is row l
  parallel_for(n_blocks(X.cols(), kSparseBlock), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min<int>(X.cols(), c0 + kSparseBlock);
    for (int j = c0; j < c1; ++j) {
      double* x = X.data() + static_cast<std::ptrdiff_t>(j) * k;
      const double* b = ws.B.data() + static_cast<std::ptrdiff_t>(j) * k;
      double first = -1.0;
      for (int sweep = 0; sweep < opt.hals_inner; ++sweep) {
        double change = 0.0;
        for (int l = 0; l < k; ++l) {
          const double* gl = G + static_cast<std::ptrdiff_t>(l) * k;
          const double gll = gl[l];
          if (!(gll > 0.0)) continue;  // a zero row of Y: leave this coordinate
          double grad = b[l];
          for (int p = 0; p < k; ++p) grad -= gl[p] * x[p];
          const double x_new = std::max(0.0, x[l] + grad / gll);
          const double d = x_new - x[l];
          change += d * d * gll;
          x[l] = x_new;
        }
        if (first < 0.0) first = change;
        if (change <= opt.hals_inner_tol * first) break;
      }
    }
  });
}

// The NMF package's "lee" update (Lee & Seung 2001, Frobenius):
//   X <- max(X .* (Y D), eps) ./ (Y Y' X + eps)
template <class Side>
void lee_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  const double eps = opt.eps_lee;
  parallel_for(n_blocks(X.cols(), kDenseBlock), opt.threads, [&](int blk) {
    const int c0 = blk * kDenseBlock, b = std::min<int>(kDenseBlock, X.cols() - c0);
    Matrix den = ws.G * X.middleCols(c0, b);
    for (int j = 0; j < b; ++j)
      for (int l = 0; l < X.rows(); ++l) {
        const double t = X(l, c0 + j) * ws.B(l, c0 + j);
        X(l, c0 + j) = (t > eps ? t : eps) / (den(l, j) + eps);
      }
  });
}

// The NMF package's "brunet" update (Lee & Seung 2001, KL divergence):
//   X <- X .* (Y (D ./ (Y'X))) ./ rowSums(Y)
template <class Side>
void kl_mu_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt) {
  D.kl_num(Y, X, ws.B, opt.threads);
  Vector ysum = Y.rowwise().sum();
  for (int j = 0; j < X.cols(); ++j)
    for (int l = 0; l < X.rows(); ++l)
      if (ysum(l) > 0.0) X(l, j) = X(l, j) * ws.B(l, j) / ysum(l);  // else: no information, keep
}

}  // namespace nmfkit

#endif  // NMFKIT_UPDATES_H
