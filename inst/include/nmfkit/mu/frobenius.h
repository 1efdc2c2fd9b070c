// nmfkit: the NMF package's multiplicative updates for the Frobenius loss:
// "lee" and "Frobenius" (the same updates, stopped by different rules),
// "offset" (W H + an offset per row) and "pe-nmf" (pattern-expression NMF).
#ifndef NMFKIT_MU_FROBENIUS_H
#define NMFKIT_MU_FROBENIUS_H

#include <algorithm>

#include "../config.h"
#include "../core/threads.h"
#include "../data/side.h"
#include "../model.h"
#include "mu.h"

namespace nmfkit {

// Multiplicative update for the Frobenius loss (Lee & Seung 2001) as the NMF
// package computes it:  X <- max(X .* (Y D), eps) ./ (Y Y' X + extra + eps),
// where `extra` (k x c, or empty) holds the offset or penalty terms of the
// NMF package's variants. With eps = 0 (pe-nmf) a 0 / 0 entry stays 0.
template <class Side>
void mu_frobenius_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws,
                         const Options& opt, double eps, const Matrix* extra = nullptr) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  parallel_for(n_blocks(static_cast<int>(X.cols()), kDenseBlock), opt.threads, [&](int blk) {
    const int c0 = blk * kDenseBlock, b = std::min<int>(kDenseBlock, X.cols() - c0);
    Matrix den = ws.G * X.middleCols(c0, b);
    if (extra) den += extra->middleCols(c0, b);
    for (int j = 0; j < b; ++j)
      for (int l = 0; l < X.rows(); ++l) {
        const double t = X(l, c0 + j) * ws.B(l, c0 + j);
        const double d = den(l, j);
        if (eps > 0.0)
          X(l, c0 + j) = (t > eps ? t : eps) / (d + eps);
        else
          X(l, c0 + j) = (t == 0.0 || !(d > 0.0)) ? 0.0 : t / d;  // never 0 / 0
      }
  });
}

// lee and Frobenius: H, then W, then W's columns rescaled to sum 1.
template <class Data>
class Lee : public MuStep<Data> {
 public:
  using MuStep<Data>::MuStep;
  Progress step(Model& f, int) {
    mu_frobenius_update(this->data_.fwd, f.Wt, f.H, this->ws_h_, this->opt_, this->opt_.eps);
    mu_frobenius_update(this->data_.bwd, f.H, f.Wt, this->ws_w_, this->opt_, this->opt_.eps);
    unit_sum_columns(f.Wt);
    return Progress();
  }
  double objective(const Model& f) const { return 0.5 * rss(this->data_, f, this->opt_.threads); }
  double watched(const Model& f) const { return objective(f); }
};

// offset: D ~ W H + o 1', the offset o updated after W and H.
template <class Data>
class Offset : public MuStep<Data> {
 public:
  Offset(const Data& data, const Options& opt) : MuStep<Data>(data, opt), row_sums_(data.fwd.row_sums()) {}
  Progress step(Model& f, int) {
    const Options& o = this->opt_;
    Matrix extra_h = (f.Wt * f.offset).replicate(1, f.H.cols());
    mu_frobenius_update(this->data_.fwd, f.Wt, f.H, this->ws_h_, o, o.eps, &extra_h);
    Vector hsum = f.H.rowwise().sum();
    Matrix extra_w = hsum * f.offset.transpose();
    mu_frobenius_update(this->data_.bwd, f.H, f.Wt, this->ws_w_, o, o.eps, &extra_w);
    hsum = f.H.rowwise().sum();
    Vector fitted_sums = f.Wt.transpose() * hsum;
    const double n = static_cast<double>(f.H.cols());
    for (int i = 0; i < f.offset.size(); ++i)
      f.offset(i) = f.offset(i) * std::max(row_sums_(i), o.eps) / (fitted_sums(i) + n * f.offset(i) + o.eps);
    return Progress();
  }
  double objective(const Model& f) const { return 0.5 * rss(this->data_, f, this->opt_.threads); }
  double watched(const Model& f) const { return objective(f); }

 private:
  Vector row_sums_;  // of the data
};

// pe-nmf: penalties beta sum(H) and alpha sum_{i != j} w_i'w_j, with eps = 0.
template <class Data>
class PeNmf : public MuStep<Data> {
 public:
  // the NMF package's stationarity rule watches its objective function,
  // which for pe-nmf is only beta * sum(H); nmfkit follows it so that the
  // iterations agree
  static constexpr bool watches_objective = false;
  using MuStep<Data>::MuStep;
  Progress step(Model& f, int) {
    const Options& o = this->opt_;
    const int k = static_cast<int>(f.H.rows());
    Matrix extra_h = Matrix::Constant(k, f.H.cols(), o.beta);
    mu_frobenius_update(this->data_.fwd, f.Wt, f.H, this->ws_h_, o, 0.0, &extra_h);
    // alpha W M with M = 11' - I, i.e. alpha (colSums - itself) in W' terms
    Matrix extra_w = o.alpha * (f.Wt.colwise().sum().replicate(k, 1) - f.Wt);
    mu_frobenius_update(this->data_.bwd, f.H, f.Wt, this->ws_w_, o, 0.0, &extra_w);
    return Progress();
  }
  // the objective the updates descend: 1/2 rss + alpha / 2 sum_{i != j} w_i'w_j + beta sum(H)
  double objective(const Model& f) const {
    const Options& o = this->opt_;
    Matrix G = f.Wt * f.Wt.transpose();
    return 0.5 * rss(this->data_, f, o.threads) + 0.5 * o.alpha * (G.sum() - G.trace()) + o.beta * f.H.sum();
  }
  double watched(const Model& f) const { return this->opt_.beta * f.H.sum(); }
};

}  // namespace nmfkit

#endif  // NMFKIT_MU_FROBENIUS_H
