// Standalone timing (not part of the R build): one hals and one anls iteration
// against the floor measured in the same run (issue 16, item 2). The floor of
// an iteration is the work no alternating method can skip, done with
// nmfkit's own kernels: the two products W'A and HA' (data/dense.h,
// data/sparse.h), the two Gram matrices W'W and HH', and for the k x k part
// one product of each Gram matrix with the factor it updates (G H and G W',
// one k x k matrix-vector product per column: a single sweep of coordinate
// descent, or a single NNLS gradient). An iteration's time is the slope of
// fit time against maxit (maxit = 1 and 1 + reps), so set-up is left out.
//
// Usage: bench_floor [threads] [reps]. Prints one line per problem and rank:
// dense 2000 x 1000 and sparse 20000 x 10000 (0.5% non-zero), ranks 10 and 30.
#include <nmfkit/nmfkit.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "timing.h"

namespace {

template <class Data>
double iteration_ms(const Data& d, const Eigen::MatrixXd& W, const Eigen::MatrixXd& H, nmfkit::Method method,
                    int threads, int reps) {
  nmfkit::Options o;
  o.method = method;
  o.tol = 0;
  o.threads = threads;
  auto run = [&](int maxit) {
    o.maxit = maxit;
    auto t0 = clk::now();
    nmfkit::fit(d, W, H, nmfkit::Vector(), o, nmfkit::Callbacks());
    return ms(t0, 1);
  };
  double one = 1e300, many = 1e300;
  for (int r = 0; r < 3; ++r) {
    one = std::min(one, run(1));
    many = std::min(many, run(1 + reps));
  }
  return (many - one) / reps;
}

template <class Data>
void report(const char* name, const Data& d, int m, int n, int k, int threads, int reps) {
  std::mt19937 gen(k);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd W(m, k), H(k, n);
  for (int i = 0; i < W.size(); ++i) W.data()[i] = u(gen);
  for (int i = 0; i < H.size(); ++i) H.data()[i] = u(gen);
  const Eigen::MatrixXd Wt = W.transpose();
  Eigen::MatrixXd B, C, G1, G2, P1, P2;
  auto best = [&](auto f) {
    double t = 1e300;
    for (int r = 0; r < 3; ++r) {
      auto t0 = clk::now();
      for (int i = 0; i < reps; ++i) f();
      t = std::min(t, ms(t0, reps));
    }
    return t;
  };
  const double prod = best([&] {
    d.fwd.mult(Wt, B, threads);
    d.bwd.mult(H, C, threads);
  });
  const double gram = best([&] {
    G1.noalias() = Wt * Wt.transpose();
    G2.noalias() = H * H.transpose();
  });
  const double kxk = best([&] {
    P1.noalias() = G1 * H;
    P2.noalias() = G2 * Wt;
  });
  const double floor_ms = prod + gram + kxk;
  const double hals = iteration_ms(d, W, H, nmfkit::Method::hals, threads, reps);
  const double anls = iteration_ms(d, W, H, nmfkit::Method::anls, threads, reps);
  std::printf("%-6s %5d x %5d k %2d threads %d: floor %.2f ms (products %.2f, Gram %.2f, k x k %.2f); "
              "hals %.2f ms (%.2fx), anls %.2f ms (%.2fx)\n",
              name, m, n, k, threads, floor_ms, prod, gram, kxk, hals, hals / floor_ms, anls, anls / floor_ms);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1, reps = argc > 2 ? std::atoi(argv[2]) : 10;
  const int dm = 2000, dn = 1000;
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(dm, dn).cwiseAbs();
  nmfkit::DenseData dense(A.data(), dm, dn);
  const int sm = 20000, sn = 10000;
  std::mt19937 gen(1);
  std::uniform_int_distribution<int> row(0, sm - 1);
  std::vector<int> p(sn + 1, 0), idx;
  std::vector<double> x;
  const int per_col = sm / 200;  // 0.5%
  for (int j = 0; j < sn; ++j) {
    std::vector<int> rows;
    for (int t = 0; t < per_col; ++t) rows.push_back(row(gen));
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int r : rows) {
      idx.push_back(r);
      x.push_back(1.0 + (r % 7));
    }
    p[j + 1] = static_cast<int>(idx.size());
  }
  nmfkit::SparseData sparse(sm, sn, static_cast<int>(idx.size()), p.data(), idx.data(), x.data());
  for (int k : {10, 30}) {
    report("dense", dense, dm, dn, k, threads, reps);
    report("sparse", sparse, sm, sn, k, threads, reps);
  }
}
