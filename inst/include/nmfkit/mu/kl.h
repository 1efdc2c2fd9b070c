// nmfkit: the NMF package's multiplicative updates for the KL divergence:
// "brunet" and "KL" (the same updates, stopped by different rules) and
// "nsNMF" (nonsmooth NMF: W replaced by W S with a smoothing matrix S).
#ifndef NMFKIT_MU_KL_H
#define NMFKIT_MU_KL_H

#include "../config.h"
#include "../model.h"
#include "mu.h"

namespace nmfkit {

// The NMF package's KL multiplicative update (brunet, KL, nsNMF):
//   X <- X .* (Y (D ./ (Y'X))) ./ rowSums(Y)
template <class Side>
void kl_mu_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt) {
  D.kl_num(Y, X, ws.B, opt.threads);
  Vector ysum = Y.rowwise().sum();
  for (int j = 0; j < X.cols(); ++j)
    for (int l = 0; l < X.rows(); ++l)
      if (ysum(l) > 0.0) X(l, j) = X(l, j) * ws.B(l, j) / ysum(l);  // else: no information, keep
}

// brunet and KL: H, then W; every 10 iterations both floored at eps against
// underflow, as the NMF package does.
template <class Data>
class Brunet : public MuStep<Data> {
 public:
  using MuStep<Data>::MuStep;
  Progress step(Model& f, int iter) {
    kl_mu_update(this->data_.fwd, f.Wt, f.H, this->ws_h_, this->opt_);
    kl_mu_update(this->data_.bwd, f.H, f.Wt, this->ws_w_, this->opt_);
    if (iter % 10 == 0) {
      f.H = f.H.cwiseMax(this->opt_.eps);
      f.Wt = f.Wt.cwiseMax(this->opt_.eps);
    }
    return Progress();
  }
  double objective(const Model& f) const { return this->data_.fwd.kl_divergence(f.Wt, f.H, this->opt_.threads); }
  double watched(const Model& f) const { return objective(f); }
};

// The nsNMF smoothing matrix S = (1 - theta) I + theta / k 11'.
inline Matrix smoothing(int k, double theta) {
  Matrix S = Matrix::Constant(k, k, theta / k);
  S.diagonal().array() += 1.0 - theta;
  return S;
}

// nsNMF: H against W S, W against S H, then W's columns rescaled to sum 1.
template <class Data>
class NsNmf : public MuStep<Data> {
 public:
  NsNmf(const Data& data, const Options& opt, int k) : MuStep<Data>(data, opt), S_(smoothing(k, opt.theta)) {}
  Progress step(Model& f, int) {
    Matrix Y = S_ * f.Wt;  // (W S)'
    kl_mu_update(this->data_.fwd, Y, f.H, this->ws_h_, this->opt_);
    Matrix SH = S_ * f.H;
    kl_mu_update(this->data_.bwd, SH, f.Wt, this->ws_w_, this->opt_);
    unit_sum_columns(f.Wt);
    return Progress();
  }
  double objective(const Model& f) const {
    return this->data_.fwd.kl_divergence(S_ * f.Wt, f.H, this->opt_.threads);
  }
  double watched(const Model& f) const { return objective(f); }

 private:
  Matrix S_;
};

}  // namespace nmfkit

#endif  // NMFKIT_MU_KL_H
