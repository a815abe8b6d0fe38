#include "training/trainer.hpp"

#include <fmt/format.h>

#include "core/stopwatch.hpp"

namespace icl::training {

std::vector<double> train_loop(const LoopOptions& opt, const std::function<double(long)>& step, const RunConfig& cfg) {
  std::vector<double> curve;
  Stopwatch clock;
  double window = 0, last_report = 0;
  for (long k = 0; k < opt.steps; ++k) {
    const double loss = step(k);
    if (opt.record == Record::Sample) {
      if (k % opt.every == 0) curve.push_back(loss);
    } else {
      window += loss;
      if ((k + 1) % opt.every == 0) {
        curve.push_back(window / static_cast<double>(opt.every));
        window = 0;
      }
    }
    const double t = clock.seconds();
    if (t - last_report >= 2.0 && k + 1 < opt.steps) {
      last_report = t;
      const double rate = static_cast<double>(k + 1) / t;
      cfg.report_progress(fmt::format("{}: step {}/{}, loss {:.4g}, {:.1f} steps/s, ETA {:.0f} s", opt.what, k + 1, opt.steps,
                                      loss, rate, static_cast<double>(opt.steps - k - 1) / rate));
    }
  }
  return curve;
}

}  // namespace icl::training
