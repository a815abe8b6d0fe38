// The trainer loop shared by every trained claim: it runs the steps, records the learning curve, and reports
// progress (step, loss, steps/s, ETA) on the run's progress channel. The model, its loss and its update are the
// caller's: `step(k)` performs step k and returns the loss it saw.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl::training {

enum class Record {
  Sample,      // the loss seen at steps 0, every, 2·every, … (and the last step)
  WindowMean,  // the mean loss over each window of `every` steps
};

struct LoopOptions {
  long steps = 0;
  long every = 10;
  Record record = Record::Sample;
  std::string what;  // for progress lines, e.g. "C14: block layer"
};

std::vector<double> train_loop(const LoopOptions& opt, const std::function<double(long)>& step, const RunConfig& cfg);

}  // namespace icl::training
