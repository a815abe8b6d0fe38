// von Oswald family: stacks of attention + MLP blocks built from the standard transformer of training/transformer.hpp
// over the §2.5 tokens — one block (C34(c), spec §6 "grokking") and 12 untied blocks of 4 heads (C33(b)). Each block:
// linear attention with the N context tokens as keys (LSA heads of key size d + 1 = 11, W_O's column blocks in the role
// of P), then h ← h + W₂ gelu(W₁h + b₁) + b₂ (widening 4, as the code's MLP); no LayerNorm, no positions, no read-in or
// read-out; with more than 3 blocks every token clipped to [−10, 10] after each (the code's rule for K > 3, spec §2.3);
// ŷ = −h_query[d] (the code's readout). The spec names no MLP settings; these are the reference code's defaults (a
// reconstruction, stated in the claims).
// Training (§2.5): AdamW b2 0.98, lr 10⁻³ (5·10⁻⁴ above 3 blocks), gradient clip 0.001 (10 above 2 blocks), every weight
// VarianceScaling(0.002/K) fan-in truncated normal, biases 0; fresh tasks every step, or C35's B = 8192 (each step 2048
// tasks of one fixed set of 8192 without replacement) for the grokking block. Recorded every 100 steps: ½-MSE on the
// run's 10⁴ evaluation tasks and, with a fixed set, on the whole training set.
#pragma once

#include <string>
#include <vector>

#include "constructions/attention.hpp"
#include "properties/vonoswald2023/training.hpp"
#include "training/transformer.hpp"

namespace icl::vonoswald2023::block {

inline constexpr Index kWidening = 4;
inline constexpr long kFixedTasks = 8192;

// The §2.5 one-layer step count, the suite's reconstruction (the spec gives none for this experiment); its own budget,
// since a block step costs ≈ 10 LSA steps: the default report trains 4.
inline constexpr StepBudget kBlockBudget{4, 5000, "block run (per seed)", "block steps"};
inline const Budget kBlockSteps = kBlockBudget.budget();

struct Stack {
  Index layers = 1, heads = 1;
  long fixed_tasks = 0;  // > 0: train on one fixed set of this many tasks
  const char* name;      // its fixtures' prefix
};
// C34(c)'s block: 1 layer, 1 head, 8192 fixed tasks.
inline constexpr Stack kGrokBlock{1, 1, kFixedTasks, "vonoswald2023/attention-mlp-block"};

training::TransformerShape stack_shape(const Stack& st);
TrainConfig stack_config(const Stack& st, long steps);
// The tokens of the stack: per task its N context tokens then the query (d + 1 × B(N + 1)).
Mat<double> block_tokens(const Tasks& t);
Vec<double> block_predictions(const training::Transformer<double>& m, const Tasks& t);
// Every block's attention of the trained model (its residual stream after the attention, less b_O) against the
// construction's LSA layer with the block's heads (W_K, W_Q, W_V, P = W_O's column block) on the block's input tokens
// of each of the first 64 evaluation tasks, relative to the largest token entry.
double stack_vs_construction(const training::Transformer<double>& m, const Tasks& eval, KeySet keys);

struct TrainedBlock {
  training::Transformer<double> model;
  std::vector<double> t, eval_loss, train_loss;  // train_loss: with a fixed set only
};
const TrainedBlock& trained_stack(const Stack& st, long steps, uint64_t seed, const RunConfig& run);
inline const TrainedBlock& trained_block(long steps, uint64_t seed, const RunConfig& run) {
  return trained_stack(kGrokBlock, steps, seed, run);
}
// The run's fixed training set (drawn first from the run's task stream, as C35's).
Tasks block_training_set(uint64_t seed);
std::string stack_fixture(const Stack& st, long s);
inline std::string block_fixture(long s) { return stack_fixture(kGrokBlock, s); }

}  // namespace icl::vonoswald2023::block
