// Standalone timing of the products on a tall, skinny matrix (Golub-like, 5000 x 38, k = 3).
#include <nmfkit/nmfkit.h>
#include "timing.h"
#include <cstdio>
int main() {
  int m = 5000, n = 38, k = 3, reps = 200;
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(m, n).cwiseAbs();
  Eigen::MatrixXd Wt = Eigen::MatrixXd::Random(k, m).cwiseAbs(), H = Eigen::MatrixXd::Random(k, n).cwiseAbs(), B;
  nmfkit::DenseData d(A.data(), m, n);
  auto t0 = clk::now(); for (int r = 0; r < reps; ++r) d.fwd.mult(Wt, B, 1); std::printf("fwd.mult (W'A) %.3f ms\n", ms(t0, reps));
  t0 = clk::now(); for (int r = 0; r < reps; ++r) d.bwd.mult(H, B, 1); std::printf("bwd.mult (HA') %.3f ms\n", ms(t0, reps));
  Eigen::MatrixXd C;
  t0 = clk::now(); for (int r = 0; r < reps; ++r) { C.noalias() = A * H.transpose(); B = C.transpose(); } std::printf("A*H' then transpose %.3f ms\n", ms(t0, reps));
  t0 = clk::now(); for (int r = 0; r < reps; ++r) { B.noalias() = Wt * A; } std::printf("Wt*A plain %.3f ms\n", ms(t0, reps));
  Eigen::MatrixXd G = Wt * Wt.transpose(); Eigen::MatrixXd X = Eigen::MatrixXd::Random(k, m).cwiseAbs();
  d.bwd.mult(H, B, 1); Eigen::MatrixXd Gh = H * H.transpose();
  t0 = clk::now(); for (int r = 0; r < reps; ++r) nmfkit::nnls_columns(Gh, B, X, 1, nmfkit::Penalty()); std::printf("nnls 5000 cols %.3f ms\n", ms(t0, reps));
}
