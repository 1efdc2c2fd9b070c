// Standalone timing: the two dense products vs one hals iteration (not part of the R build).
#include <nmfkit/nmfkit.h>
#include <chrono>
#include <cstdio>
using clk = std::chrono::steady_clock;
static double secs(clk::time_point t0) { return std::chrono::duration<double>(clk::now() - t0).count(); }
int main(int argc, char** argv) {
  int m = 2000, n = 1000, k = 10, threads = argc > 1 ? atoi(argv[1]) : 1;
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(m, n).cwiseAbs();
  Eigen::MatrixXd W = Eigen::MatrixXd::Random(m, k).cwiseAbs(), H = Eigen::MatrixXd::Random(k, n).cwiseAbs();
  Eigen::MatrixXd Wt = W.transpose(), B;
  nmfkit::DenseData d(A.data(), m, n);
  int reps = 50;
  auto t0 = clk::now();
  for (int r = 0; r < reps; ++r) { B.noalias() = Wt * A; }
  double t_wa = secs(t0) / reps;
  t0 = clk::now();
  for (int r = 0; r < reps; ++r) { B.noalias() = H * A.transpose(); }
  double t_ah = secs(t0) / reps;
  t0 = clk::now();
  for (int r = 0; r < reps; ++r) d.fwd.mult(Wt, B, threads);
  double b_wa = secs(t0) / reps;
  t0 = clk::now();
  for (int r = 0; r < reps; ++r) d.bwd.mult(H, B, threads);
  double b_ah = secs(t0) / reps;
  nmfkit::Options o; o.maxit = reps; o.tol = 0; o.threads = threads;
  t0 = clk::now();
  nmfkit::fit(d, W, H, nmfkit::Vector(), o, nmfkit::Callbacks());
  double it = secs(t0) / reps;
  std::printf("threads %d: W'A %.2f ms, HA' %.2f ms (plain Eigen); blocked %.2f + %.2f ms; hals iteration %.2f ms\n",
              threads, 1e3 * t_wa, 1e3 * t_ah, 1e3 * b_wa, 1e3 * b_ah, 1e3 * it);
}
