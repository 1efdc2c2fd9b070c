// nmfkit: the model being fitted and the pieces of its objectives. Model (W',
// H and the offset), the penalties on a factor, the Gram work space an update
// leaves, what one iteration reports (Progress), and the objective helpers
// the steps share: the residual sum of squares, the penalty terms and the
// loss read off an update's Gram matrices.
#ifndef NMFKIT_MODEL_H
#define NMFKIT_MODEL_H

#include <limits>

#include "config.h"

namespace nmfkit {

// The factorization being fitted: W' (k x m), H (k x n) and, for the offset
// method, one offset per row.
struct Model {
  Matrix Wt, H;
  Vector offset;
};

// Penalties on the factor being updated: L1 * sum(X) + L2 / 2 * ||X||^2.
struct Penalty {
  double l1 = 0.0, l2 = 0.0;
};

// Work space kept between updates: B = Y D and G = Y Y' of the last update.
struct Workspace {
  Matrix B;
  Matrix G;
};

// What one iteration of a step tells the stopping rule and the track.
struct Progress {
  // the objective after the iteration when the step knows it (NaN: the
  // engine computes it when the track or the stationarity rule asks)
  double objective = std::numeric_limits<double>::quiet_NaN();
  // extrapolation threw the iteration away: the model is unchanged and
  // `objective` is that of the pair kept; not a measure of progress
  bool rejected = false;
};

inline bool penalises_w(const Options& o) { return o.l1_w > 0 || o.l2_w > 0; }
inline bool penalises_h(const Options& o) { return o.l1_h > 0 || o.l2_h > 0; }

// L1 * sum + L2 / 2 * squared norm of both factors.
inline double penalty_of(const Matrix& Wt, const Matrix& H, const Options& o) {
  if (o.l1_w == 0 && o.l1_h == 0 && o.l2_w == 0 && o.l2_h == 0) return 0.0;
  return o.l1_w * Wt.sum() + o.l1_h * H.sum() + 0.5 * o.l2_w * Wt.squaredNorm() + 0.5 * o.l2_h * H.squaredNorm();
}
inline double penalty_value(const Model& f, const Options& o) { return penalty_of(f.Wt, f.H, o); }

// Residual sum of squares of D ~ W H + offset 1'.
template <class Data>
double rss(const Data& data, const Model& f, int threads) {
  double e = data.fwd.sq_error(f.Wt, f.H, threads);
  if (f.offset.size() == 0) return e;
  // ||R - o 1'||^2 = ||R||^2 - 2 o'(rowSums(A) - W rowSums(H)) + n ||o||^2
  Vector r = data.fwd.row_sums() - f.Wt.transpose() * f.H.rowwise().sum();
  return e - 2.0 * f.offset.dot(r) + static_cast<double>(f.H.cols()) * f.offset.squaredNorm();
}

// 1/2 ||D - Y'X||^2 from the Gram matrices of the update that gave X (ws.B =
// Y D, ws.G = Y Y'), with sqnorm = ||D||^2: no pass over the data.
inline double gram_loss(double sqnorm, const Workspace& ws, const Matrix& X) {
  return 0.5 * (sqnorm - 2.0 * ws.B.cwiseProduct(X).sum() + ws.G.cwiseProduct(X * X.transpose()).sum());
}

}  // namespace nmfkit

#endif  // NMFKIT_MODEL_H
