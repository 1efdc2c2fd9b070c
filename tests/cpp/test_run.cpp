// run() (run.h) gives bitwise the same fit with 1 and 2 threads, for every
// method on dense and sparse data, with masks, weights, a hold-out and a
// fixed factor (both threads at work in every loop); and refuses the
// combinations it has no meaning for.
#include <nmfkit/nmfkit.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"

namespace {

using nmfkit::Matrix;
using nmfkit::Method;
using nmfkit::StopRule;
using nmfkit::Vector;

const int kM = 150, kN = 140, kRank = 4;

struct Fixture {
  Matrix A, Asp, W0, H0, weight;
  nmfkit::SpMat S;
  Fixture() {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    auto random = [&](int r, int c) {
      Matrix X(r, c);
      for (int j = 0; j < c; ++j)
        for (int i = 0; i < r; ++i) X(i, j) = u(rng);
      return X;
    };
    A = random(kM, 6) * random(6, kN) + 0.1 * random(kM, kN);
    Asp = A;
    for (int j = 0; j < kN; ++j)
      for (int i = 0; i < kM; ++i)
        if (u(rng) < 0.6) Asp(i, j) = 0.0;
    S = Asp.sparseView();
    S.makeCompressed();
    W0 = random(kM, kRank);
    H0 = random(kRank, kN);
    weight = random(kM, kN);
  }
};
const Fixture& fixture() {
  static const Fixture f;
  return f;
}

// The options R's method registry gives each method, 40 iterations.
nmfkit::Options options_for(Method m, const Matrix& A) {
  nmfkit::Options o;
  o.method = m;
  o.maxit = 40;
  o.track = true;
  switch (m) {
    case Method::hals: case Method::anls: case Method::kl: o.stop = StopRule::relative; break;
    case Method::lee: case Method::brunet: case Method::offset: case Method::nsnmf:
      o.stop = StopRule::connectivity;
      o.stopconv = 1;
      break;
    case Method::snmf_r: case Method::snmf_l:
      o.stop = StopRule::snmf;
      o.beta = 0.01;
      o.eta = A.maxCoeff();
      break;
    default: o.stop = StopRule::stationary; o.stationary_interval = 20; break;
  }
  if (m == Method::penmf) {
    o.alpha = 0.1;
    o.beta = 0.01;
  }
  if (m == Method::lsnmf) o.weight = fixture().weight.data();
  if (m == Method::brunet || m == Method::kl_mu) o.eps = 2.220446049250313e-16;
  return o;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_result(const nmfkit::Result& a, const nmfkit::Result& b) {
  return a.W == b.W && a.H == b.H && a.offset == b.offset && a.niter == b.niter && a.stop == b.stop &&
         a.restarts == b.restarts && same_bits(a.objective, b.objective) && a.track_iter == b.track_iter &&
         a.track_objective == b.track_objective;
}

template <class Data>
nmfkit::Result fit_with(const Data& data, nmfkit::Options o, int threads, const nmfkit::Mask* mask) {
  const Fixture& fx = fixture();
  o.threads = threads;
  std::mt19937_64 rng(5);  // snmf's restarts and ties: the same draws for both runs
  std::uniform_real_distribution<double> u(0.0, 1.0);
  nmfkit::Callbacks cb;
  cb.uniform = [&] { return u(rng); };
  const Vector offset = o.method == Method::offset ? Vector(fx.A.rowwise().mean()) : Vector();
  // With 2 threads, the calling thread pauses between its work items (in the
  // interrupt poll, which parallel_for asks there), so that the other thread,
  // however slow to wake, takes a share of every parallel loop.
  nmfkit::InterruptPoll pause([threads] {
    if (threads > 1) std::this_thread::sleep_for(std::chrono::microseconds(30));
    return false;
  });
  return nmfkit::run(data, fx.W0, fx.H0, offset, o, cb, mask);
}

// 1 and 2 threads give the same fit, a real one (iterations done, finite objective).
template <class Data>
void check_threads(const Data& data, const nmfkit::Options& o, const nmfkit::Mask* mask, const std::string& what) {
  const nmfkit::Result one = fit_with(data, o, 1, mask), two = fit_with(data, o, 2, mask);
  const bool same = same_result(one, two), real = one.niter > 0 && std::isfinite(one.objective);
  CHECK(same);
  CHECK(real);
  if (!same || !real) std::fprintf(stderr, "    (%s)\n", what.c_str());
}

const Method kAll[] = {Method::hals,   Method::anls,  Method::kl,     Method::lee,    Method::frobenius,
                       Method::brunet, Method::kl_mu, Method::offset, Method::nsnmf,  Method::lsnmf,
                       Method::penmf,  Method::snmf_r, Method::snmf_l};

}  // namespace

TEST(every_method_fits_the_same_with_1_and_2_threads) {
  const Fixture& fx = fixture();
  const nmfkit::DenseData dense(fx.A.data(), kM, kN);
  const nmfkit::SparseData sparse(kM, kN, static_cast<int>(fx.S.nonZeros()), fx.S.outerIndexPtr(),
                                  fx.S.innerIndexPtr(), fx.S.valuePtr());
  for (Method m : kAll) {
    const nmfkit::Options o = options_for(m, fx.A);
    check_threads(dense, o, nullptr, "dense, method " + std::to_string(static_cast<int>(m)));
    if (m != Method::lsnmf) check_threads(sparse, o, nullptr, "sparse, method " + std::to_string(static_cast<int>(m)));
  }
}

TEST(fast_method_variants_fit_the_same_with_1_and_2_threads) {
  const Fixture& fx = fixture();
  const nmfkit::DenseData dense(fx.A.data(), kM, kN);
  const nmfkit::SparseData sparse(kM, kN, static_cast<int>(fx.S.nonZeros()), fx.S.outerIndexPtr(),
                                  fx.S.innerIndexPtr(), fx.S.valuePtr());
  // excluded cells (i * 3 + j) % 17 == 0, weights, a hold-out by hash
  std::vector<int> p{0}, idx;
  for (int j = 0; j < kN; ++j) {
    for (int i = 0; i < kM; ++i)
      if ((i * 3 + j) % 17 == 0) idx.push_back(i);
    p.push_back(static_cast<int>(idx.size()));
  }
  std::vector<nmfkit::Mask> masks(3);
  masks[0] = nmfkit::exclude_mask(kM, kN, p.data(), idx.data());
  masks[1].fwd.mode = masks[1].bwd.mode = nmfkit::SideMask::Mode::weights;
  masks[1].fwd.v = masks[1].bwd.v = fx.weight.data();
  masks[1].fwd.v_rows = masks[1].bwd.v_rows = kM;
  masks[2].fwd.holdout = masks[2].bwd.holdout = 0.1;
  masks[2].fwd.seed = masks[2].bwd.seed = 99;
  for (nmfkit::Mask& mk : masks) mk.bwd.transposed = true;
  for (Method m : {Method::hals, Method::anls, Method::kl}) {
    for (int variant = 0; variant < 6; ++variant) {
      nmfkit::Options o = options_for(m, fx.A);
      const nmfkit::Mask* mask = nullptr;
      switch (variant) {
        case 0: o.extrapolate = false; break;
        case 1: o.l1_h = 0.1; o.l2_w = 0.5; break;
        case 2: o.fixed_w = true; break;
        case 3: mask = &masks[0]; break;
        case 4: mask = &masks[m == Method::kl ? 2 : 1]; break;
        default: mask = &masks[2]; o.extrapolate = false; o.fixed_h = true; break;
      }
      const std::string what = "method " + std::to_string(static_cast<int>(m)) + ", variant " + std::to_string(variant);
      check_threads(dense, o, mask, "dense, " + what);
      check_threads(sparse, o, mask, "sparse, " + what);
    }
  }
}

TEST(run_refuses_what_it_cannot_fit) {
  const Fixture& fx = fixture();
  const nmfkit::DenseData dense(fx.A.data(), kM, kN);
  const nmfkit::SparseData sparse(kM, kN, static_cast<int>(fx.S.nonZeros()), fx.S.outerIndexPtr(),
                                  fx.S.innerIndexPtr(), fx.S.valuePtr());
  nmfkit::Options o = options_for(Method::hals, fx.A);
  o.stop = StopRule::snmf;  // snmf's rule without snmf
  CHECK_THROWS(fit_with(dense, o, 1, nullptr), std::invalid_argument);
  o = options_for(Method::snmf_r, fx.A);
  o.stop = StopRule::relative;  // snmf without its rule
  CHECK_THROWS(fit_with(dense, o, 1, nullptr), std::invalid_argument);
  o = options_for(Method::lsnmf, fx.A);
  CHECK_THROWS(fit_with(sparse, o, 1, nullptr), std::invalid_argument);  // ls-nmf on sparse data
  // a rule the method's registry does not give it is still honoured
  o = options_for(Method::lee, fx.A);
  o.stop = StopRule::stationary;
  o.stationary_th = 1e300;  // any window is flat: stops at the first window's end
  const nmfkit::Result r = fit_with(dense, o, 1, nullptr);
  CHECK_EQ(r.niter, o.stationary_niter);
  CHECK(r.stop == nmfkit::Stop::converged);
}
