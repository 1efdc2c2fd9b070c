// Standalone timing of the KL multiplicative-update pieces on a Golub-sized matrix (5000 x 38, k = 3).
#include <nmfkit/nmfkit.h>
#include "timing.h"
#include <cstdio>
int main() {
  int m = 5000, n = 38, k = 3, reps = 200;
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(m, n).cwiseAbs();
  Eigen::MatrixXd Wt = Eigen::MatrixXd::Random(k, m).cwiseAbs(), H = Eigen::MatrixXd::Random(k, n).cwiseAbs(), B;
  nmfkit::DenseData d(A.data(), m, n);
  auto t0 = clk::now(); for (int r = 0; r < reps; ++r) d.fwd.kl_num(Wt, H, B, 1); std::printf("fwd.kl_num %.3f ms\n", ms(t0, reps));
  t0 = clk::now(); for (int r = 0; r < reps; ++r) d.bwd.kl_num(H, Wt, B, 1); std::printf("bwd.kl_num %.3f ms\n", ms(t0, reps));
  Eigen::MatrixXd P;
  t0 = clk::now(); for (int r = 0; r < reps; ++r) { P.noalias() = Wt.transpose() * H; } std::printf("W*H %.3f ms\n", ms(t0, reps));
  t0 = clk::now(); for (int r = 0; r < reps; ++r) { P = A.array() / P.array(); } std::printf("A./P %.3f ms\n", ms(t0, reps));
  t0 = clk::now(); for (int r = 0; r < reps; ++r) { B.noalias() = Wt * P; } std::printf("W'R %.3f ms\n", ms(t0, reps));
}
