#include "solvers/sde/sme_monte_carlo.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/random/counter_stream.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace irverify {

namespace {

// Scratch of one thread: the examples, residuals, coefficients and the step.
template <class S> struct SmeScratch {
  std::vector<std::uint32_t> all, one{0};
  Vec<S> r, c, r1 = Vec<S>(1), c1 = Vec<S>(1), step;
  SmeScratch(int N, int d) : all(N), r(N), c(N), step(d) { std::iota(all.begin(), all.end(), 0u); }
};

// One Euler-Maruyama step of size dt on the increment z ~ N(0, I_N) of the time dt (scaled to unit variance).
template <class S>
void em_step(const Model<S>& m, Vec<S>& x, const S& eta, const S& dt, const std::vector<double>& z, SmeScratch<S>& s) {
  using std::sqrt;
  const int N = static_cast<int>(z.size());
  double zbar = 0;
  for (double v : z) zbar += v;
  zbar /= N;
  m.residuals(x, s.all, s.r);
  const S drift = -dt / S(N), amp = sqrt(S(eta * dt / S(N)));
  for (int i = 0; i < N; ++i) s.c(i) = s.r(i) * (drift + amp * S(z[i] - zbar));
  s.step.setZero();
  m.add_output_gradients(x, s.all, s.c, s.step);
  x += s.step;
}

// The control variate of SGD: its noise's first-order effect on phi along the GD path xbar_k, sum_k w_k' zeta_k(gamma_k),
// zeta_k(i) = g(xbar_k) - g_i(xbar_k), w_k = eta prod_{j>k} (I - eta H(xbar_j)) grad phi(xbar_n) (a backward pass).
// Its mean is exactly 0 for uniform gamma_k: the table holds w_k' zeta_k(i) at [(k N + i) P + p].
template <class S>
std::vector<S> sgd_control_variate(const Model<S>& m, const Vec<S>& theta0, const S& eta, long n,
                                   const std::function<Mat<S>(const Vec<S>&)>& phi_gradient, Eigen::Index P) {
  const int N = m.num_examples();
  const Batch all = m.all_examples();
  std::vector<Vec<S>> path{theta0};
  for (long k = 0; k < n; ++k) path.push_back(path.back() - eta * m.gradient(path.back(), all));
  Mat<S> A = phi_gradient(path[n]);  // d x P
  std::vector<S> table(static_cast<std::size_t>(n * N * P));
  for (long k = n - 1; k >= 0; --k) {
    const Vec<S> g = m.gradient(path[k], all);
    for (int i = 0; i < N; ++i) {
      const Vec<S> w = eta * (A.transpose() * Vec<S>(g - m.gradient(path[k], Batch{i})));
      for (Eigen::Index p = 0; p < P; ++p) table[(k * N + i) * P + p] = w(p);
    }
    A -= eta * (m.hessian(path[k], all) * A);
  }
  return table;
}

}  // namespace

template <class S>
SmeWeakEstimate<S> sgd_sme_weak(const Model<S>& m, const Vec<S>& theta0, const S& eta, long n,
                                const std::function<Vec<S>(const Vec<S>&)>& phi,
                                const std::function<Mat<S>(const Vec<S>&)>& phi_gradient, const RunControl& run) {
  const int N = m.num_examples(), d = m.dim();
  if (!(eta > 0) || n < 1 || run.samples < 2 || theta0.size() != d) throw std::invalid_argument("sgd_sme_weak: needs eta > 0, n >= 1, runs >= 2");
  const Eigen::Index P = phi(theta0).size();
  const std::vector<S> cv = sgd_control_variate<S>(m, theta0, eta, n, phi_gradient, P);
  const MomentSums<S> tot = block_reduce(BlockReduceOptions{run, 16}, MomentSums<S>(8 * P), [&] {
    return [&, s = SmeScratch<S>(N, d), draws = std::vector<double>(static_cast<std::size_t>(4 * n * N)),
            z = std::vector<double>(N), v = Vec<S>(8 * P), w = Vec<S>(8 * P)](long k, MomentSums<S>& acc) mutable {
      CounterStream src(run.seed, run_stream(static_cast<std::uint64_t>(k), "sgd_sme_weak"), kSmeDomain);
      for (double& x : draws) x = src.normal();  // [(step 4 + fine) N + i]
      v.setZero();
      for (double sign : {1.0, -1.0}) {  // the antithetic pair: every increment negated
        Vec<S> sgd = theta0, em[3] = {theta0, theta0, theta0};  // steps eta, eta/2, eta/4
        Vec<S> lin = Vec<S>::Zero(P);                             // the control variate's value
        for (long step = 0; step < n; ++step) {
          const double* fine = draws.data() + step * 4 * N;
          // The SDE at eta/4, eta/2 and eta: sums of 1, 2, 4 fine increments, normalized.
          for (int L = 2; L >= 0; --L) {
            const int sub = 1 << L, per = 4 / sub;
            const S dt = eta / S(sub);
            for (int j = 0; j < sub; ++j) {
              for (int i = 0; i < N; ++i) {
                double a = 0;
                for (int q = 0; q < per; ++q) a += fine[(j * per + q) * N + i];
                z[i] = sign * a / std::sqrt(double(per));
              }
              em_step(m, em[L], eta, dt, z, s);
            }
          }
          // SGD on the example where the eta-step increment (z, last computed) is smallest.
          s.one[0] = static_cast<std::uint32_t>(std::min_element(z.begin(), z.end()) - z.begin());
          for (Eigen::Index p = 0; p < P; ++p) lin(p) += cv[(step * N + s.one[0]) * P + p];
          m.residuals(sgd, s.one, s.r1);
          s.c1(0) = -eta * s.r1(0);
          s.step.setZero();
          m.add_output_gradients(sgd, s.one, s.c1, s.step);
          sgd += s.step;
        }
        const Vec<S> p_sgd = phi(sgd) - lin, p1 = phi(em[0]), p2 = phi(em[1]), p4 = phi(em[2]);
        const Vec<S> rich = 2 * p4 - p2, coarse = 2 * p2 - p1;
        w << p_sgd, p1, p2, p4, rich, coarse, Vec<S>(p_sgd - rich), Vec<S>(rich - coarse);
        v += w / 2;
      }
      if (!all_finite(v)) throw NumericalFault("sgd_sme_weak: a path stopped being finite in run " + std::to_string(k));
      acc.add(v);
    };
  });
  const Vec<S> mean = tot.mean(run.samples), se = tot.std_error(run.samples);
  auto part = [&](const Vec<S>& x, int j) { return Vec<S>(x.segment(j * P, P)); };
  SmeWeakEstimate<S> e;
  e.sgd = part(mean, 0);
  e.em_eta = part(mean, 1);
  e.em_half = part(mean, 2);
  e.em_quarter = part(mean, 3);
  e.rich = part(mean, 4);
  e.rich_coarse = part(mean, 5);
  e.diff = part(mean, 6);
  e.se_sgd = part(se, 0);
  e.se_rich = part(se, 4);
  e.se_diff = part(se, 6);
  e.se_rich_gap = part(se, 7);
  e.runs = run.samples;
  return e;
}

#define IRVERIFY_INST(S)                                                                                                   \
  template SmeWeakEstimate<S> sgd_sme_weak<S>(const Model<S>&, const Vec<S>&, const S&, long,                            \
                                              const std::function<Vec<S>(const Vec<S>&)>&,                               \
                                              const std::function<Mat<S>(const Vec<S>&)>&, const RunControl&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
