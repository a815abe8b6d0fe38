// Giannou family: the K5 network (one damped Newton step from attention and ReLU layers), its counts and its step.
#pragma once

#include <string>

#include <fmt/format.h>

#include "constructions/giannou2024/logistic_network.hpp"
#include "oracles/logistic.hpp"
#include "properties/giannou2024/family.hpp"

namespace icl::giannou2024 {

namespace gi = icl::giannou;

// K5's depth and width audit, used by ACC1.
struct NetworkCounts {
  long layers = 0, k = 0, max_heads = 0, relus = 0;
  std::string stages;
};

// ---- the K5 network ----
inline NetworkCounts newton_network_counts(double mu, double eps, long d, long n) {
  gi::NewtonNetworkSpec spec;
  spec.mu = mu;
  spec.eps = eps;
  const auto net = gi::newton_step_network<double>(d, n, spec);
  NetworkCounts c;
  c.layers = static_cast<long>(net.layers.size());
  c.k = net.k;
  c.max_heads = net.max_heads;
  c.relus = net.relus;
  for (const auto& [stage, count] : net.stage_layers) c.stages += fmt::format("{}{}:{}", c.stages.empty() ? "" : " ", stage, count);
  return c;
}

template <class S>
gi::NewtonNetwork<S> build_network(double mu, double eps, Defect defect) {
  gi::NewtonNetworkSpec spec;
  spec.mu = mu;
  spec.eps = eps;
  auto net = gi::newton_step_network<S>(3, 8, spec);
  if (defect == defects::Undamped)  // η̂ ≡ 1: drop the staircase, write η = 1
    for (auto& l : net.layers)
      if (l.name == "S8" && l.mlp) {
        l.mlp->W2.row(net.layout.eta()).setZero();
        l.mlp->b2(net.layout.eta()) = S(1);
      }
  return net;
}

template <class S>
Vec<S> network_step(const gi::NewtonNetwork<S>& net, const oracle::Logistic<S>& L, const Vec<S>& x) {
  Prompt<S> p = gi::logistic_prompt<S>(net.layout, L.A, L.y, x);
  for (const auto& l : net.layers) p = forward(l, p);
  return gi::read_iterate(p, net.layout);
}

}  // namespace icl::giannou2024
