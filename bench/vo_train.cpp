// Trains the von Oswald 1-layer LSA setup (spec §2.5: d = N = 10, batch 2048, AdamW b2 0.98, clip 0.001, lr 1e-3,
// S-code inputs) for STEPS steps on THREADS threads in double and prints steps/s and the final evaluation ½-MSE, in the
// format of the PyTorch peer (../shared/peers/vonoswald_train_torch.py). bench/run_train.sh runs both side by side.
//   vo_train_bench STEPS [THREADS] [LAYERS]   (LAYERS > 1: the tied K-layer model at the §2.5 settings for K)
//   vo_train_bench STEPS sine                 (C21's sine TF, emb + MLP + LSA, batch 2048, on two threads; no peer)
//   vo_train_bench STEPS block                (C34(c)'s attention + MLP block on 8192 fixed tasks, two threads; no peer)
//   vo_train_bench STEPS gpt2-SIZE            (ding2025/MK27's GPT-2 tiny, small or standard on Markov chains, batch 64,
//                                              the curriculum 26 → 101 chains over the first half; two threads; no peer)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/allocator.hpp"
#include "core/stopwatch.hpp"
#include "properties/ding2025/gpt2.hpp"
#include "properties/vonoswald2023/block.hpp"
#include "properties/vonoswald2023/sine.hpp"
#include "properties/vonoswald2023/training.hpp"

int main(int argc, char** argv) {
  icl::keep_freed_memory();
  using namespace icl::vonoswald2023;
  const long steps = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 300;
  if (argc == 3 && std::string(argv[2]) == "sine" && steps >= 1) {
    icl::RunConfig run;
    sine::sine_evaluation(run, sine::Law::Code);
    icl::Stopwatch clock;
    const sine::SineRun& r = sine::trained_sine(sine::Model::Tf, sine::Law::Code, steps, 0, run);
    const double t = clock.seconds();
    std::printf("suite double sine-TF threads=2 steps=%ld seconds=%.2f steps_per_s=%.2f eval_loss=%.4f\n", steps, t,
                double(steps) / t, r.eval_loss.back());
    return 0;
  }
  if (argc == 3 && std::string(argv[2]) == "block" && steps >= 1) {
    icl::RunConfig run;
    evaluation_tasks(run, s_code_tasks());
    icl::Stopwatch clock;
    const block::TrainedBlock& r = block::trained_block(steps, 0, run);
    const double t = clock.seconds();
    std::printf("suite double block threads=2 steps=%ld seconds=%.2f steps_per_s=%.2f eval_loss=%.4f\n", steps, t,
                double(steps) / t, r.eval_loss.back());
    return 0;
  }
  if (argc == 3 && std::string(argv[2]).rfind("gpt2-", 0) == 0 && steps >= 1) {
    namespace gpt2 = icl::ding2025::gpt2;
    for (const gpt2::Size& size : gpt2::kSizes) {
      if (std::string(argv[2]) != std::string("gpt2-") + size.name) continue;
      icl::RunConfig run;
      icl::Stopwatch clock;
      const gpt2::Trained& r = gpt2::trained(size, steps, 0, run);
      const double t = clock.seconds();
      std::printf("suite double gpt2-%s threads=2 steps=%ld seconds=%.2f steps_per_s=%.3f last_loss=%.4f\n", size.name,
                  steps, t, double(steps) / t, r.curve.empty() ? std::nan("") : r.curve.back());
      return 0;
    }
  }
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const long layers = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 1;
  if (steps < 1 || threads < 1 || layers < 1 || argc > 4) {
    std::fprintf(stderr, "usage: vo_train_bench STEPS [THREADS] [LAYERS] | STEPS sine | STEPS block | STEPS gpt2-tiny|gpt2-small|gpt2-standard\n");
    return 2;
  }
  icl::RunConfig run;
  TrainConfig c = one_layer_config(steps);
  c.layers = layers;
  evaluation_tasks(run, c.law);  // drawn before the clock starts, as the peer does
  icl::Stopwatch clock;
  const TrainedLsa r = train_lsa(c, 1, run, threads);
  const double t = clock.seconds();
  std::printf("suite double layers=%ld threads=%d steps=%ld seconds=%.2f steps_per_s=%.1f eval_loss=%.4f\n", layers, threads, steps, t,
              double(steps) / t, r.eval_loss.back());
  return 0;
}
