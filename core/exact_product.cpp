#include "core/exact_product.hpp"

#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>

namespace icl::exact {

namespace {

thread_local ProductPath current_path = ProductPath::Flint;
thread_local ProductCounts counts;

struct FmpzMat {
  FmpzMat(Index r, Index c) { fmpz_mat_init(m, r, c); }
  ~FmpzMat() { fmpz_mat_clear(m); }
  FmpzMat(const FmpzMat&) = delete;
  FmpzMat& operator=(const FmpzMat&) = delete;
  fmpz* at(Index i, Index j) { return fmpz_mat_entry(m, i, j); }
  fmpz_mat_t m;
};

struct FmpzVec {
  explicit FmpzVec(Index n) : v(_fmpz_vec_init(n)), n(n) {}
  ~FmpzVec() { _fmpz_vec_clear(v, n); }
  FmpzVec(const FmpzVec&) = delete;
  FmpzVec& operator=(const FmpzVec&) = delete;
  fmpz* v;
  Index n;
};

// A strided view of a rational matrix.
struct View {
  const Rational* p;
  Index row, col;
  const fmpq* at(Index i, Index j) const { return p[i * row + j * col].get(); }
};

// Row i of `a` (column i when `by_row` is false) over the lcm `den` of its denominators, as integers in `out`.
void clear_line(const View& a, Index i, Index len, bool by_row, fmpz* den, FmpzMat& out, fmpz_t tmp) {
  fmpz_one(den);
  for (Index k = 0; k < len; ++k) {
    const fmpq* q = by_row ? a.at(i, k) : a.at(k, i);
    const fmpz* qd = fmpq_denref(q);
    if (!fmpz_is_one(qd) && !fmpz_equal(qd, den) && !fmpz_divisible(den, qd)) fmpz_lcm(den, den, qd);
  }
  for (Index k = 0; k < len; ++k) {
    const fmpq* q = by_row ? a.at(i, k) : a.at(k, i);
    fmpz* e = by_row ? out.at(i, k) : out.at(k, i);
    if (fmpz_equal(fmpq_denref(q), den)) {
      fmpz_set(e, fmpq_numref(q));
    } else {
      fmpz_divexact(tmp, den, fmpq_denref(q));
      fmpz_mul(e, tmp, fmpq_numref(q));
    }
  }
}

void gemm_flint(Index rows, Index cols, Index depth, const View& lhs, const View& rhs, Rational* res, Index res_row,
                Index res_col, const Rational& alpha) {
  FmpzMat A(rows, depth), B(depth, cols), C(rows, cols);
  FmpzVec row_den(rows), col_den(cols);
  fmpz_t tmp;
  fmpz_init(tmp);
  for (Index i = 0; i < rows; ++i) clear_line(lhs, i, depth, true, row_den.v + i, A, tmp);
  for (Index j = 0; j < cols; ++j) clear_line(rhs, j, depth, false, col_den.v + j, B, tmp);
  fmpz_mat_mul(C.m, A.m, B.m);

  // res(i, j) += alpha · C(i, j) / (row_den_i · col_den_j), reduced once.
  const fmpq* a = alpha.get();
  const bool unit_alpha = fmpq_is_one(a);
  fmpq_t t;
  fmpq_init(t);
  for (Index i = 0; i < rows; ++i) {
    if (!unit_alpha) fmpz_mul(row_den.v + i, row_den.v + i, fmpq_denref(a));
    for (Index j = 0; j < cols; ++j) {
      const fmpz* c = C.at(i, j);
      if (fmpz_is_zero(c)) continue;
      if (unit_alpha)
        fmpz_set(fmpq_numref(t), c);
      else
        fmpz_mul(fmpq_numref(t), c, fmpq_numref(a));
      fmpz_mul(fmpq_denref(t), row_den.v + i, col_den.v + j);
      if (!fmpz_is_one(fmpq_denref(t))) fmpq_canonicalise(t);
      fmpq* r = res[i * res_row + j * res_col].get();
      if (fmpq_is_zero(r))
        fmpq_swap(r, t);
      else
        fmpq_add(r, r, t);
    }
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
    gemm_flint(rows, cols, depth, View{lhs, lhs_row, lhs_col}, View{rhs, rhs_row, rhs_col}, res, res_row, res_col, alpha);
  }
}

}  // namespace icl::exact
