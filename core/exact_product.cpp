#include "core/exact_product.hpp"

#include <flint/fmpq.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace icl::exact {

namespace {

thread_local ProductPath current_path = ProductPath::Flint;
thread_local ProductCounts counts;

// Integer matrices reused by every product on this thread: their entries keep their limbs, so clearing denominators
// into them stops allocating once they have grown. window() hands out the top-left r × c block.
class Scratch {
 public:
  Scratch() { fmpz_mat_init(big_, 0, 0); }
  ~Scratch() { fmpz_mat_clear(big_); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  void window(fmpz_mat_t w, Index r, Index c) {
    if (r > fmpz_mat_nrows(big_) || c > fmpz_mat_ncols(big_)) {
      const Index R = std::max<Index>(r, fmpz_mat_nrows(big_)), C = std::max<Index>(c, fmpz_mat_ncols(big_));
      fmpz_mat_clear(big_);
      fmpz_mat_init(big_, R, C);
    }
    fmpz_mat_window_init(w, big_, 0, 0, r, c);
  }

 private:
  fmpz_mat_t big_;
};

struct FmpzMat {
  FmpzMat(Scratch& s, Index r, Index c) { s.window(m, r, c); }
  ~FmpzMat() { fmpz_mat_window_clear(m); }
  FmpzMat(const FmpzMat&) = delete;
  FmpzMat& operator=(const FmpzMat&) = delete;
  fmpz* at(Index i, Index j) { return fmpz_mat_entry(m, i, j); }
  fmpz* row(Index i) { return fmpz_mat_entry(m, i, 0); }
  fmpz_mat_t m;
};

thread_local Scratch scratch_lhs, scratch_rhs, scratch_product, scratch_dens;

// A strided view of a rational matrix.
struct View {
  const Rational* p;
  Index row, col;
  const fmpq* at(Index i, Index j) const { return p[i * row + j * col].get(); }
  bool zero(Index i, Index j) const { return fmpz_is_zero(fmpq_numref(at(i, j))); }
};

// Where the product can be nonzero: rows of lhs and columns of rhs with a nonzero entry, and the depth indices k
// where column k of lhs and row k of rhs both have one. Constructions are full of selector and block-zero weights
// (W_K = diag(I, 0), W_V with zero rows), so most products shrink before any arithmetic.
struct Support {
  std::vector<Index> rows, cols, depth;
  Index max_per_row = 0, max_per_col = 0;  // nonzeros of lhs per row and of rhs per column, over `depth`
};

void find_support(Index rows, Index cols, Index depth, const View& lhs, const View& rhs, Support& s) {
  s.rows.clear();
  s.cols.clear();
  s.depth.clear();
  for (Index k = 0; k < depth; ++k) {
    bool in_lhs = false, in_rhs = false;
    for (Index i = 0; i < rows && !in_lhs; ++i) in_lhs = !lhs.zero(i, k);
    for (Index j = 0; j < cols && in_lhs && !in_rhs; ++j) in_rhs = !rhs.zero(k, j);
    if (in_lhs && in_rhs) s.depth.push_back(k);
  }
  s.max_per_row = s.max_per_col = 0;
  for (Index i = 0; i < rows; ++i) {
    Index n = 0;
    for (Index k : s.depth) n += !lhs.zero(i, k);
    if (n > 0) s.rows.push_back(i);
    s.max_per_row = std::max(s.max_per_row, n);
  }
  for (Index j = 0; j < cols; ++j) {
    Index n = 0;
    for (Index k : s.depth) n += !rhs.zero(k, j);
    if (n > 0) s.cols.push_back(j);
    s.max_per_col = std::max(s.max_per_col, n);
  }
}

void accumulate(fmpq* r, fmpq_t t) {
  if (fmpq_is_zero(r))
    fmpq_swap(r, t);
  else
    fmpq_add(r, r, t);
}

// t = alpha · a · b; a selector's unit entries are copies, not products.
void product(fmpq_t t, const fmpq* a, const fmpq* b, bool unit_alpha, const Rational& alpha) {
  if (unit_alpha && fmpq_is_one(a)) {
    set_fmpq(t, b);
  } else if (unit_alpha && fmpq_is_one(b)) {
    set_fmpq(t, a);
  } else {
    fmpq_mul(t, a, b);
    if (!unit_alpha) fmpq_mul(t, t, alpha.get());
  }
}

// One factor has at most one nonzero per line (a diagonal, a permutation, a selector): every entry of the product
// is a single product of two rationals, with no common denominator to build.
void gemm_monomial(const Support& s, const View& lhs, const View& rhs, Rational* res, Index res_row, Index res_col,
                   const Rational& alpha) {
  const bool unit_alpha = fmpq_is_one(alpha.get());
  fmpq_t t;
  fmpq_init(t);
  for (Index i : s.rows)
    for (Index j : s.cols) {
      for (Index k : s.depth) {
        if (lhs.zero(i, k) || rhs.zero(k, j)) continue;
        product(t, lhs.at(i, k), rhs.at(k, j), unit_alpha, alpha);
        accumulate(res[i * res_row + j * res_col].get(), t);
        break;  // the only nonzero term: lhs row i or rhs column j has no other
      }
    }
  fmpq_clear(t);
}

// FLINT keeps an integer below 2^62 in the word itself; these skip the out-of-line call in that case (and set_fmpz,
// core/rational.hpp, for copies).
bool is_word(const fmpz* a) { return !COEFF_IS_MPZ(*a); }
bool equal(const fmpz* a, const fmpz* b) { return is_word(a) && is_word(b) ? *a == *b : fmpz_equal(a, b); }
bool divisible(const fmpz* a, const fmpz* b) { return is_word(a) && is_word(b) ? *a % *b == 0 : fmpz_divisible(a, b); }

const fmpq* line_entry(const View& a, Index i, Index k, bool by_row) { return by_row ? a.at(i, k) : a.at(k, i); }

// den = lcm(den, qd) for positive denominators, in machine words when it fits.
void lcm_into(fmpz* den, const fmpz* qd) {
  if (fmpz_is_one(qd) || equal(qd, den) || divisible(den, qd)) return;
  slong lcm;
  if (is_word(den) && is_word(qd) && !__builtin_mul_overflow(*den / std::gcd(*den, *qd), *qd, &lcm) && lcm <= COEFF_MAX)
    *den = lcm;
  else
    fmpz_lcm(den, den, qd);
}

// den = lcm of the denominators of line i of `a` (a row when `by_row`, else a column) over the indices ks.
void line_denominator(const View& a, Index i, const std::vector<Index>& ks, bool by_row, fmpz* den) {
  fmpz_one(den);
  for (Index k : ks) lcm_into(den, fmpq_denref(line_entry(a, i, k, by_row)));
}

// e = q · den, an integer because den is a multiple of q's denominator.
void scale_to(fmpz* e, const fmpq* q, const fmpz* den, fmpz_t tmp) {
  const fmpz *num = fmpq_numref(q), *qd = fmpq_denref(q);
  slong scaled;
  if (equal(qd, den)) {
    set_fmpz(e, num);
  } else if (is_word(den) && is_word(qd) && is_word(num) && is_word(e) &&
             !__builtin_mul_overflow(*den / *qd, *num, &scaled) && scaled <= COEFF_MAX && scaled >= COEFF_MIN) {
    *e = scaled;  // all in machine words: no call into FLINT
  } else {
    fmpz_divexact(tmp, den, qd);
    fmpz_mul(e, tmp, num);
  }
}

// Line i of `a` over the lcm `den` of its denominators, as integers in line `at` of `out`.
void clear_line(const View& a, Index i, const std::vector<Index>& ks, bool by_row, fmpz* den, FmpzMat& out, Index at,
                fmpz_t tmp) {
  line_denominator(a, i, ks, by_row, den);
  for (size_t c = 0; c < ks.size(); ++c)
    scale_to(by_row ? out.at(at, c) : out.at(c, at), line_entry(a, i, ks[c], by_row), den, tmp);
}

// r += alpha · c / (den1 · den2), reduced once; den1 is overwritten.
void add_quotient(fmpq* r, const fmpz* c, fmpz* den1, const fmpz* den2, const Rational& alpha, fmpq_t t) {
  if (fmpz_is_zero(c)) return;
  const fmpq* a = alpha.get();
  if (fmpq_is_one(a)) {
    set_fmpz(fmpq_numref(t), c);
  } else {
    fmpz_mul(fmpq_numref(t), c, fmpq_numref(a));
    fmpz_mul(den1, den1, fmpq_denref(a));
  }
  fmpz_mul(fmpq_denref(t), den1, den2);
  if (!fmpz_is_one(fmpq_denref(t))) fmpq_canonicalise(t);
  accumulate(r, t);
}

void gemm_flint(const Support& s, const View& lhs, const View& rhs, Rational* res, Index res_row, Index res_col,
                const Rational& alpha) {
  const Index rows = s.rows.size(), cols = s.cols.size(), depth = s.depth.size();
  FmpzMat A(scratch_lhs, rows, depth), B(scratch_rhs, depth, cols), C(scratch_product, rows, cols);
  FmpzMat dens(scratch_dens, 2, std::max(rows, cols));
  fmpz *row_den = dens.row(0), *col_den = dens.row(1);
  fmpz_t tmp;
  fmpz_init(tmp);
  for (Index i = 0; i < rows; ++i) clear_line(lhs, s.rows[i], s.depth, true, row_den + i, A, i, tmp);
  for (Index j = 0; j < cols; ++j) clear_line(rhs, s.cols[j], s.depth, false, col_den + j, B, j, tmp);
  fmpz_mat_mul(C.m, A.m, B.m);
  fmpq_t t;
  fmpq_init(t);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) {
      set_fmpz(tmp, row_den + i);
      add_quotient(res[s.rows[i] * res_row + s.cols[j] * res_col].get(), C.at(i, j), tmp, col_den + j, alpha, t);
    }
  fmpq_clear(t);
  fmpz_clear(tmp);
}

void gemm_per_entry(Index rows, Index cols, Index depth, const Rational* lhs, Index lhs_row, Index lhs_col,
                    const Rational* rhs, Index rhs_row, Index rhs_col, Rational* res, Index res_row, Index res_col,
                    const Rational& alpha) {
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) {
      Rational sum(0);
      for (Index k = 0; k < depth; ++k) sum += lhs[i * lhs_row + k * lhs_col] * rhs[k * rhs_row + j * rhs_col];
      res[i * res_row + j * res_col] += alpha * sum;
    }
}

// Nonzero support of a chain F_0·F_1·…·F_{n−1}: the rows of F_0, the inner index of each product, the columns of
// F_{n−1}. An index is dropped only where every term through it vanishes: inner index k of F_t·F_{t+1} when column k
// of F_t is zero on the rows kept before it or row k of F_{t+1} is zero.
struct ChainSupport {
  std::vector<Index> rows, cols;
  std::vector<std::vector<Index>> inner;
};

bool column_nonzero(const View& m, Index j, const std::vector<Index>& over) {
  return std::any_of(over.begin(), over.end(), [&](Index i) { return !m.zero(i, j); });
}
bool row_nonzero(const View& m, Index i, Index cols) {
  for (Index j = 0; j < cols; ++j)
    if (!m.zero(i, j)) return true;
  return false;
}

void find_chain_support(const std::vector<const Mat<Rational>*>& f, ChainSupport& s) {
  const auto view = [](const Mat<Rational>& m) { return View{m.data(), 1, m.rows()}; };
  s.rows.clear();
  s.cols.clear();
  s.inner.assign(f.size() - 1, {});
  for (Index i = 0; i < f[0]->rows(); ++i)
    if (row_nonzero(view(*f[0]), i, f[0]->cols())) s.rows.push_back(i);
  for (size_t t = 0; t + 1 < f.size(); ++t) {
    const std::vector<Index>& before = t == 0 ? s.rows : s.inner[t - 1];
    for (Index k = 0; k < f[t]->cols(); ++k)
      if (column_nonzero(view(*f[t]), k, before) && row_nonzero(view(*f[t + 1]), k, f[t + 1]->cols()))
        s.inner[t].push_back(k);
  }
  for (Index j = 0; j < f.back()->cols(); ++j)
    if (column_nonzero(view(*f.back()), j, s.inner.back())) s.cols.push_back(j);
}

// Integer matrices for a chain's factors and partial products, one Scratch each, kept per thread.
Scratch& chain_scratch(size_t i) {
  thread_local std::vector<std::unique_ptr<Scratch>> pool;
  while (pool.size() <= i) pool.push_back(std::make_unique<Scratch>());
  return *pool[i];
}

}  // namespace

ProductPath product_path() { return current_path; }

const char* path_name(ProductPath p) {
  return p == ProductPath::Flint ? "FLINT fmpz_mat (common denominators)" : "per-entry rationals (reduced after every operation)";
}

ProductPathScope::ProductPathScope(ProductPath p) : saved_(current_path) { current_path = p; }
ProductPathScope::~ProductPathScope() { current_path = saved_; }

ProductCounts product_counts() { return counts; }

void gemm(Index rows, Index cols, Index depth, const Rational* lhs, Index lhs_row, Index lhs_col, const Rational* rhs,
          Index rhs_row, Index rhs_col, Rational* res, Index res_row, Index res_col, const Rational& alpha) {
  if (rows == 0 || cols == 0 || depth == 0) return;
  if (current_path == ProductPath::PerEntry) {
    ++counts.per_entry;
    gemm_per_entry(rows, cols, depth, lhs, lhs_row, lhs_col, rhs, rhs_row, rhs_col, res, res_row, res_col, alpha);
  } else {
    ++counts.flint;
    const View l{lhs, lhs_row, lhs_col}, r{rhs, rhs_row, rhs_col};
    thread_local Support s;
    find_support(rows, cols, depth, l, r, s);
    if (s.depth.empty()) return;
    if (s.max_per_row <= 1 || s.max_per_col <= 1)
      gemm_monomial(s, l, r, res, res_row, res_col, alpha);
    else
      gemm_flint(s, l, r, res, res_row, res_col, alpha);
  }
}

Mat<Rational> chain(const std::vector<const Mat<Rational>*>& f) {
  if (f.size() < 2) throw std::invalid_argument("chain: needs two factors or more");
  for (size_t t = 0; t + 1 < f.size(); ++t)
    if (f[t]->cols() != f[t + 1]->rows()) throw std::invalid_argument("chain: the factors do not chain");
  if (current_path == ProductPath::PerEntry) {
    Mat<Rational> r = *f[0];
    for (size_t t = 1; t < f.size(); ++t) r = r * *f[t];
    return r;
  }
  ++counts.flint;
  Mat<Rational> R = Mat<Rational>::Zero(f[0]->rows(), f.back()->cols());
  thread_local ChainSupport s;
  find_chain_support(f, s);
  if (s.rows.empty() || s.cols.empty() ||
      std::any_of(s.inner.begin(), s.inner.end(), [](const std::vector<Index>& v) { return v.empty(); }))
    return R;
  const auto view = [](const Mat<Rational>& m) { return View{m.data(), 1, m.rows()}; };
  const size_t n = f.size();
  const Index rows = s.rows.size(), cols = s.cols.size();
  FmpzMat dens(scratch_dens, 2, std::max(rows, cols));
  fmpz *row_den = dens.row(0), *col_den = dens.row(1);
  fmpz_t tmp, beta, middle;  // beta: one middle factor's denominator; middle: their product
  fmpz_init(tmp);
  fmpz_init(beta);
  fmpz_init_set_ui(middle, 1);
  // The partial product P_t = F_0 ⋯ F_t over integers; F_0 by rows, each middle factor over one denominator, the last
  // by columns.
  auto P = std::make_unique<FmpzMat>(chain_scratch(0), rows, s.inner[0].size());
  for (Index i = 0; i < rows; ++i) clear_line(view(*f[0]), s.rows[i], s.inner[0], true, row_den + i, *P, i, tmp);
  for (size_t t = 1; t < n; ++t) {
    const View m = view(*f[t]);
    const std::vector<Index>& ks = s.inner[t - 1];
    const bool last = t + 1 == n;
    const std::vector<Index>& js = last ? s.cols : s.inner[t];
    FmpzMat F(chain_scratch(2 * t - 1), ks.size(), js.size());
    if (last) {
      for (size_t j = 0; j < js.size(); ++j) clear_line(m, js[j], ks, false, col_den + j, F, j, tmp);
    } else {
      fmpz_one(beta);
      for (Index k : ks)
        for (Index j : js) lcm_into(beta, fmpq_denref(m.at(k, j)));
      for (size_t k = 0; k < ks.size(); ++k)
        for (size_t j = 0; j < js.size(); ++j) scale_to(F.at(k, j), m.at(ks[k], js[j]), beta, tmp);
      fmpz_mul(middle, middle, beta);
    }
    auto next = std::make_unique<FmpzMat>(chain_scratch(2 * t), rows, js.size());
    fmpz_mat_mul(next->m, P->m, F.m);
    P = std::move(next);
  }
  const Rational one(1);
  fmpq_t q;
  fmpq_init(q);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) {
      fmpz_mul(tmp, row_den + i, middle);
      add_quotient(R(s.rows[i], s.cols[j]).get(), P->at(i, j), tmp, col_den + j, one, q);
    }
  fmpq_clear(q);
  fmpz_clear(middle);
  fmpz_clear(beta);
  fmpz_clear(tmp);
  return R;
}

}  // namespace icl::exact
