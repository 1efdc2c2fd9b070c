// nmfkit: configuration, results and callbacks shared by every solver.
// Header-only; knows nothing of R.
#ifndef NMFKIT_CONFIG_H
#define NMFKIT_CONFIG_H

#ifndef EIGEN_DONT_PARALLELIZE
#define EIGEN_DONT_PARALLELIZE  // we thread over fixed column blocks ourselves
#endif

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <functional>
#include <string>
#include <vector>

namespace nmfkit {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

enum class Method { hals, lee, brunet };

enum class Stop {
  converged,    // the method's own stopping rule fired
  maxit,        // ran out of iterations
  interrupted   // the interrupt callback asked to stop
};

struct Options {
  Method method = Method::hals;
  int maxit = 1000;
  double tol = 1e-6;        // relative change of the objective (hals)
  int threads = 1;
  bool track = false;       // keep the objective at every check
  int check_every = 10;     // connectivity / track interval for lee and brunet
  int stopconv = 40;        // NMF package's connectivity rule: stop after
                            // more than `stopconv` unchanged checks
  double eps_lee = 1e-9;    // NMF package's lee epsilon
  double eps_brunet = 2.220446049250313e-16;  // .Machine$double.eps
  int hals_inner = 10;      // max inner sweeps per update (Gillis & Glineur)
  double hals_inner_tol = 0.01;  // stop inner sweeps when the change falls
                                 // below this fraction of the first one
};

struct Callbacks {
  // Returns true when the user asked to stop (for R: a pending interrupt).
  std::function<bool()> interrupted = [] { return false; };
  // Receives one line of progress text when verbose.
  std::function<void(const std::string&)> log;
};

struct Result {
  Matrix W;  // m x k
  Matrix H;  // k x n
  int niter = 0;
  double objective = 0.0;  // final value of the method's objective
  Stop stop = Stop::maxit;
  std::vector<int> track_iter;
  std::vector<double> track_objective;
};

}  // namespace nmfkit

#endif  // NMFKIT_CONFIG_H
