#include "solvers/eos/central_flow.hpp"

#include <stdexcept>

namespace irverify {

template <class S>
CentralFlowPath<S> central_flow(const SharpnessFunctions<S>& f, const Vec<S>& w0, const S& eta, long steps, int sub,
                                bool constrained, const Deadline& deadline) {
  if (steps < 0 || sub < 1 || !(eta > 0)) throw std::invalid_argument("central_flow: needs steps >= 0, sub >= 1, eta > 0");
  const S edge = S(2) / eta, dt = S(1) / S(sub);
  bool on = false;
  auto sigma2 = [&](const Vec<S>& w) {
    if (!on) return S(0);
    const Vec<S> gS = f.grad_sharpness(w);
    return S(2 * (-f.grad_loss(w).dot(gS)) / gS.squaredNorm());
  };
  auto field = [&](const Vec<S>& w) {
    Vec<S> v = -eta * f.grad_loss(w);
    if (on) v -= (eta * sigma2(w) / 2) * f.grad_sharpness(w);
    return v;
  };
  CentralFlowPath<S> out;
  Vec<S> w = w0;
  out.w.push_back(w);
  out.sigma2.push_back(S(0));
  for (long n = 0; n < steps; ++n) {
    deadline.check();
    for (int j = 0; j < sub; ++j) {
      const Vec<S> k1 = field(w), k2 = field(Vec<S>(w + (dt / 2) * k1)), k3 = field(Vec<S>(w + (dt / 2) * k2)),
                   k4 = field(Vec<S>(w + dt * k3));
      w += (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      if (constrained && !on && f.sharpness(w) >= edge) {
        on = true;
        if (out.onset < 0) out.onset = n + 1;
      }
      if (on) {
        const Vec<S> gS = f.grad_sharpness(w);
        w -= ((f.sharpness(w) - edge) / gS.squaredNorm()) * gS;
        if (sigma2(w) < 0) on = false;
      }
    }
    out.w.push_back(w);
    out.sigma2.push_back(sigma2(w));
  }
  return out;
}

#define IRVERIFY_INST(S)                                                                                           \
  template CentralFlowPath<S> central_flow<S>(const SharpnessFunctions<S>&, const Vec<S>&, const S&, long, int, bool, \
                                              const Deadline&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
