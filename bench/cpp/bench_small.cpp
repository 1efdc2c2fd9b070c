// Standalone timing of the core on a small dense problem (not part of the R build).
#include <nmfkit/nmfkit.h>
#include <chrono>
#include <cstdio>
int main(int argc, char** argv) {
  int m = argc > 1 ? atoi(argv[1]) : 4, n = argc > 2 ? atoi(argv[2]) : 150, k = 3;
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(m, n).cwiseAbs();
  Eigen::MatrixXd W = Eigen::MatrixXd::Random(m, k).cwiseAbs(), H = Eigen::MatrixXd::Random(k, n).cwiseAbs();
  nmfkit::DenseData d(A.data(), m, n);
  nmfkit::Options o; o.maxit = 1000; o.tol = 0;
  for (auto meth : {nmfkit::Method::hals, nmfkit::Method::lee}) {
    o.method = meth;
    // lee gives no objective per iteration: its connectivity rule, never firing here
    o.stop = meth == nmfkit::Method::lee ? nmfkit::StopRule::connectivity : nmfkit::StopRule::relative;
    o.stopconv = o.maxit;
    auto t0 = std::chrono::steady_clock::now();
    nmfkit::Result r = nmfkit::fit(d, W, H, nmfkit::Vector(), o, nmfkit::Callbacks());
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("method %d: %d its, %.3f ms/it, obj %g\n", (int)meth, r.niter, 1e3 * s / r.niter, r.objective);
  }
}
