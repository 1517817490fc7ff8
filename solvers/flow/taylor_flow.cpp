#include "solvers/flow/taylor_flow.hpp"

#include "theory/scalar.hpp"

#include <stdexcept>

namespace irverify {

template <class S>
TaylorFlow<S>::TaylorFlow(Program<S> field, Deadline deadline, S tol)
    : field_(std::move(field)), deadline_(std::move(deadline)), tol_(std::move(tol)) {
  using std::ceil;
  using std::log;
  if (!(tol_ > 0) || !(tol_ < 1)) throw std::invalid_argument("TaylorFlow: tolerance must be in (0, 1)");
  if (field_.num_inputs() != field_.num_outputs()) throw std::invalid_argument("TaylorFlow: field must be square");
  order_ = static_cast<int>(ceil(-log(to_double(tol_)) / 2)) + 1;
}

namespace {

// Series storage: coefficient k of node n at c[n * (K+1) + k].
template <class S> struct Series {
  Series(std::size_t nodes, int K) : K1(K + 1), c(nodes * (K + 1)), aux(nodes * (K + 1)) {}
  S& at(std::size_t n, int k) { return c[n * K1 + k]; }
  S& aux_at(std::size_t n, int k) { return aux[n * K1 + k]; }  // tanh: series of tanh^2; sin, cos: of cos, sin
  std::size_t K1;
  std::vector<S> c, aux;
};

// Coefficient k of every node, given the inputs' coefficients 0..k and all nodes' 0..k-1. A ReLU/step whose argument is
// exactly 0 takes the branch side[argument] > 0 (the side a crossing just entered; 0: off), not always "off": a step
// ended on a kink leaves its argument at 0 to rounding, and the next step must continue on the new branch.
template <class S> void propagate(const Tape<S>& tape, Series<S>& s, int k, const std::vector<signed char>& side) {
  using Op = typename Tape<S>::Op;
  using std::cos;
  using std::exp;
  using std::log;
  using std::sin;
  using std::sqrt;
  using std::tanh;
  const auto& nodes = tape.nodes();
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    const auto& nd = nodes[n];
    S& out = s.at(n, k);
    switch (nd.op) {
      case Op::Input: break;  // set by the caller
      case Op::Add: out = s.at(nd.a, k) + s.at(nd.b, k); break;
      case Op::Sub: out = s.at(nd.a, k) - s.at(nd.b, k); break;
      case Op::Neg: out = -s.at(nd.a, k); break;
      case Op::AddC: out = k == 0 ? S(s.at(nd.a, 0) + nd.c) : s.at(nd.a, k); break;
      case Op::MulC: out = nd.c * s.at(nd.a, k); break;
      case Op::Mul: {
        S acc(0);
        for (int j = 0; j <= k; ++j) acc += s.at(nd.a, j) * s.at(nd.b, k - j);
        out = acc;
        break;
      }
      case Op::Tanh: {
        // t' = (1 - t^2) a':  k t_k = sum_{j=1..k} j a_j (1 - t^2)_{k-j};  aux = t^2.
        if (k == 0) {
          out = tanh(s.at(nd.a, 0));
        } else {
          S acc(0);
          for (int j = 1; j <= k; ++j) {
            const S w = (k - j == 0) ? S(1 - s.aux_at(n, 0)) : S(-s.aux_at(n, k - j));
            acc += j * s.at(nd.a, j) * w;
          }
          out = acc / k;
        }
        S sq(0);
        for (int j = 0; j <= k; ++j) sq += s.at(n, j) * s.at(n, k - j);
        s.aux_at(n, k) = sq;
        break;
      }
      case Op::Relu: {
        const S a0 = s.at(nd.a, 0);
        const bool on = a0 > 0 || (a0 == 0 && side[nd.a] > 0);
        out = on ? s.at(nd.a, k) : S(0);
        break;
      }
      case Op::Step: {
        const S a0 = s.at(nd.a, 0);
        out = (k == 0 && (a0 > 0 || (a0 == 0 && side[nd.a] > 0))) ? S(1) : S(0);
        break;
      }
      case Op::Exp: {  // y' = y a':  k y_k = sum_{j=1..k} j a_j y_{k-j}
        if (k == 0) {
          out = exp(s.at(nd.a, 0));
        } else {
          S acc(0);
          for (int j = 1; j <= k; ++j) acc += j * s.at(nd.a, j) * s.at(n, k - j);
          out = acc / k;
        }
        break;
      }
      case Op::Log: {  // a y' = a':  y_k = (a_k - (1/k) sum_{j=1..k-1} j y_j a_{k-j}) / a_0
        if (k == 0) {
          out = log(s.at(nd.a, 0));
        } else {
          S acc(0);
          for (int j = 1; j < k; ++j) acc += j * s.at(n, j) * s.at(nd.a, k - j);
          out = (s.at(nd.a, k) - acc / k) / s.at(nd.a, 0);
        }
        break;
      }
      case Op::Sqrt: {  // y^2 = a:  y_k = (a_k - sum_{j=1..k-1} y_j y_{k-j}) / (2 y_0)
        if (k == 0) {
          out = sqrt(s.at(nd.a, 0));
        } else {
          S acc(0);
          for (int j = 1; j < k; ++j) acc += s.at(n, j) * s.at(n, k - j);
          out = (s.at(nd.a, k) - acc) / (2 * s.at(n, 0));
        }
        break;
      }
      case Op::Sin:
      case Op::Cos: {
        // s' = c a', c' = -s a':  k s_k = sum_{j=1..k} j a_j c_{k-j},  k c_k = -sum_{j=1..k} j a_j s_{k-j};  the node's
        // series is s (Sin) or c (Cos), aux the other.
        const bool is_sin = nd.op == Op::Sin;
        S& sn = is_sin ? out : s.aux_at(n, k);
        S& cs = is_sin ? s.aux_at(n, k) : out;
        const auto sin_at = [&](int j) -> S& { return is_sin ? s.at(n, j) : s.aux_at(n, j); };
        const auto cos_at = [&](int j) -> S& { return is_sin ? s.aux_at(n, j) : s.at(n, j); };
        if (k == 0) {
          sn = sin(s.at(nd.a, 0));
          cs = cos(s.at(nd.a, 0));
        } else {
          S as(0), ac(0);
          for (int j = 1; j <= k; ++j) {
            as += j * s.at(nd.a, j) * cos_at(k - j);
            ac += j * s.at(nd.a, j) * sin_at(k - j);
          }
          sn = as / k;
          cs = -ac / k;
        }
        break;
      }
      case Op::Recip: {  // a y = 1:  y_k = -(sum_{j=1..k} a_j y_{k-j}) / a_0
        if (k == 0) {
          out = S(1) / s.at(nd.a, 0);
        } else {
          S acc(0);
          for (int j = 1; j <= k; ++j) acc += s.at(nd.a, j) * s.at(n, k - j);
          out = -acc / s.at(nd.a, 0);
        }
        break;
      }
    }
  }
}

template <class S> S horner(Series<S>& s, std::size_t n, int K, const S& h) {
  S acc = s.at(n, K);
  for (int k = K - 1; k >= 0; --k) acc = acc * h + s.at(n, k);
  return acc;
}

}  // namespace

template <class S> Vec<S> TaylorFlow<S>::integrate(const Vec<S>& x0, const S& t_end, FlowStats* stats) const {
  using std::abs;
  using std::exp;
  using std::pow;
  using Op = typename Tape<S>::Op;
  const Tape<S>& tape = *field_.tape;
  const int d = field_.num_inputs();
  if (x0.size() != d) throw std::invalid_argument("TaylorFlow: state has the wrong dimension");
  if (t_end < 0) throw std::invalid_argument("TaylorFlow: negative time");
  const int K = order_;
  const S shrink = exp(S(-2));
  const auto& in = tape.inputs();
  std::vector<int> kinks;  // arguments of piecewise nodes
  for (const auto& nd : tape.nodes())
    if (nd.op == Op::Relu || nd.op == Op::Step) kinks.push_back(nd.a);
  std::vector<signed char> side(tape.nodes().size(), 0);  // the branch entered by the last crossing of an argument

  Series<S> s(tape.nodes().size(), K);
  // State series x_0..x_K, one row per component.
  std::vector<S> X(static_cast<std::size_t>(d) * (K + 1));
  Vec<S> x = x0;
  S t(0);
  long steps = 0, kink_events = 0;
  constexpr long kMaxKinkEvents = 100000;
  while (t < t_end) {
    deadline_.check();
    for (int i = 0; i < d; ++i) X[i * (K + 1)] = x(i);
    for (int k = 0; k < K; ++k) {
      for (int i = 0; i < d; ++i) s.at(in[i], k) = X[i * (K + 1) + k];
      propagate(tape, s, k, side);
      for (int i = 0; i < d; ++i) {
        const Var<S>& o = field_.outputs[i];
        const S fk = o.is_constant() ? (k == 0 ? o.value : S(0)) : s.at(o.index, k);
        X[i * (K + 1) + k + 1] = fk / (k + 1);
      }
    }
    for (int i = 0; i < d; ++i) s.at(in[i], K) = X[i * (K + 1) + K];
    propagate(tape, s, K, side);  // needed only for the kink test (nodes' degree-K terms)

    const S scale = std::max(S(1), S(x.cwiseAbs().maxCoeff()));
    S h = t_end - t;
    for (int j : {K - 1, K}) {
      S nj(0);
      for (int i = 0; i < d; ++i) nj = std::max(nj, S(abs(X[i * (K + 1) + j])));
      if (nj > 0) h = std::min(h, S(shrink * pow(S(scale / nj), S(1) / j)));
    }
    // A ReLU/step argument changing sign within the step: bisect for the crossing and end the step just
    // past it, so the next step starts on the other branch.
    auto reaches = [&](int a, const S& hh) {  // the argument reaches 0 or the other side by hh
      const S a0 = s.at(a, 0), p = horner(s, a, K, hh);
      return a0 > 0 ? p <= 0 : a0 < 0 ? p >= 0 : false;
    };
    auto crosses = [&](const S& hh) {
      for (int a : kinks)
        if (reaches(a, hh)) return true;
      return false;
    };
    if (!kinks.empty() && crosses(h)) {
      S lo(0), hi = h;
      for (int it = 0; it < std::numeric_limits<S>::digits + 8 && hi - lo > hi * eps<S>(); ++it) {
        const S mid = (lo + hi) / 2;
        (crosses(mid) ? hi : lo) = mid;
      }
      h = hi;
      for (int a : kinks)  // the arguments that reach 0 by hi continue on the other side, even if they end at 0
        if (reaches(a, h)) side[a] = s.at(a, 0) > 0 ? -1 : 1;
      if (++kink_events > kMaxKinkEvents)
        throw std::runtime_error(
            "TaylorFlow: the flow keeps crossing a ReLU kink (sliding along a non-smooth set); the classical "
            "gradient flow is not defined there");
    }
    if (!(h > 0)) throw std::runtime_error("TaylorFlow: step size underflow");
    for (int i = 0; i < d; ++i) {
      S acc = X[i * (K + 1) + K];
      for (int k = K - 1; k >= 0; --k) acc = acc * h + X[i * (K + 1) + k];
      x(i) = acc;
    }
    t = (t_end - t == h) ? t_end : S(t + h);
    if (++steps > 10000000) throw std::runtime_error("TaylorFlow: too many steps");
  }
  if (stats) {
    stats->steps = steps;
    stats->order = K;
  }
  return x;
}

#define IRVERIFY_INST(S) template class TaylorFlow<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
