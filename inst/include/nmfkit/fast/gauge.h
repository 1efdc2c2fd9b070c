// nmfkit: the gauge of the fast methods. W H does not change when a row of H
// is scaled by s and the matching column of W by 1 / s; these fix that scale
// (after each iteration, and for the factors a fit reports).
#ifndef NMFKIT_FAST_GAUGE_H
#define NMFKIT_FAST_GAUGE_H

#include <cmath>

#include "../config.h"
#include "../model.h"

namespace nmfkit {

// The p-norm (p = 2) or sum (p = 1) of each row of X (k x c), by one pass
// over its columns (a row of a column-major matrix is strided); each row's
// terms are added in column order, as a row-by-row sum would.
inline Vector row_scales(const Matrix& X, int p) {
  const int k = static_cast<int>(X.rows());
  Vector s = Vector::Zero(k);
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double* x = X.data() + j * k;
    if (p == 2) {
      for (int l = 0; l < k; ++l) s(l) += x[l] * x[l];
    } else {
      for (int l = 0; l < k; ++l) s(l) += x[l];
    }
  }
  if (p == 2) s = s.cwiseSqrt();
  return s;
}

// Row l of X divided (multiplied) by v(l), column by column.
inline void divide_rows(Matrix& X, const Vector& v) { X.array().colwise() /= v.array(); }
inline void multiply_rows(Matrix& X, const Vector& v) { X.array().colwise() *= v.array(); }

// Scales each row of `unit` (a factor, k x .) to unit norm (p = 2) or unit
// sum (p = 1) and the same row of `other` by the inverse, so that W H is
// unchanged (rows of zeros are left alone).
inline void scale_rows(Matrix& unit, Matrix& other, int p) {
  Vector s = row_scales(unit, p);
  for (int l = 0; l < s.size(); ++l)
    if (!(s(l) > 0.0)) s(l) = 1.0;
  divide_rows(unit, s);
  multiply_rows(other, s);
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
  const bool pw = penalises_w(o), ph = penalises_h(o);
  if (pw && ph) return;
  if (!pw) {
    balance(f, p);
    return;
  }
  scale_rows(f.H, f.Wt, p);  // penalty on W only: the rows of H get unit norm instead
}

// Scale s_l of each factor pair that gauge() would apply with p = 2: W's row
// l is divided by s_l and H's row l multiplied by it.
inline Vector gauge_scales(const Model& f, const Options& o) {
  const bool pw = penalises_w(o), ph = penalises_h(o);
  const int k = static_cast<int>(f.Wt.rows());
  Vector s = Vector::Ones(k);
  if (pw && ph) return s;
  const Vector norms = row_scales(pw ? f.H : f.Wt, 2);
  for (int l = 0; l < k; ++l) {
    const double v = pw ? 1.0 / norms(l) : norms(l);
    if (v > 0.0 && std::isfinite(v)) s(l) = v;
  }
  return s;
}

}  // namespace nmfkit

#endif  // NMFKIT_FAST_GAUGE_H
