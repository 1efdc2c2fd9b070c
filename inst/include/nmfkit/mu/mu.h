// nmfkit: what the NMF package's multiplicative methods share. Each method is
// a step type (see fast/steps.h for the interface) in frobenius.h (lee,
// Frobenius, offset, pe-nmf), kl.h (brunet, KL, nsNMF) or lsnmf.h (ls-nmf).
// Their iterations give no objective (the engine computes it when the track
// or the stationarity rule asks), and they leave the factors as they are.
#ifndef NMFKIT_MU_MU_H
#define NMFKIT_MU_MU_H

#include "../config.h"
#include "../model.h"

namespace nmfkit {

template <class Data>
class MuStep {
 public:
  static constexpr bool watches_objective = true;
  MuStep(const Data& data, const Options& opt) : data_(data), opt_(opt) {}
  void finish(Model&) const {}

 protected:
  const Data& data_;
  const Options& opt_;
  Workspace ws_h_, ws_w_;  // of the H and W updates
};

// The NMF package's rescaling of W's columns to sum 1, H untouched (a column
// that underflowed to 0 is left as it is: no 0 / 0).
inline void unit_sum_columns(Matrix& Wt) {
  Vector s = Wt.rowwise().sum();
  for (int l = 0; l < Wt.rows(); ++l)
    if (s(l) > 0.0) Wt.row(l) /= s(l);
}

}  // namespace nmfkit

#endif  // NMFKIT_MU_MU_H
