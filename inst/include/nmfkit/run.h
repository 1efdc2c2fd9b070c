// nmfkit: the core's entry points. run() fits any method (snmf/r and snmf/l
// have their own driver, the others the alternating engine); project() gives
// the coefficients of data on a fixed basis.
#ifndef NMFKIT_RUN_H
#define NMFKIT_RUN_H

#include <stdexcept>

#include "config.h"
#include "data/dense.h"
#include "data/sparse.h"
#include "engine/fit.h"
#include "mask.h"
#include "model.h"
#include "nnls/columns.h"
#include "snmf/snmf.h"

namespace nmfkit {

// One fit of `data` from the start (W0, H0, offset0) by opt.method, stopped by
// opt.stop. `mask` (or null) leaves cells out, for the methods that take one.
template <class Data>
Result run(const Data& data, const Matrix& W0, const Matrix& H0, const Vector& offset0, const Options& opt,
           const Callbacks& cb, const Mask* mask = nullptr) {
  const bool snmf = opt.method == Method::snmf_r || opt.method == Method::snmf_l;
  if (snmf != (opt.stop == StopRule::snmf))
    throw std::invalid_argument("nmfkit: snmf/r and snmf/l stop by the snmf rule, and only they do");
  if (opt.method == Method::snmf_r) return snmf_fit(data.fwd, data.bwd, W0, opt.eta, opt, cb);
  if (opt.method == Method::snmf_l) {
    // snmf/l is snmf/r of the transposed data, its factors swapped back
    Result r = snmf_fit(data.bwd, data.fwd, Matrix(H0.transpose()), opt.eta, opt, cb);
    Matrix w = r.H.transpose();
    r.H = r.W.transpose();
    r.W = std::move(w);
    return r;
  }
  return fit(data, W0, H0, offset0, opt, cb, mask);
}

// argmin_{H >= 0} 1/2 ||A - W H||^2 + L1 sum(H) + L2 / 2 ||H||^2, column by
// column (exact NNLS), in parallel.
template <class Data>
Matrix project(const Data& data, const Matrix& W, Penalty pen, int threads) {
  const Matrix Wt = W.transpose();
  const Matrix G = Wt * W;
  Matrix B, H = Matrix::Zero(W.cols(), data.fwd.cols());
  data.fwd.mult(Wt, B, threads);
  nnls_columns(G, B, H, threads, pen);
  return H;
}

}  // namespace nmfkit

#endif  // NMFKIT_RUN_H
