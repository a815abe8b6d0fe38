// Zhang & Cao family: the block trainer, the trained-layer fixture and the gradient check of C14–C16.
#include "properties/zhangcao2026/teacher.hpp"
#include "properties/zhangcao2026/tolerances.hpp"

#include "core/finite_difference.hpp"
#include "training/fixture.hpp"
#include "training/trainer.hpp"

namespace icl::zhangcao2026 {

// Full-batch GD as a monotone proxy for gradient flow (spec §8: "small steps"): a step that fails Armijo's sufficient
// decrease L(θ − lr·g) ≤ L(θ) − kArmijo·lr·‖g‖² is undone and the rate halved for the rest of the run (a rate above
// 2/curvature makes GD oscillate across a valley instead of descending it).
Trained train_blocks(const Size& s, const Sample& sample, Blocks p, long steps, const RunConfig& cfg, bool ascent) {
  Trained t{p, {}};
  double lr = s.lr, previous_loss = 0;
  Blocks previous = p, previous_g{Mat<double>::Zero(p.A.rows(), p.A.cols()), Mat<double>::Zero(p.B.rows(), p.B.cols())};
  t.curve = training::train_loop(
      {steps + 1, 10, training::Record::Sample, "C14: block layer"},
      [&](long k) {
        Blocks g;
        double loss = loss_and_gradient(t.p, sample, &g);
        if (ascent) {
          g.A = -g.A;
          g.B = -g.B;
        }
        const double g2 = previous_g.A.squaredNorm() + previous_g.B.squaredNorm();
        while (k > 0 && loss > previous_loss - kArmijo * lr * g2 && lr > s.lr * 0x1p-20) {
          lr /= 2;  // the last step did not descend: redo it with half the rate
          t.p.A = previous.A - lr * previous_g.A;
          t.p.B = previous.B - lr * previous_g.B;
          loss = loss_and_gradient(t.p, sample, &g);
          if (ascent) {
            g.A = -g.A;
            g.B = -g.B;
          }
        }
        if (k < steps) {  // the last pass only records the final loss
          previous = t.p;
          previous_g = g;
          previous_loss = loss;
          t.p.A -= lr * g.A;
          t.p.B -= lr * g.B;
        }
        return loss;
      },
      cfg);
  t.final_lr = lr;
  return t;
}

namespace {

// The trained layer for a run configuration, training seed k and teacher (the broken teacher trains a model of its
// own). Seed 0 keeps the purposes of a single run ("sample", "init"); seeds k > 0 append k.
const Trained& trained_layer(const RunConfig& cfg, const Size& s, Defect defect, int k) {
  static std::map<std::string, Trained> layers;  // the fixture holds the matrices; this the typed view
  const std::string key = fmt::format("zhangcao2026/teacher-layer d={} N={} M={} steps={} eta={} lr={} seed={} k={} teacher={}",
                                      s.d, s.N, s.M, s.steps, s.eta, s.lr, cfg.seed, k, defect.name);
  const std::string suffix = k == 0 ? "" : " " + std::to_string(k);
  if (auto it = layers.find(key); it != layers.end()) return it->second;
  const training::TrainedModel& tm = training::fixture(key, [&] {
    cfg.report_progress(fmt::format("C14: training the layer, seed {} (d={}, N={}, M={}, {} steps)", k, s.d, s.N, s.M, s.steps));
    const Sample sample = teacher_sample(s, cfg.seed_for("zhangcao2026/C14", "sample" + suffix), defect);
    const Trained t = train_blocks(s, sample, random_blocks(s.d, cfg.seed_for("zhangcao2026/C14", "init" + suffix), 0.1),
                                   s.steps, cfg, defect == defects::AscentStep);
    return training::TrainedModel{{t.p.A, t.p.B, Eigen::MatrixXd::Constant(1, 1, t.final_lr)}, t.curve};
  });
  return layers.emplace(key, Trained{Blocks{tm.params.at(0), tm.params.at(1)}, tm.curve, tm.params.at(2)(0, 0)}).first->second;
}

const training::FixtureRegistration teacher_fixture("zhangcao2026/teacher-layer", [](const RunConfig& cfg) {
  for (long k = 0; k < cfg.scaled(kTeacherSeeds); ++k) trained_layer(cfg, size_from(cfg), Defect{}, static_cast<int>(k));
});

}  // namespace

Sample training_sample(const Context& ctx, int k) {
  return teacher_sample(size_from(ctx), ctx.config().seed_for("zhangcao2026/C14", "sample" + (k == 0 ? std::string() : " " + std::to_string(k))),
                        ctx.defect());
}

std::vector<const Trained*> trained(const Context& ctx) {
  std::vector<const Trained*> out;
  for (long k = 0; k < ctx.budget(kTeacherSeeds.name); ++k)
    out.push_back(&trained_layer(ctx.config(), size_from(ctx), ctx.defect(), static_cast<int>(k)));
  return out;
}

std::string LayerCheck::describe() const {
  return fmt::format("loss against the construction's layer: relative {:.1e} (≤ √u = {:.1e}); gradient: {}", loss_discrepancy,
                     loss_tolerance, gradient.describe());
}

LayerCheck gradient_check(const Size& s, uint64_t seed) {
  const Sample sample = teacher_sample(Size{s.d, s.N, 2, 1, s.eta, s.lr}, seed, Defect{});
  const Blocks p = random_blocks(s.d, seed + 1, 0.5);
  Blocks g;
  const double loss = loss_and_gradient(p, sample, &g);
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
  const auto layer_loss = [&] {
    Mpfr total(0);
    const SoftmaxLayer<Mpfr> layer = block_layer<Mpfr>(A, B);
    for (size_t m = 0; m < sample.Z.size(); ++m) {
      const Prompt<Mpfr> out = forward(layer, zc::ngd_prompt<Mpfr>(sample.Z[m].cast<Mpfr>(), sample.w0[m].cast<Mpfr>(),
                                                                   Vec<Mpfr>(Vec<Mpfr>::Zero(s.d))));
      total += Mpfr((zc::state(out) - sample.target[m].cast<Mpfr>()).squaredNorm()) / Mpfr(sample.Z.size());
    }
    return total;
  };
  LayerCheck c;
  const double reference = static_cast<double>(layer_loss());
  c.loss_discrepancy = std::abs(loss - reference) / std::abs(reference);
  c.loss_tolerance = std::sqrt(ScalarTraits<double>::unit_roundoff());
  c.gradient = training::check_gradient(entries, analytic, ScalarTraits<double>::unit_roundoff(), layer_loss);
  return c;
}

}  // namespace icl::zhangcao2026
