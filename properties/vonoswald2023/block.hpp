// von Oswald family: one attention + MLP block (C34(c), spec §6 "grokking"), built from the standard transformer of
// training/transformer.hpp over the §2.5 tokens: linear attention with the N context tokens as keys (LSA: 1 head, key
// size d + 1 = 11, W_O in the role of P), then h ← h + W₂ gelu(W₁h + b₁) + b₂ (widening 4, as the code's MLP),
// no LayerNorm, no positions, no read-in or read-out; ŷ = −h_query[d] (the code's readout). The spec names no MLP
// settings; these are the reference code's defaults (a reconstruction, stated in the claim).
// Training: C35's B = 8192 (each step 2048 tasks of one fixed set of 8192 without replacement), §2.5 otherwise
// (AdamW b2 0.98, lr 10⁻³, clip 0.001, every weight VarianceScaling(0.002) fan-in truncated normal, biases 0). Recorded
// every 100 steps: ½-MSE on the run's 10⁴ evaluation tasks and on the whole training set.
#pragma once

#include <string>
#include <vector>

#include "properties/vonoswald2023/training.hpp"
#include "training/transformer.hpp"

namespace icl::vonoswald2023::block {

inline constexpr Index kWidening = 4;
inline constexpr long kFixedTasks = 8192;

// The §2.5 one-layer step count, the suite's reconstruction (the spec gives none for this experiment); its own budget,
// since a block step costs ≈ 10 LSA steps: the default report trains 4.
inline constexpr StepBudget kBlockBudget{4, 5000, "block run (per seed)", "block steps"};
inline const Budget kBlockSteps = kBlockBudget.budget();

training::TransformerShape block_shape();
// The tokens of the block: per task its N context tokens then the query (d + 1 × B(N + 1)).
Mat<double> block_tokens(const Tasks& t);
Vec<double> block_predictions(const training::Transformer<double>& m, const Tasks& t);

struct TrainedBlock {
  training::Transformer<double> model;
  std::vector<double> t, eval_loss, train_loss;
};
const TrainedBlock& trained_block(long steps, uint64_t seed, const RunConfig& run);
// The run's fixed training set (drawn first from the run's task stream, as C35's).
Tasks block_training_set(uint64_t seed);
std::string block_fixture(long s);

}  // namespace icl::vonoswald2023::block
