// nmfkit: configuration, results and callbacks shared by every solver.
// Header-only; knows nothing of R.
#ifndef NMFKIT_CONFIG_H
#define NMFKIT_CONFIG_H

#ifndef EIGEN_DONT_PARALLELIZE
#define EIGEN_DONT_PARALLELIZE  // we thread over fixed column blocks ourselves
#endif

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace nmfkit {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

// Column j of a (column-major) matrix.
inline double* col_ptr(Matrix& X, int j) { return X.data() + static_cast<std::ptrdiff_t>(j) * X.rows(); }
inline const double* col_ptr(const Matrix& X, int j) {
  return X.data() + static_cast<std::ptrdiff_t>(j) * X.rows();
}

enum class Method {
  hals,       // coordinate descent, Frobenius (ours)
  anls,       // exact alternating NNLS, Frobenius (ours)
  kl,         // coordinate Newton descent, KL (ours)
  lee,        // NMF package: Frobenius multiplicative, connectivity stop
  frobenius,  // NMF package: lee's updates, stationary stop
  brunet,     // NMF package: KL multiplicative, connectivity stop
  kl_mu,      // NMF package "KL": brunet's updates, stationary stop
  offset,     // NMF package: Frobenius multiplicative with an offset vector
  nsnmf,      // NMF package: nonsmooth NMF (KL with a smoothing matrix)
  lsnmf,      // NMF package: weighted Frobenius (dense only)
  penmf,      // NMF package: pattern-expression NMF
  snmf_r,     // NMF package: sparse NMF, sparse H (Kim & Park 2007)
  snmf_l      // NMF package: sparse NMF, sparse W
};

// The stopping rule of a fit (the host's method registry says which rule a
// method uses): the relative decrease of the objective (the fast methods),
// the NMF package's connectivity or stationarity rules, or snmf's own test.
enum class StopRule { relative, connectivity, stationary, snmf };

enum class Stop {
  converged,    // the method's own stopping rule fired
  maxit,        // ran out of iterations
  interrupted,  // the interrupt callback asked to stop
  restarts      // snmf: too many restarts
};

struct Options {
  Method method = Method::hals;
  StopRule stop = StopRule::relative;
  int maxit = 1000;
  double tol = 1e-6;        // relative change of the objective (hals, anls, kl)
  int threads = 1;
  bool track = false;       // keep the objective at every check
  // the NMF package's connectivity rule: every `check_every` iterations,
  // stop after more than `stopconv` checks without a change
  int check_every = 10;
  int stopconv = 40;
  // the NMF package's stationarity rule (nmf.stop.stationary)
  double stationary_th = 2.220446049250313e-16;
  int stationary_interval = 50;
  int stationary_niter = 10;
  double eps = 1e-9;        // epsilon of the multiplicative updates
  // hals: inner sweeps per update (Gillis & Glineur)
  int inner = 10;
  double inner_tol = 0.01;
  bool extrapolate = true;  // hals, anls: momentum (Ang & Gillis 2019), see engine.h
  // penalties of the fast solvers: L1 * sum(X) + L2 / 2 * ||X||^2
  double l1_w = 0, l1_h = 0, l2_w = 0, l2_h = 0;
  double theta = 0.5;       // nsNMF smoothing
  double alpha = 0, beta = 0;  // pe-nmf; snmf uses beta and eta
  double eta = -1;          // snmf: -1 means max(x)
  double eps_conv = 1e-4;        // snmf: KKT residual relative to the first
  int wminchange = 0, iconv = 10;  // snmf: membership changes allowed, checks needed
  const double* weight = nullptr;  // ls-nmf: m x n column-major weights
  bool fixed_w = false, fixed_h = false;  // fast methods: keep a factor as given
};

struct Callbacks {
  // Returns true when the user asked to stop (for R: a pending interrupt).
  std::function<bool()> interrupted = [] { return false; };
  // Receives one line of progress text when verbose.
  std::function<void(const std::string&)> log;
  // Uniform draw in [0, 1) from the host's generator (main thread only); used
  // by snmf's restarts and tie-breaking, as the NMF package uses R's.
  std::function<double()> uniform;
};

struct Result {
  Matrix W;  // m x k
  Matrix H;  // k x n
  Vector offset;  // offset method: one value per row of the data
  int niter = 0;
  int restarts = 0;
  double objective = 0.0;  // final value of the method's objective
  Stop stop = Stop::maxit;
  std::vector<int> track_iter;
  std::vector<double> track_objective;
};

}  // namespace nmfkit

#endif  // NMFKIT_CONFIG_H
