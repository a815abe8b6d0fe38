// Ding family: the GPT-2 models of App. B.2 (MK27), built from the standard pre-LN transformer of
// training/transformer.hpp: tiny (width 64, 3 layers, 2 heads), small (128, 6, 4), standard (256, 12, 8), MLP widening 4,
// learned positions, causal softmax attention, GPT-2's initialisation; Adam at lr 10⁻⁴ on 64 fresh prompts per step,
// the loss averaged over the prompt lengths 1 … n, with a curriculum on n from 26 to 101 chains.
// What App. B.2 does not state, the suite reconstructs (and says so in the claim):
//   tokens   Garg et al.'s interleaving: chain i = (x_i, y_i) gives the x-token [x_i; 0] and then the y-token [0_d; y_i];
//            ŷ_i is read at x-token i, which under causal attention sees the chains before i and x_i, never y_i;
//   loss     the mean of (ŷ_i − y_i)² over i = 1 … n and the batch (the realised next state, as the paper's T-bin);
//   schedule n rises linearly from 26 chains at step 0 to 101 at half the run, then stays (Garg's stepwise curriculum
//            in one line); a prompt of n chains is n − 1 context chains and a query, drawn as the baselines' are;
//   accuracy ŷ at the query rounded to the nearer of {0, 1} against the realised y_{n+1}.
#pragma once

#include <string>
#include <vector>

#include "constructions/attention.hpp"
#include "core/claim.hpp"
#include "training/transformer.hpp"

namespace icl::ding2025::gpt2 {

struct Size {
  const char* name;
  Index width, layers, heads;
};
inline constexpr Size kSizes[] = {{"tiny", 64, 3, 2}, {"small", 128, 6, 4}, {"standard", 256, 12, 8}};

inline constexpr Index kD = 5;                  // chain length d + 1 = 6 (the suite's choice, as the baselines')
inline constexpr double kP = 0.5;               // P(s₁ = 1)
inline constexpr long kFirstChains = 26, kLastChains = 101, kBatch = 64;
inline constexpr double kLearningRate = 1e-4;

training::TransformerShape shape(const Size& size);
// Chains in the curriculum at step k of a run of `steps`.
long chains_at(long k, long steps);

// The tokens of one prompt of n chains: X is d × n (inputs), y the n next states → (d + 1) × 2n.
Mat<double> chain_tokens(const Mat<double>& X, const Vec<double>& y);
// The baselines' prompt Z ((d + 1) × (n + 1): n context chains and the query, whose label slot is 0) as n + 1 chains.
Mat<double> prompt_tokens(const Prompt<double>& Z);

// ŷ read at every x-token of every sequence (B × n for B sequences of 2n tokens).
Mat<double> predictions(const training::Transformer<double>& m, const Mat<double>& U, Index B);
// The mean squared error over every x-token of the batch (y: B × n labels), and with `grad` its gradient.
double loss_and_gradient(const training::Transformer<double>& m, const Mat<double>& U, const Mat<double>& y,
                         training::Transformer<double>* grad);

// The model at a sequence length T ≤ its shape's (the first T positions), and a gradient taken there padded back.
training::Transformer<double> at_length(const training::Transformer<double>& m, Index T);
void pad_positions(training::Transformer<double>& grad, Index full_length);

struct Trained {
  training::Transformer<double> model;
  std::vector<double> curve;  // training loss every kEvery steps
};
inline constexpr long kEvery = 100;
const Trained& trained(const Size& size, long steps, uint64_t seed, const RunConfig& run);

}  // namespace icl::ding2025::gpt2
