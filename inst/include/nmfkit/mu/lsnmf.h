// nmfkit: the NMF package's "ls-nmf": multiplicative updates for the
// Frobenius loss with a weight on every cell (dense data and weights only).
#ifndef NMFKIT_MU_LSNMF_H
#define NMFKIT_MU_LSNMF_H

#include <algorithm>

#include "../config.h"
#include "../data/dense.h"
#include "../model.h"
#include "mu.h"

namespace nmfkit {

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

// One iteration as the NMF package computes it (weights V and W H dense):
//   H <- max(H .* W'(X.*V), eps) ./ (W'((WH).*V) + eps), then W likewise.
class LsNmf : public MuStep<DenseData> {
 public:
  using MuStep<DenseData>::MuStep;
  Progress step(Model& f, int) {
    const Options& o = opt_;
    const Eigen::Map<const Matrix>& A = data_.matrix();
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
    return Progress();
  }
  double objective(const Model& f) const { return weighted_sq_error(data_, f, opt_.weight); }
  double watched(const Model& f) const { return objective(f); }
};

}  // namespace nmfkit

#endif  // NMFKIT_MU_LSNMF_H
