// Standalone timing: the two dense products of one iteration (W'A and HA') at
// any shape, against one streaming pass over A (the memory floor of each
// product). Usage: bench_shapes M N K THREADS, e.g. 100000 200 10 2 (tall)
// or 200 100000 10 2 (wide). Not part of the R build.
#include <nmfkit/nmfkit.h>
#include "timing.h"
#include <cstdio>
#include <cstdlib>
int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: bench_shapes M N K THREADS\n");
    return 2;
  }
  const int m = std::atoi(argv[1]), n = std::atoi(argv[2]), k = std::atoi(argv[3]), threads = std::atoi(argv[4]);
  const int reps = 20;
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(m, n).cwiseAbs();
  Eigen::MatrixXd Wt = Eigen::MatrixXd::Random(k, m).cwiseAbs(), H = Eigen::MatrixXd::Random(k, n).cwiseAbs(), B;
  nmfkit::DenseData d(A.data(), m, n);
  d.fwd.mult(Wt, B, threads);
  d.bwd.mult(H, B, threads);
  double check = 0.0;
  auto t0 = clk::now();
  for (int r = 0; r < reps; ++r) d.fwd.mult(Wt, B, threads);
  const double fwd = ms(t0, reps);
  check += B.sum();
  t0 = clk::now();
  for (int r = 0; r < reps; ++r) d.bwd.mult(H, B, threads);
  const double bwd = ms(t0, reps);
  check += B.sum();
  // the floor: one pass over A's memory on the same threads
  const double* a = A.data();
  const long size = static_cast<long>(A.size());
  t0 = clk::now();
  for (int r = 0; r < reps; ++r) {
    double s = 0.0;
#pragma omp parallel for reduction(+ : s) num_threads(threads)
    for (long t = 0; t < size; ++t) s += a[t];
    check += s;
  }
  const double pass = ms(t0, reps);
  std::printf("%d x %d, k %d, %d threads: W'A %.2f ms, HA' %.2f ms; one pass over A (%.0f MB) %.2f ms (check %.6e)\n",
              m, n, k, threads, fwd, bwd, 8e-6 * size, pass, check);
}
