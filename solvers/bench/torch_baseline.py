#!/usr/bin/env python3
"""The grouped PyTorch baseline of issue 34: sgd_bench's BM_McSimdKernel job written as a PyTorch user would.

The job: least squares, N = 64 examples, d features, batches of B = 4 (16 per epoch), double precision; S independent
runs, each one epoch from theta0 in a uniformly random batch order, theta <- theta - (eps / B) sum_{i in batch}
(x_i . theta - y_i) x_i; the mean and standard error of the final theta (data drawn at random in the same shapes:
the rate does not depend on the values). Runs are grouped (R at a time) so each step is one batched product over the
group: torch.bmm, or broadcast multiply and sum ("mul", faster at d = 256); the batch orders are drawn in bulk
(argsort of uniforms), the examples gathered per step. Rate = S N per-example gradients per second, as sgd_bench's
grad/s counter. Every (variant, group size) is timed; the best is PyTorch's figure. A self-test first checks both
variants against a per-example loop.

Usage: /usr/bin/python3 solvers/bench/torch_baseline.py [--d 16 256] [--threads 1] [--reps 5] [--json OUT]
Needs Debian's python3-torch (apt-get install python3-torch); not part of the main job or the tests.
"""
import argparse
import json
import re
import statistics
import time

import torch

N, B = 64, 4


def problem(d, gen):
    X = torch.randn(N, d, dtype=torch.float64, generator=gen) / d ** 0.5
    y = torch.randn(N, dtype=torch.float64, generator=gen)
    parts = torch.arange(N).reshape(N // B, B)  # batch k = examples 4k..4k+3, as sgd_bench's partition
    return X, y, parts


def grouped_epochs(X, y, parts, theta0, eps, samples, group, gen, variant="bmm"):
    """Mean and standard error over `samples` one-epoch runs, `group` runs per batched step."""
    d, m = X.shape[1], parts.shape[0]
    total = torch.zeros(d, dtype=X.dtype)
    total_sq = torch.zeros(d, dtype=X.dtype)
    for s0 in range(0, samples, group):
        R = min(group, samples - s0)
        orders = torch.argsort(torch.rand(R, m, generator=gen), dim=1)  # R batch orders, drawn in bulk
        idx = parts[orders]  # R x m x B example indices
        theta = theta0.expand(R, d).clone()
        for k in range(m):
            ik = idx[:, k]
            Xb = X[ik]  # R x B x d
            if variant == "bmm":
                r = torch.bmm(Xb, theta.unsqueeze(2)).squeeze(2) - y[ik]  # residuals, R x B
                theta.sub_(torch.bmm(r.unsqueeze(1), Xb).squeeze(1), alpha=eps / B)
            else:
                r = (Xb * theta.unsqueeze(1)).sum(-1) - y[ik]
                theta.sub_((r.unsqueeze(2) * Xb).sum(1), alpha=eps / B)
        total += theta.sum(0)
        total_sq += (theta * theta).sum(0)
    mean = total / samples
    se = ((total_sq / samples - mean * mean).clamp(min=0) * samples / (samples - 1) / samples).sqrt()
    return mean, se


def one_run(X, y, parts, theta0, eps, order):
    """The reference: one run's epoch, example by example."""
    theta = theta0.clone()
    for k in order:
        g = torch.zeros_like(theta)
        for i in parts[k]:
            g += (X[i] @ theta - y[i]) * X[i]
        theta -= eps / B * g
    return theta


def self_test():
    gen = torch.Generator().manual_seed(1)
    X, y, parts = problem(5, gen)
    theta0 = torch.randn(5, dtype=torch.float64, generator=gen)
    g1 = torch.Generator().manual_seed(7)
    orders = torch.argsort(torch.rand(3, parts.shape[0], generator=g1), dim=1)
    ref = sum(one_run(X, y, parts, theta0, 0.1, o.tolist()) for o in orders) / 3
    for variant in ("bmm", "mul"):
        g2 = torch.Generator().manual_seed(7)
        mean, _ = grouped_epochs(X, y, parts, theta0, 0.1, 3, 3, g2, variant)
        err = (mean - ref).abs().max().item()
        assert err < 64 * torch.finfo(torch.float64).eps, f"{variant}: grouped epochs differ from the loop by {err}"


def cpu_capability():
    m = re.search(r"CPU capability usage: (\S+)", torch.__config__.show())
    return m.group(1) if m else "CPU capability unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--d", type=int, nargs="+", default=[16, 256])
    ap.add_argument("--groups", type=int, nargs="+", default=[32, 64, 256, 1024])
    ap.add_argument("--samples", type=int, default=32768)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--json")
    a = ap.parse_args()
    if a.threads < 1 or a.reps < 1 or a.samples < 2 or min(a.groups) < 1 or min(a.d) < 1:
        ap.error("d, groups, threads and reps must be positive, samples at least 2")
    torch.set_num_threads(a.threads)
    self_test()
    rows = []
    print(f"torch {torch.__version__}, {a.threads} thread(s), {cpu_capability()}, "
          f"N = {N}, B = {B}, S = {a.samples}, medians of {a.reps}")
    for d in a.d:
        gen = torch.Generator().manual_seed(11)
        X, y, parts = problem(d, gen)
        theta0 = torch.zeros(d, dtype=torch.float64)
        for variant in ("bmm", "mul"):
            for group in a.groups:
                times = []
                for _ in range(a.reps):
                    t0 = time.perf_counter()
                    grouped_epochs(X, y, parts, theta0, 1e-3, a.samples, group, gen, variant)
                    times.append(time.perf_counter() - t0)
                t = statistics.median(times)
                rows.append({"d": d, "variant": variant, "group": group, "median_seconds": t, "grad_per_s": a.samples * N / t})
                print(f"d = {d:4d}  {variant}  group = {group:5d}  {t:8.4f} s  {a.samples * N / t:.3e} grad/s", flush=True)
        best = max((r for r in rows if r["d"] == d), key=lambda r: r["grad_per_s"])
        print(f"d = {d:4d}  best: {best['variant']}, group {best['group']}: {best['grad_per_s']:.3e} grad/s", flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"torch": torch.__version__, "threads": a.threads, "rows": rows}, f, indent=2)


if __name__ == "__main__":
    main()
