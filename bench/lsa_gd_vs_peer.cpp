// The suite's exact LSA ≡ GD check on the fractions peer's draws (bench/peer_draws.py writes them): the same
// residual as vonoswald2023/C1–C3 (K stacked K1 layers against K GD steps, every token compared), timed per case.
//   lsa_gd_vs_peer DRAWS [flint|per-entry]   → "cases=… seconds=… cases_per_s=…"
//   lsa_gd_vs_peer --demo [flint|per-entry]  → the notebook demo (d = 12, d_y = 8, N = 45, K = 100) exactly
//   lsa_gd_vs_peer --demo-mpfr BITS          → the same demo in MPFR at BITS bits (construction − oracle, max)
// Exit 1 if any case differs (the check is real, not only timed).
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "core/allocator.hpp"
#include "properties/vonoswald2023/demo.hpp"
#include "properties/vonoswald2023/gd_stack.hpp"

namespace {

using namespace icl;
using vonoswald2023::GdStack;

// One peer instance: the context and query inputs, y = w^T x, W_0, η_k.
struct Draw {
  Mat<Rational> X, Y, W0, xt;
  std::vector<Rational> etas;
};

Rational read_rational(std::istream& in) {
  std::string s;
  if (!(in >> s)) throw std::runtime_error("draws file ends early");
  return Rational(s);
}

std::vector<Draw> read_draws(const std::string& path, GdStack::Shape& shape) {
  std::ifstream in(path);
  int cases = 0;
  if (!(in >> shape.d >> shape.N >> shape.K >> cases)) throw std::runtime_error("bad draws header in " + path);
  shape.dy = 1;
  std::vector<Draw> draws(cases);
  for (auto& t : draws) {
    Mat<Rational> rows(shape.N + 1, shape.d);
    for (Index i = 0; i < rows.size(); ++i) rows(i / shape.d, i % shape.d) = read_rational(in);
    t.X = rows.topRows(shape.N).transpose();
    t.xt = rows.bottomRows(1).transpose();
    t.W0.resize(1, shape.d);
    for (Index k = 0; k < shape.d; ++k) t.W0(0, k) = read_rational(in);
    Mat<Rational> w(1, shape.d);
    for (Index k = 0; k < shape.d; ++k) w(0, k) = read_rational(in);
    t.Y = w * t.X;
    for (int k = 0; k < shape.K; ++k) t.etas.push_back(read_rational(in));
  }
  return draws;
}

// Hands GdStack::residual the draw's matrices in the order it asks for them.
struct DrawSource {
  using Scalar = Rational;
  const Draw& t;
  size_t next_eta = 0;
  Rational scalar(const std::string&) { return t.etas.at(next_eta++); }
  Mat<Rational> matrix(Index, Index, const std::string& name) {
    if (name == "X") return t.X;
    if (name == "Y") return t.Y;
    if (name == "W_0") return t.W0;
    if (name == "x_test") return t.xt;
    throw std::logic_error("unexpected draw " + name);
  }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  icl::keep_freed_memory();
  if (argc < 2) {
    std::cerr << "usage: lsa_gd_vs_peer DRAWS|--demo [flint|per-entry]\n";
    return 2;
  }
  if (std::string(argv[1]) == "--demo-mpfr" && argc == 3) {
    const int bits = std::atoi(argv[2]);
    if (bits < 16 || bits > 1 << 16) {
      std::cerr << "error: BITS must be in [16, 65536]\n";
      return 2;
    }
    const PrecisionScope scope(bits);
    const auto demo = vonoswald2023::make_demo(20230607);
    const auto t0 = std::chrono::steady_clock::now();
    const auto [constructed, expected] = vonoswald2023::demo_tokens<Mpfr>(demo, Defect{});
    const double s = seconds_since(t0);
    const double err = to_double(Mpfr((constructed - expected).cwiseAbs().maxCoeff()));
    std::printf("demo mpfr bits=%d max_error=%.3g seconds=%.3f\n", scope.bits(), err, s);
    return 0;
  }
  const std::string path_arg = argc > 2 ? argv[2] : "flint";
  if (path_arg != "flint" && path_arg != "per-entry") {
    std::cerr << "error: path must be flint or per-entry\n";
    return 2;
  }
  exact::ProductPathScope path(path_arg == "flint" ? exact::ProductPath::Flint : exact::ProductPath::PerEntry);
  try {
    if (std::string(argv[1]) == "--demo") {
      const auto demo = vonoswald2023::make_demo(20230607);
      const auto t0 = std::chrono::steady_clock::now();
      const auto [constructed, expected] = vonoswald2023::demo_tokens<Rational>(demo, Defect{});
      const double s = seconds_since(t0);
      const bool equal = constructed == expected;
      std::printf("demo d=12 d_y=8 N=45 K=100 path=%s equal=%d seconds=%.3f\n", path_arg.c_str(), equal, s);
      return equal ? 0 : 1;
    }
    GdStack::Shape shape{};
    const auto draws = read_draws(argv[1], shape);
    const GdStack id{shape.K, shape.K, GdStack::Compare::AllTokens, Defect{}};
    bool all_equal = true;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& t : draws) {
      DrawSource src{t};
      const Mat<Rational> r = id.residual(shape, src);
      for (Index i = 0; i < r.size(); ++i) all_equal = all_equal && r(i) == 0;
    }
    const double s = seconds_since(t0);
    std::printf("d=%d N=%d K=%d path=%s cases=%zu seconds=%.3f cases_per_s=%.2f equal=%d\n", shape.d, shape.N, shape.K,
                path_arg.c_str(), draws.size(), s, draws.size() / s, all_equal);
    return all_equal ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
