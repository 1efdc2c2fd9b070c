// nmfkit: the alternating engine. Updates H then W every iteration with the
// chosen method, applies the method's stopping rule, keeps the objective
// track and answers the interrupt callback. snmf/r and snmf/l have their own
// driver (snmf.h).
#ifndef NMFKIT_ENGINE_H
#define NMFKIT_ENGINE_H

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "config.h"
#include "data.h"
#include "masked.h"
#include "stop.h"
#include "updates.h"

namespace nmfkit {

inline bool is_fast(Method m) { return m == Method::hals || m == Method::anls || m == Method::kl; }

// The nsNMF smoothing matrix S = (1 - theta) I + theta / k 11'.
inline Matrix smoothing(int k, double theta) {
  Matrix S = Matrix::Constant(k, k, theta / k);
  S.diagonal().array() += 1.0 - theta;
  return S;
}

// The factorization being fitted: W' (k x m), H (k x n) and, for the offset
// method, one offset per row.
struct Model {
  Matrix Wt, H;
  Vector offset;
};

// Residual sum of squares of D ~ W H + offset 1'.
template <class Data>
double rss(const Data& data, const Model& f, int threads) {
  double e = data.fwd.sq_error(f.Wt, f.H, threads);
  if (f.offset.size() == 0) return e;
  // ||R - o 1'||^2 = ||R||^2 - 2 o'(rowSums(A) - W rowSums(H)) + n ||o||^2
  Vector r = data.fwd.row_sums() - f.Wt.transpose() * f.H.rowwise().sum();
  return e - 2.0 * f.offset.dot(r) + static_cast<double>(f.H.cols()) * f.offset.squaredNorm();
}

// sum(((A - W H) * weight)^2) / 2, the NMF package's ls-nmf objective.
inline double weighted_sq_error(const DenseData& data, const Model& f, const double* weight) {
  const Eigen::Map<const Matrix>& A = data.matrix();
  Eigen::Map<const Matrix> Wg(weight, A.rows(), A.cols());
  double s = 0.0;
  for (int c0 = 0; c0 < A.cols(); c0 += kDenseBlock) {
    const int b = std::min<int>(kDenseBlock, A.cols() - c0);
    Matrix P = f.Wt.transpose() * f.H.middleCols(c0, b);
    s += ((A.middleCols(c0, b) - P).cwiseProduct(Wg.middleCols(c0, b))).squaredNorm();
  }
  return s / 2.0;
}
inline double weighted_sq_error(const SparseData&, const Model&, const double*) {
  return std::numeric_limits<double>::quiet_NaN();  // ls-nmf is dense only (checked in R)
}

inline double penalty_of(const Matrix& Wt, const Matrix& H, const Options& o) {
  return o.l1_w * Wt.sum() + o.l1_h * H.sum() + 0.5 * o.l2_w * Wt.squaredNorm() + 0.5 * o.l2_h * H.squaredNorm();
}
inline double penalty_value(const Model& f, const Options& o) { return penalty_of(f.Wt, f.H, o); }

// Final value of the method's objective (what deviance() reports).
template <class Data>
double objective(const Data& data, const Model& f, const Options& o) {
  switch (o.method) {
    case Method::brunet:
    case Method::kl_mu:
      return data.fwd.kl_divergence(f.Wt, f.H, o.threads);
    case Method::kl:
      return data.fwd.kl_divergence(f.Wt, f.H, o.threads) + penalty_value(f, o);
    case Method::nsnmf:
      return data.fwd.kl_divergence(smoothing(f.H.rows(), o.theta) * f.Wt, f.H, o.threads);
    case Method::lsnmf:
      return weighted_sq_error(data, f, o.weight);
    case Method::penmf: {
      // the objective the pe-nmf updates descend: 1/2 rss + alpha / 2 sum_{i != j} w_i'w_j + beta sum(H)
      Matrix G = f.Wt * f.Wt.transpose();
      return 0.5 * rss(data, f, o.threads) + 0.5 * o.alpha * (G.sum() - G.trace()) + o.beta * f.H.sum();
    }
    case Method::hals:
    case Method::anls:
      return 0.5 * rss(data, f, o.threads) + penalty_value(f, o);
    default:
      return 0.5 * rss(data, f, o.threads);
  }
}

// The value the NMF package's stationarity rule watches: its objective, which
// for pe-nmf is only beta * sum(H) (its objective function drops the other
// terms); nmfkit follows it so that the iterations agree.
template <class Data>
double stop_objective(const Data& data, const Model& f, const Options& o) {
  if (o.method == Method::penmf) return o.beta * f.H.sum();
  return objective(data, f, o);
}

// One NMF package ls-nmf iteration on dense data (weights and W H dense):
//   H <- max(H .* W'(X.*V), eps) ./ (W'((WH).*V) + eps), then W likewise.
inline void lsnmf_iteration(const DenseData& data, Model& f, const Options& o) {
  const Eigen::Map<const Matrix>& A = data.matrix();
  Eigen::Map<const Matrix> V(o.weight, A.rows(), A.cols());
  Matrix W = f.Wt.transpose();
  Matrix AV = A.cwiseProduct(V);
  Matrix WHV = (W * f.H).cwiseProduct(V);
  Matrix num = W.transpose() * AV, den = W.transpose() * WHV;
  f.H = (f.H.cwiseProduct(num)).cwiseMax(o.eps).cwiseQuotient((den.array() + o.eps).matrix());
  WHV = (W * f.H).cwiseProduct(V);
  Matrix numw = AV * f.H.transpose(), denw = WHV * f.H.transpose();
  W = (W.cwiseProduct(numw)).cwiseMax(o.eps).cwiseQuotient((denw.array() + o.eps).matrix());
  f.Wt = W.transpose();
}
inline void lsnmf_iteration(const SparseData&, Model&, const Options&) {}

// Scales each row of `unit` (a factor, k x .) to unit norm (p = 2) or unit
// sum (p = 1) and the same row of `other` by the inverse, so that W H is
// unchanged.
inline void scale_rows(Matrix& unit, Matrix& other, int p) {
  for (int l = 0; l < unit.rows(); ++l) {
    const double s = p == 2 ? unit.row(l).norm() : unit.row(l).sum();
    if (s > 0.0) {
      unit.row(l) /= s;
      other.row(l) *= s;
    }
  }
}

// Scales the columns of W to unit norm (p = 2) or unit sum (p = 1), moving the
// scale into H.
inline void balance(Model& f, int p) { scale_rows(f.Wt, f.H, p); }

// Fixes the scale of a fast method's factors after each iteration. Without
// penalties W H is unchanged (columns of W scaled to unit p-norm). With a
// penalty on one factor only, the other is scaled to unit norm so that the
// penalty cannot be avoided by rescaling (the penalised problem has no
// minimum otherwise); with penalties on both, the scale is left to them.
inline void gauge(Model& f, const Options& o, int p) {
  const bool pw = o.l1_w > 0 || o.l2_w > 0, ph = o.l1_h > 0 || o.l2_h > 0;
  if (pw && ph) return;
  if (!pw) {
    balance(f, p);
    return;
  }
  scale_rows(f.H, f.Wt, p);  // penalty on W only: the rows of H get unit norm instead
}

// 1/2 ||D - Y'X||^2 from the Gram matrices of the update that gave X (ws.B =
// Y D, ws.G = Y Y'), with sqnorm = ||D||^2: no pass over the data.
inline double gram_loss(double sqnorm, const Workspace& ws, const Matrix& X) {
  return 0.5 * (sqnorm - 2.0 * ws.B.cwiseProduct(X).sum() + ws.G.cwiseProduct(X * X.transpose()).sum());
}

// Momentum for the alternating least-squares methods (Ang & Gillis 2019,
// "Accelerating nonnegative matrix factorization algorithms using
// extrapolation", Neural Computation 31(2)): H is updated against an
// extrapolated W, then extrapolated itself, H^ = max(0, H + beta (H - H_prev)),
// before W is updated against it. A step that raises the loss is thrown away:
// the next step starts again from the last accepted pair without momentum and
// beta shrinks; accepted steps let beta grow (to beta_max, which grows slowly).
// The accepted pair is (W, H^), whose loss the W update's Gram matrices give.
struct Extrapolation {
  double beta = 0.5, beta_max = 1.0;
  double loss = std::numeric_limits<double>::infinity();
  bool plain = true;  // next step without momentum (first step, after a rejection)
  Matrix Wt_hat, H_hat, Wt_prev, H_prev;
};

// Scale s_l of each factor pair that gauge() would apply: W's row l is
// divided by s_l and H's row l multiplied by it.
inline Vector gauge_scales(const Model& f, const Options& o) {
  const bool pw = o.l1_w > 0 || o.l2_w > 0, ph = o.l1_h > 0 || o.l2_h > 0;
  const int k = static_cast<int>(f.Wt.rows());
  Vector s = Vector::Ones(k);
  if (pw && ph) return s;
  for (int l = 0; l < k; ++l) {
    const double v = pw ? 1.0 / f.H.row(l).norm() : f.Wt.row(l).norm();
    if (v > 0.0 && std::isfinite(v)) s(l) = v;
  }
  return s;
}

// One extrapolated iteration. update_h(Y, X) updates H = X against W' = Y;
// update_w(Y, X) updates W' = X against H = Y and returns the objective of
// the new pair. Returns that objective, or NaN when the step was rejected
// (f unchanged).
template <class UpdateH, class UpdateW>
double extrapolated_step(Model& f, Extrapolation& e, const Options& opt, UpdateH update_h, UpdateW update_w) {
  if (e.plain) {
    e.Wt_hat = f.Wt;
    e.H_hat = f.H;
    e.Wt_prev = f.Wt;
    e.H_prev = f.H;
  }
  const double beta = e.plain ? 0.0 : e.beta;
  Matrix H1 = e.H_hat;
  update_h(e.Wt_hat, H1);
  Matrix H_hat = beta > 0.0 ? Matrix((H1 + beta * (H1 - e.H_prev)).cwiseMax(0.0)) : H1;
  Matrix Wt1 = e.Wt_hat;
  const double loss = update_w(H_hat, Wt1);
  // (a rise at the level of rounding error is not a rise: near convergence
  // the decision would otherwise depend on the order of summation)
  if (!e.plain && !(loss <= e.loss + 1e-12 * std::abs(e.loss))) {
    e.beta_max = e.beta;
    e.beta /= 1.5;
    e.plain = true;
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (!e.plain) {
    e.beta = std::min(e.beta_max, 1.05 * e.beta);
    e.beta_max = std::min(1.0, 1.01 * e.beta_max);
  }
  e.Wt_hat = e.plain ? Wt1 : Matrix((Wt1 + beta * (Wt1 - e.Wt_prev)).cwiseMax(0.0));
  e.plain = false;
  e.loss = loss;
  e.Wt_prev = Wt1;
  e.H_prev = std::move(H1);
  f.Wt = std::move(Wt1);
  f.H = H_hat;
  e.H_hat = std::move(H_hat);
  // the fast methods' gauge, applied to every copy so that the differences
  // between iterates keep their meaning
  const Vector sc = gauge_scales(f, opt);
  const double pen_before = penalty_of(f.Wt, f.H, opt);
  for (int l = 0; l < f.Wt.rows(); ++l) {
    const double v = sc(l);
    if (v == 1.0) continue;
    f.Wt.row(l) /= v;
    e.Wt_hat.row(l) /= v;
    e.Wt_prev.row(l) /= v;
    f.H.row(l) *= v;
    e.H_hat.row(l) *= v;
    e.H_prev.row(l) *= v;
  }
  e.loss += penalty_of(f.Wt, f.H, opt) - pen_before;  // the objective of the rescaled pair
  return e.loss;
}

template <class Data>
Result fit(const Data& data, const Matrix& W0, const Matrix& H0, const Vector& offset0,
           const Options& opt, const Callbacks& cb, const Mask* mask = nullptr) {
  const bool masked = mask && mask->active();
  const bool fixed = opt.fixed_w || opt.fixed_h;
  double masked_loss = std::numeric_limits<double>::quiet_NaN();
  Model f{W0.transpose(), H0, offset0};
  const int k = static_cast<int>(f.H.rows());
  const Method method = opt.method;
  const Penalty pen_h{opt.l1_h, opt.l2_h}, pen_w{opt.l1_w, opt.l2_w};
  const bool penalised = opt.l1_w > 0 || opt.l1_h > 0 || opt.l2_w > 0 || opt.l2_h > 0;
  Workspace ws_h, ws_w;
  ConnectivityRule connectivity(opt.stopconv);
  StationaryRule stationary(opt.stationary_th, opt.stationary_interval, opt.stationary_niter);
  RelativeRule relative(opt.tol);
  const double sqnorm = (method == Method::hals || method == Method::anls) ? data.fwd.sq_norm() : 0.0;
  const Matrix S = method == Method::nsnmf ? smoothing(k, opt.theta) : Matrix();
  Vector row_sums_a;
  if (method == Method::offset) row_sums_a = data.fwd.row_sums();
  const bool extrapolate = (method == Method::hals || method == Method::anls) && opt.extrapolate && !fixed;
  Extrapolation ext;

  Result res;
  res.stop = Stop::maxit;
  int iter = 0;
  if (opt.stop == StopRule::stationary && stationary.check(0, stop_objective(data, f, opt))) {
    res.stop = Stop::converged;
    iter = opt.maxit;  // leave the loop at once, with 0 iterations done
  }
  int done_iter = 0;
  while (iter < opt.maxit) {
    if (cb.interrupted()) {
      res.stop = Stop::interrupted;
      break;
    }
    ++iter;
    done_iter = iter;
    double obj = std::numeric_limits<double>::quiet_NaN();
    bool rejected = false;
    switch (method) {
      case Method::hals:
      case Method::anls: {
        // anls's exact solve against a random start can zero a whole
        // component, a saddle point it never leaves: in the first iteration
        // such a solve is replaced by hals's coordinate descent from the
        // same start
        const bool anls = method == Method::anls;
        auto zero_row = [](const Matrix& X) { return (X.rowwise().sum().array() == 0.0).any(); };
        auto solve = [&](const auto& side, const Matrix& Y, Matrix& X, Workspace& ws, Penalty pen) {
          if (!anls) return hals_update(side, Y, X, ws, opt, pen);
          if (iter > 1) return anls_update(side, Y, X, ws, opt, pen);
          const Matrix X0 = X;
          anls_update(side, Y, X, ws, opt, pen);
          if (zero_row(X)) {
            X = X0;
            hals_update(side, Y, X, ws, opt, pen);
          }
        };
        auto masked_solve = [&](const auto& side, const auto& mk, const Matrix& Y, Matrix& X, Penalty pen) {
          if (!anls || iter > 1) return masked_ls_update(side, mk, Y, X, opt, pen, anls);
          const Matrix X0 = X;
          double loss = masked_ls_update(side, mk, Y, X, opt, pen, true);
          if (zero_row(X)) {
            X = X0;
            loss = masked_ls_update(side, mk, Y, X, opt, pen, false);
          }
          return loss;
        };
        if (extrapolate && masked) {
          obj = extrapolated_step(
              f, ext, opt, [&](const Matrix& Y, Matrix& X) { masked_solve(data.fwd, mask->fwd, Y, X, pen_h); },
              [&](const Matrix& Y, Matrix& X) {
                return masked_solve(data.bwd, mask->bwd, Y, X, pen_w) + penalty_of(X, Y, opt);
              });
          masked_loss = ext.loss - penalty_value(f, opt);
          rejected = std::isnan(obj);
          break;
        }
        if (extrapolate) {
          obj = extrapolated_step(
              f, ext, opt, [&](const Matrix& Y, Matrix& X) { solve(data.fwd, Y, X, ws_h, pen_h); },
              [&](const Matrix& Y, Matrix& X) {
                solve(data.bwd, Y, X, ws_w, pen_w);
                return gram_loss(sqnorm, ws_w, X) + penalty_of(X, Y, opt);
              });
          rejected = std::isnan(obj);
          break;
        }
        if (masked) {
          if (!opt.fixed_h) masked_loss = masked_solve(data.fwd, mask->fwd, f.Wt, f.H, pen_h);
          if (!opt.fixed_w) masked_loss = masked_solve(data.bwd, mask->bwd, f.H, f.Wt, pen_w);
          obj = masked_loss + penalty_value(f, opt);
        } else {
          // objective from the Gram matrices of the last update: no pass over A
          if (!opt.fixed_h) {
            solve(data.fwd, f.Wt, f.H, ws_h, pen_h);
            obj = gram_loss(sqnorm, ws_h, f.H);
          }
          if (!opt.fixed_w) {
            solve(data.bwd, f.H, f.Wt, ws_w, pen_w);
            obj = gram_loss(sqnorm, ws_w, f.Wt);
          }
          obj += penalty_value(f, opt);
        }
        if (!fixed) gauge(f, opt, 2);
        break;
      }
      case Method::kl: {
        if (masked) {
          // the loss comes from the last half update only
          if (!opt.fixed_h) masked_loss = masked_kl_update(data.fwd, mask->fwd, f.Wt, f.H, opt, pen_h, opt.fixed_w);
          if (!opt.fixed_w) masked_loss = masked_kl_update(data.bwd, mask->bwd, f.H, f.Wt, opt, pen_w);
          obj = masked_loss + penalty_value(f, opt);
        } else {
          if (!opt.fixed_h) obj = kl_scd_update(data.fwd, f.Wt, f.H, opt, pen_h, opt.fixed_w);
          if (!opt.fixed_w) obj = kl_scd_update(data.bwd, f.H, f.Wt, opt, pen_w);
          obj += penalty_value(f, opt);
        }
        if (!fixed) gauge(f, opt, 1);
        break;
      }
      case Method::lee:
      case Method::frobenius: {
        mu_frobenius_update(data.fwd, f.Wt, f.H, ws_h, opt, opt.eps);
        mu_frobenius_update(data.bwd, f.H, f.Wt, ws_w, opt, opt.eps);
        // the NMF package rescales the columns of W to sum 1, H untouched
        // (a column that underflowed to 0 is left as it is: no 0 / 0)
        Vector s = f.Wt.rowwise().sum();
        for (int l = 0; l < k; ++l)
          if (s(l) > 0.0) f.Wt.row(l) /= s(l);
        break;
      }
      case Method::brunet:
      case Method::kl_mu: {
        kl_mu_update(data.fwd, f.Wt, f.H, ws_h, opt);
        kl_mu_update(data.bwd, f.H, f.Wt, ws_w, opt);
        if (iter % 10 == 0) {  // the NMF package's flooring against underflow
          f.H = f.H.cwiseMax(opt.eps);
          f.Wt = f.Wt.cwiseMax(opt.eps);
        }
        break;
      }
      case Method::offset: {
        Matrix extra_h = (f.Wt * f.offset).replicate(1, f.H.cols());
        mu_frobenius_update(data.fwd, f.Wt, f.H, ws_h, opt, opt.eps, &extra_h);
        Vector hsum = f.H.rowwise().sum();
        Matrix extra_w = hsum * f.offset.transpose();
        mu_frobenius_update(data.bwd, f.H, f.Wt, ws_w, opt, opt.eps, &extra_w);
        hsum = f.H.rowwise().sum();
        Vector fitted_sums = f.Wt.transpose() * hsum;
        const double n = static_cast<double>(f.H.cols());
        for (int i = 0; i < f.offset.size(); ++i)
          f.offset(i) = f.offset(i) * std::max(row_sums_a(i), opt.eps) /
                        (fitted_sums(i) + n * f.offset(i) + opt.eps);
        break;
      }
      case Method::nsnmf: {
        Matrix Y = S * f.Wt;  // (W S)'
        kl_mu_update(data.fwd, Y, f.H, ws_h, opt);
        Matrix SH = S * f.H;
        kl_mu_update(data.bwd, SH, f.Wt, ws_w, opt);
        Vector s = f.Wt.rowwise().sum();
        for (int l = 0; l < k; ++l)
          if (s(l) > 0.0) f.Wt.row(l) /= s(l);
        break;
      }
      case Method::lsnmf:
        lsnmf_iteration(data, f, opt);
        break;
      case Method::penmf: {
        Matrix extra_h = Matrix::Constant(k, f.H.cols(), opt.beta);
        mu_frobenius_update(data.fwd, f.Wt, f.H, ws_h, opt, 0.0, &extra_h);
        // alpha W M with M = 11' - I, i.e. alpha (colSums - itself) in W' terms
        Matrix extra_w = opt.alpha * (f.Wt.colwise().sum().replicate(k, 1) - f.Wt);
        mu_frobenius_update(data.bwd, f.H, f.Wt, ws_w, opt, 0.0, &extra_w);
        break;
      }
      default:
        break;
    }

    bool done = false;
    if (opt.stop == StopRule::connectivity) {
      if (iter % opt.check_every == 0) done = connectivity.check(f.H);
    } else if (opt.stop == StopRule::stationary) {
      if (stationary.wants(iter)) {
        const double so = stop_objective(data, f, opt);
        done = stationary.check(iter, so);
        if (method != Method::penmf) obj = so;
      }
    } else if (rejected) {  // a rejected step is not a measure of progress
      obj = ext.loss;
    } else {
      done = relative.check(obj);
    }
    if (opt.track) {
      if (std::isnan(obj) && iter % opt.check_every == 0) obj = objective(data, f, opt);
      if (!std::isnan(obj)) {
        res.track_iter.push_back(iter);
        res.track_objective.push_back(obj);
      }
    }
    if (cb.log && (iter % 100 == 0 || done))
      cb.log("iteration " + std::to_string(iter) +
             (std::isnan(obj) ? std::string() : ", objective " + std::to_string(obj)));
    if (done) {
      res.stop = Stop::converged;
      break;
    }
  }

  // report the fast methods' W with columns summing to 1 (as lee does)
  if (is_fast(method) && !penalised && !fixed) balance(f, 1);
  res.niter = done_iter;
  // a masked fit's objective counts the observed cells only
  res.objective = masked ? masked_loss + penalty_value(f, opt) : objective(data, f, opt);
  res.W = f.Wt.transpose();
  res.H = std::move(f.H);
  res.offset = std::move(f.offset);
  return res;
}

}  // namespace nmfkit

#endif  // NMFKIT_ENGINE_H
