// Zhang & Cao family: the block trainer, the trained-layer fixture and the gradient check of C14–C16.
#include "properties/zhangcao2026/teacher.hpp"

#include "core/finite_difference.hpp"
#include "training/fixture.hpp"
#include "training/trainer.hpp"

namespace icl::zhangcao2026 {

Trained train_blocks(const Size& s, const Sample& sample, Blocks p, long steps, const RunConfig& cfg) {
  Trained t{p, {}};
  t.curve = training::train_loop(
      {steps + 1, 10, training::Record::Sample, "C14: block layer"},
      [&](long k) {
        Blocks g;
        const double loss = loss_and_gradient(t.p, sample, &g);
        if (k < steps) {  // the last pass only records the final loss
          t.p.A -= s.lr * g.A;
          t.p.B -= s.lr * g.B;
        }
        return loss;
      },
      cfg);
  return t;
}

namespace {

// The trained layer for a run configuration and teacher (the broken teacher trains a model of its own).
const Trained& trained_layer(const RunConfig& cfg, const Size& s, Defect defect) {
  static std::map<std::string, Trained> layers;  // the fixture holds the matrices; this the typed view
  const std::string key = fmt::format("zhangcao2026/teacher-layer d={} N={} M={} steps={} eta={} lr={} seed={} teacher={}",
                                      s.d, s.N, s.M, s.steps, s.eta, s.lr, cfg.seed, defect.name);
  if (auto it = layers.find(key); it != layers.end()) return it->second;
  const training::TrainedModel& tm = training::fixture(key, [&] {
    cfg.report_progress(fmt::format("C14: training the layer (d={}, N={}, M={}, {} steps)", s.d, s.N, s.M, s.steps));
    const Sample sample = teacher_sample(s, cfg.seed_for("zhangcao2026/C14", "sample"), defect);
    const Trained t = train_blocks(s, sample, random_blocks(s.d, cfg.seed_for("zhangcao2026/C14", "init"), 0.1), s.steps, cfg);
    return training::TrainedModel{{t.p.A, t.p.B}, t.curve};
  });
  return layers.emplace(key, Trained{Blocks{tm.params.at(0), tm.params.at(1)}, tm.curve}).first->second;
}

Size default_size() {
  Size s;
  s.M = 64;
  s.steps = 400;
  return s;
}

const training::FixtureRegistration teacher_fixture("zhangcao2026/teacher-layer", [](const RunConfig& cfg) {
  trained_layer(cfg, default_size(), Defect{});
});

}  // namespace

const Trained& trained(const Context& ctx) { return trained_layer(ctx.config(), size_from(ctx), ctx.defect()); }

training::GradientCheck gradient_check(const Size& s, uint64_t seed) {
  const Sample sample = teacher_sample(Size{s.d, s.N, 2, 1, s.eta, s.lr}, seed, Defect{});
  const Blocks p = random_blocks(s.d, seed + 1, 0.5);
  Blocks g;
  loss_and_gradient(p, sample, &g);
  PrecisionScope scope(kCentralDifferenceBits);
  Mat<Mpfr> A = p.A.cast<Mpfr>(), B = p.B.cast<Mpfr>();
  std::vector<Mpfr*> entries;
  std::vector<Mpfr> analytic;
  for (Index i = 0; i < A.size(); ++i) {
    entries.push_back(&A(i));
    analytic.push_back(Mpfr(g.A(i)));
  }
  for (Index i = 0; i < B.size(); ++i) {
    entries.push_back(&B(i));
    analytic.push_back(Mpfr(g.B(i)));
  }
  return training::check_gradient(entries, analytic, ScalarTraits<double>::unit_roundoff(), [&] {
    Mpfr total(0);
    const SoftmaxLayer<Mpfr> layer = block_layer<Mpfr>(A, B);
    for (size_t m = 0; m < sample.Z.size(); ++m) {
      const Prompt<Mpfr> out = forward(layer, zc::ngd_prompt<Mpfr>(sample.Z[m].cast<Mpfr>(), sample.w0[m].cast<Mpfr>(),
                                                                   Vec<Mpfr>(Vec<Mpfr>::Zero(s.d))));
      total += Mpfr((zc::state(out) - sample.target[m].cast<Mpfr>()).squaredNorm()) / Mpfr(sample.Z.size());
    }
    return total;
  });
}

}  // namespace icl::zhangcao2026
