// von Oswald et al. 2023: the family's claims as data (spec §6). Only core/claim.hpp is needed here.
#include "properties/claim_table.hpp"
#include "properties/vonoswald2023.hpp"

namespace icl::vonoswald2023 {

namespace {

using Row = check::ClaimRow<Defect>;

const std::vector<Row>& rows() {
  static const std::vector<Row> table{
      {"C1", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "One K1 layer (any W_0, d_y ≥ 1, η) maps every context token (x_j, y_j) to (x_j, y_j − ΔW x_j) and the query "
       "(x_test, −W_0x_test) to (x_test, −(W_0+ΔW)x_test), ΔW = −(η/N)Σ_i(W_0x_i − y_i)x_i^T",
       "K1's W_V has zero x-rows, so only label slots move, by (η/N)Σ_i(W_0x_i − y_i)x_i^T x_j = −ΔW x_j",
       check_c1},
      {"C2", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "Readout ŷ = −(query label slot) equals (W_0 + ΔW) x_test",
       "the query's label slot after C1 is −(W_0 + ΔW)x_test", check_c2},
      {"C3", Kind::Identity, "exact rational (K ≤ 8 and the K = 100 demo); MPFR ladder and double for the demo",
       {"exact", "mpfr", "double"}, Verdict::ProvedExactly,
       "K stacked K1 layers (per-layer η_k allowed) equal K GD steps for all context residuals and the query "
       "prediction; includes the code demo d = 12, d_y = 8, N = 45, η = 1, K = 100",
       "by induction the label slot after k layers is y_i − (W_k − W_0)x_i, so each W_V computes W_k x_i − y_i",
       check_c3},
      {"C4", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "(W_PV·s, W_KQ/s), s ≠ 0, and any factorisation with equal products give identical outputs",
       "a layer depends on its weights only through W_K^T W_Q and P W_V", check_c4},
      {"C5", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "One K3 layer maps x_j → (I − γXX^T)x_j and r_j → r_j − (η/N)Σ_i r_i x_i^T x_j for all j including the "
       "query, using layer-input x's",
       "P W_V = diag(−γI, −η/N) applied to Σ_i e_i x_i^T x_j", check_c5},
      {"C6", Kind::Identity, "exact rational (FLINT charpoly); Arb enclosures", {"exact", "arb"}, Verdict::ProvedExactly,
       "H++ has eigenvalues f(λ) = λ(1−γλ)² on the eigenvectors of H; f has roots 0 and 1/γ and a local maximum "
       "4/(27γ) at λ = 1/(3γ)",
       "I − γH is a polynomial in H, so H++ = H(I − γH)²; f'(λ) = (1 − γλ)(1 − 3γλ)", check_c6},
      {"C7", Kind::Identity, "exact rational (O3 moments); double (O4 Monte Carlo)", {"exact", "double"},
       Verdict::ProvedExactly,
       "The §5 formulas for L(η), η*, L* are the population loss of one GD step, for S-paper, S-code and Gaussian "
       "inputs",
       "E tr H = Ndσ² and E tr H² = Nσ⁴d(d + N + κ − 2) give the quadratic (spec §5)", check_c7},
      {"C9", Kind::Identity, "exact rational moments", {"exact"}, Verdict::ProvedExactly,
       "Minimum over all parameters (any number of heads) of the population loss of a 1-layer LSA with W_0 = 0 "
       "equals L* of C7",
       "only features odd in the teacher correlate with y_test; their span w^T XX^T B x_test is optimised at "
       "B = (η*/N)I, which one head realises",
       check_c9},
      {"C23", Kind::Identity, "exact rational (linear); Arb and MPFR (softmax)", {"exact", "arb", "mpfr"},
       Verdict::ProvedExactly,
       "K4 yields Prop-1 tokens at the x-token positions: exact with linear attention and one-hot positions; with "
       "softmax, off-target attention mass ≤ (n_k − 1)e^{−β} for n_k keys",
       "one-hot codes make the logits exactly β·1[s = t+1]; the softmax off-target mass is (n−1)/(e^β + n − 1)",
       check_c23},
      {"C24", Kind::Identity, "exact rational (O3); double (O4)", {"exact", "double"}, Verdict::ProvedExactly,
       "The §5 OOD formulas are the population loss of GD* (η fixed at η*) under input and teacher scaling",
       "scaling inputs by α is σ² → α²σ² in L(η); scaling the teacher multiplies every error by α", check_c24},
      {"C25", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "The paper's and the code's P in K1 give identical outputs",
       "W_V's x rows are zero, so P's x block multiplies zeros", check_c25},
      {"C26", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "K stacked K3 layers (tied or per-layer (η_k, γ_k)) equal K steps of O2, test token included",
       "C5 applied layer by layer", check_c26},
      {"C27", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "With W_0 = 0 and a zero query label, a 1-layer LSA gives ŷ = −Σ_h Σ_i (u_h^T x_i + b_h y_i)(x_i^T M_h x_test "
       "+ y_i m_h^T x_test)",
       "expand the query's label update with e_test = (x_test, 0)", check_c27},
      {"C28", Kind::Empirical, "exact rational (O3)", {"exact"}, Verdict::Refuted,
       "The paper's reported 1-step GD* loss \"≈ 0.2\" (d = N = 10) equals L* under S-paper (U(−1,1) inputs)",
       "under U(−1,1) L* = 245/297 ≈ 0.825; the reported 0.2 matches the code's U(−1/2,1/2) (C29)", check_c28},
      {"C29", Kind::Empirical, "exact rational (O3)", {"exact"}, Verdict::ProvedExactly,
       "The same reported loss \"≈ 0.2\" equals L* under S-code (U(−1/2,1/2) inputs)",
       "under U(−1/2,1/2) L* = 245/1188 ≈ 0.206", check_c29},
      {"C30", Kind::Identity, "exact rational", {"exact"}, Verdict::Refuted,
       "Prop. 2 as printed (eq. 13): one K1 layer on features from W_0 = 0 gives ŷ = Σ_i y_i m(x_i)^T m(x_test)",
       "K1 carries P = (η/N)I, which eq. 13 omits: the printed form holds only when η = N", check_c30},
      {"C31", Kind::Identity, "exact rational", {"exact"}, Verdict::ProvedExactly,
       "Prop. 2 with the step factor: ŷ = (η/N)Σ_i y_i m(x_i)^T m(x_test); K layers = K GD steps on "
       "(1/(2N))Σ‖W m(x_i) − y_i‖²",
       "C1–C3 with the features m(x_i) in place of x_i", check_c31},
  };
  return table;
}

}  // namespace

void register_claims(std::vector<Claim>& registry) { check::register_rows("vonoswald2023", rows(), registry); }

}  // namespace icl::vonoswald2023
