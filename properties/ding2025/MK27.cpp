// ding2025/MK27 — App. B.2: GPT-2 small and standard match SVM and logistic regression and beat 3-NN; tiny is slightly
// worse; attention maps show block structure by layer 3 for mixed-kernel prompts.
//
// Both halves: the baselines — logistic regression, least squares, 3-NN and SVM (oracles/classifiers), each fitted on
// one prompt's context chains and asked for the query's next state — and the three GPT-2 models (gpt2.hpp: the standard
// pre-LN transformer, its backward checked against MPFR), on the same 1280 test prompts, with 90% bootstrap intervals
// (1000 resamples) beside the Bayes ceiling E[max_j K(x_d, j)] = 3/4 for U(0, 1) kernels. The models train 50 000
// steps (App. B.2's "50K epochs of 64 fresh prompts") over 5 seeds at the paper's scale; they are trained only from
// kFirstReading steps on (`--effort 1000`), since one step of the standard model costs seconds here and the default
// report has a minute for 145 claims. The attention-map part is not computed (stated in the evidence).
// App. B.2 does not state the chain length or p: the suite uses d = 5, p = 1/2 and the curriculum's last length,
// n = 100 context chains and a query; the tokenisation, loss and curriculum the suite reconstructs are in gpt2.hpp.
#include <algorithm>

#include <fmt/format.h>

#include "oracles/classifiers.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/ding2025/gpt2.hpp"
#include "properties/ding2025/lsa_training.hpp"
#include "training/seeds.hpp"

namespace icl::ding2025::mk27 {

constexpr Index kD = gpt2::kD;
constexpr long kChains = 100, kResamples = 1000;
constexpr long kSeeds = 5, kPaperSteps = 50000;
// Below this many steps per model the GPT-2 side is not trained (1000 steps of the three models over 5 seeds is hours
// here, see the README); at it and above, readings; at kPaperSteps, verdicts.
constexpr long kFirstReading = 1000;
const Budget kSteps{"GPT-2 steps", Axis::Steps, 1, kPaperSteps};

double mean(const std::vector<int>& v) {
  long total = 0;
  for (int x : v) total += x;
  return double(total) / double(v.size());
}

struct Interval {
  double mean, lo, hi;
};

// Percentile bootstrap (90%) of the mean of 0/1 outcomes.
Interval bootstrap(const std::vector<int>& right, Rng& rng) {
  const size_t n = right.size();
  std::vector<double> means;
  for (long r = 0; r < kResamples; ++r) {
    long total = 0;
    for (size_t i = 0; i < n; ++i) total += right[size_t(rng.integer(0, long(n) - 1))];
    means.push_back(double(total) / double(n));
  }
  std::sort(means.begin(), means.end());
  return {mean(right), means[size_t(0.05 * kResamples)], means[size_t(0.95 * kResamples) - 1]};
}

// Per prompt, 1 when the model gets the query right (ŷ rounded to the nearer of {0, 1}), else 0.
std::vector<int> model_right(const gpt2::Trained& t, const MarkovPrompts& data) {
  constexpr Index kChunk = 64;
  const long count = long(data.prompts.size());
  std::vector<int> right;
  for (long first = 0; first < count; first += kChunk) {
    const Index B = Index(std::min<long>(kChunk, count - first));
    Mat<double> U(kD + 1, B * 2 * (kChains + 1));
    for (Index b = 0; b < B; ++b)
      U.middleCols(b * 2 * (kChains + 1), 2 * (kChains + 1)) = gpt2::prompt_tokens(data.prompts[size_t(first + b)]);
    const Mat<double> y_hat = gpt2::predictions(t.model, U, B);
    for (Index b = 0; b < B; ++b) right.push_back(int(y_hat(b, kChains) >= 0.5) == int(data.y(first + b)));
  }
  return right;
}

// The three accuracy parts over the seeds: small and standard at least the lower ends of logistic regression's and
// the SVM's intervals ("match"), above the upper end of 3-NN's ("beat"), tiny below both of them ("slightly worse").
void model_parts(Evidence& ev, const std::vector<Interval>& base, const MarkovPrompts& data, long steps,
                 const RunConfig& run) {
  const bool full = steps >= kPaperSteps;
  long match = 0, beat = 0, worse = 0;
  std::string table, counter[3];
  for (long s = 0; s < kSeeds; ++s) {
    double acc[3];
    for (int z = 0; z < 3; ++z)
      acc[z] = mean(model_right(gpt2::trained(gpt2::kSizes[z], steps, mix_seed(run.seed, fmt::format("gpt2 seed {}", s)), run), data));
    table += fmt::format("{}seed {}: {:.3f} / {:.3f} / {:.3f}", s ? "; " : "", s, acc[0], acc[1], acc[2]);
    const double floor = std::max(base[0].lo, base[3].lo), knn = base[2].hi;
    if (std::min(acc[1], acc[2]) >= floor) ++match;
    else if (counter[0].empty()) counter[0] = fmt::format("seed {}: small {:.3f}, standard {:.3f} < {:.3f}", s, acc[1], acc[2], floor);
    if (std::min(acc[1], acc[2]) > knn) ++beat;
    else if (counter[1].empty()) counter[1] = fmt::format("seed {}: small {:.3f}, standard {:.3f} ≤ 3-NN's {:.3f}", s, acc[1], acc[2], knn);
    if (acc[0] < std::min(acc[1], acc[2])) ++worse;
    else if (counter[2].empty()) counter[2] = fmt::format("seed {}: tiny {:.3f} ≥ min(small, standard)", s, acc[0]);
  }
  ev.note("GPT-2 accuracy tiny / small / standard", table + fmt::format(" ({} steps per model{})", steps,
          full ? "" : fmt::format("; App. B.2 trains {}: a reading, not a verdict", kPaperSteps)));
  const std::vector<std::pair<Verdict, std::string>> parts = {
      {training::seed_part(ev, "small and standard match logistic regression and the SVM (≥ the lower ends of their intervals)", match, kSeeds, full, counter[0]), counter[0]},
      {training::seed_part(ev, "small and standard beat 3-NN (> the upper end of its interval)", beat, kSeeds, full, counter[1]), counter[1]},
      {training::seed_part(ev, "tiny is worse than small and standard", worse, kSeeds, full, counter[2]), counter[2]}};
  if (!full) {  // below the paper's scale the parts are readings (seed_part refutes nothing there)
    ev.inconclusive(fmt::format("{} GPT-2 steps per model; App. B.2's {} decide", steps, kPaperSteps));
    return;
  }
  training::parts_verdict(ev, parts, "", "a part is undecided over the 5 seeds");
}

Evidence check(Context& ctx) {
  Evidence ev;
  // App. B.2 fixes 1280 test prompts: an effort above 1 buys GPT-2 steps, not prompts.
  const long prompts = std::min(ctx.budget("test prompts"), 1280L);
  Rng rng(ctx.seed("prompts"));
  const auto data = draw_markov_prompts(kD, kChains, 0.5, prompts, rng, true);
  const char* names[] = {"logistic regression", "least squares", "3-NN", "SVM (linear, C = 1)"};
  std::vector<std::vector<int>> right(4);
  for (long t = 0; t < prompts; ++t) {
    const Prompt<double>& Z = data.prompts[size_t(t)];
    const Mat<double> X = Z.Z.topLeftCorner(kD, kChains).transpose();
    const Vec<double> y = Z.Z.row(kD).head(kChains).transpose(), query = Z.Z.col(kChains).head(kD);
    const int label = int(data.y(t));
    right[0].push_back(oracle::logistic_predict(X, y, query) == label);
    right[1].push_back(oracle::least_squares_predict(X, y, query) == label);
    right[2].push_back(oracle::knn_predict(X, y, query, 3) == label);
    right[3].push_back(oracle::svm_predict(X, y, query) == label);
  }
  Rng boot(ctx.seed("bootstrap"));
  std::string table;
  std::vector<Interval> intervals;
  for (int b = 0; b < 4; ++b) {
    const Interval iv = intervals.emplace_back(bootstrap(right[b], boot));
    table += fmt::format("{}{} {:.3f} [{:.3f}, {:.3f}]", b ? "; " : "", names[b], iv.mean, iv.lo, iv.hi);
  }
  ev.note("baseline accuracy on the query (90% bootstrap interval)", table);
  ev.note("Bayes ceiling", "E[max_j K(x_d, j)] = E[max(a, 1 − a)] = 3/4 for a ~ U(0, 1): no predictor of the realised "
                           "next state does better on average");
  ev.note("setting", fmt::format("d = {}, p = 1/2, n = {} context chains, {} test prompts (the spec's 1280 at effort 1)",
                                 kD, kChains, prompts));
  ev.cases = prompts;
  ev.note("not computed", "the attention maps of mixed-kernel prompts (the claim's last sentence): the verdict is about "
                          "the accuracies only");
  const long steps = ctx.budget(kSteps.name);
  if (steps < kFirstReading) {
    ev.inconclusive(fmt::format("the GPT-2 models are trained from {} steps per model on (`--effort {}`); at {} only the "
                                "baselines' half is computed; App. B.2's {} steps over 5 seeds decide",
                                kFirstReading, kFirstReading, steps, kPaperSteps));
    return ev;
  }
  model_parts(ev, intervals, data, steps, ctx.config());
  return ev;
}

const Registration row(family(),
    ClaimRow("MK27", Kind::Empirical)
        .statement("App. B.2: GPT-2 small and standard match SVM and logistic regression and beat 3-NN; tiny is "
                   "slightly worse; attention maps show block structure by layer 3 for mixed-kernel prompts")
        .source("Appendix B.2")
        .uses({}, {"baselines"})
        .arithmetic("double", {"double"})
        .expect(Verdict::Inconclusive, "the GPT-2 models train from `--effort 1000`; App. B.2's 50 000 steps decide")
        .budget("test prompts", Axis::Instances, 1280, 1)
        .budget(kSteps)
        .hypothesis("chain length and p not stated in App. B.2: d = 5, p = 1/2, n = 100")
        .hypothesis("tokens, loss and curriculum not stated: Garg et al.'s interleaved x/y tokens, MSE at every x-token, "
                    "n rising linearly 26 → 101 chains over the first half of the run")
        .check(check),
    __FILE__);

}  // namespace icl::ding2025::mk27
