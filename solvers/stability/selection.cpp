#include "solvers/stability/selection.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/parallel/block_map.hpp"
#include "solvers/stability/interpolating_minimum.hpp"
#include "solvers/stability/linear_growth.hpp"
#include "solvers/stability/return_fraction.hpp"
#include "theory/random/counter_stream.hpp"

#include <algorithm>
#include <numeric>

namespace irverify {

namespace {

// The diagonal network's loss and step in double (the header's formulas).
struct FastDiag {
  const Mat<double>& X;
  const Vec<double>& y;
  bool uv;
  int p;
  Vec<double> beta(const Vec<double>& th) const {
    const auto u = th.head(p), v = th.tail(p);
    return uv ? Vec<double>(u.cwiseProduct(v)) : Vec<double>(u.cwiseProduct(u) - v.cwiseProduct(v));
  }
  double loss(const Vec<double>& th) const { return (X * beta(th) - y).squaredNorm() / (2.0 * X.rows()); }
  void step(Vec<double>& th, const std::vector<int>& b, double eta, Vec<double>& q) const {
    const Vec<double> be = beta(th);
    q.setZero();
    for (int i : b) q += (X.row(i).dot(be) - y(i)) * X.row(i).transpose();
    q /= static_cast<double>(b.size());
    const Vec<double> u = th.head(p), v = th.tail(p);
    if (uv) {
      th.head(p) -= eta * q.cwiseProduct(v);
      th.tail(p) -= eta * q.cwiseProduct(u);
    } else {
      th.head(p) -= 2 * eta * q.cwiseProduct(u);
      th.tail(p) += 2 * eta * q.cwiseProduct(v);
    }
  }
};

// Run `run` from its random start until it converges, diverges or runs out of steps; theta is its last iterate.
RunEnd train(const DiagNet<double>& model, const FastDiag& net, const SelectionOptions& opt, long run, Vec<double>& th) {
  const int N = model.num_examples();
  CounterStream init(opt.run.seed, static_cast<std::uint32_t>(run), kSelectionStartDomain);
  th.resize(2 * net.p);
  for (int j = 0; j < 2 * net.p; ++j) th(j) = 2 * init.uniform() - 1;
  CounterStream rng(opt.run.seed, static_cast<std::uint32_t>(run * 64 + opt.stream), kSelectionBatchDomain);
  std::vector<int> all(N), batch(std::max(opt.B, 1)), perm(N);
  std::iota(all.begin(), all.end(), 0);
  Vec<double> q(net.p);
  auto step = [&](Vec<double>& x) {
    if (opt.B == 0) return net.step(x, all, opt.eta, q);
    draw_batch(rng, N, opt.sampling, perm, batch);
    net.step(x, batch, opt.eta, q);
  };
  RunEnd end = RunEnd::not_converged;
  int near = 0;  // consecutive epoch checks within converged_distance of the minima
  auto stop = [&](long k, const Vec<double>& x) {
    if ((k - 1) % N != 0) return false;
    if (!(net.loss(x) < kSelectionDivergedLoss)) {
      end = RunEnd::diverged;
      return true;
    }
    near = distance_to_minima(model, x) <= opt.converged_distance ? near + 1 : 0;
    if (near == opt.converged_window) end = RunEnd::converged;
    return end == RunEnd::converged;
  };
  iterate_until(step, th, opt.max_steps, stop, DeadlineCheck{&opt.run.deadline, 1024});
  return end;
}

}  // namespace

std::vector<SelectionRun> selection_runs(const DiagNet<double>& model, const SelectionOptions& opt) {
  const FastDiag net{model.X(), model.y(), model.diag_kind() != DiagKind::UUVV, model.features()};
  const double tol = minimum_residual_tolerance<double>(model);
  return block_map<SelectionRun>(BlockReduceOptions{opt.run, 1}, [&](long run) {
    SelectionRun r;
    Vec<double> th;
    r.end = train(model, net, opt, run, th);
    if (r.end == RunEnd::converged) r.polished = gauss_newton_minimum<double>(model, th, tol);
    return r;
  });
}

}  // namespace irverify
