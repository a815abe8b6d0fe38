// ICL_ROUTE_EIGEN_PRODUCTS(S, FN, TAG) routes Eigen's GEMM and GEMV kernels for the scalar S to the function FN (TAG:
// an identifier unique to S):
//   void FN(Index rows, Index cols, Index depth, const S* lhs, Index lhs_row, Index lhs_col, const S* rhs,
//           Index rhs_row, Index rhs_col, S* res, Index res_row, Index res_col, const S& alpha);
// computing res(i, j) += alpha · Σ_k lhs(i, k) · rhs(k, j), entry (i, k) of lhs at lhs[i·lhs_row + k·lhs_col].
// GEMM: Eigen forwards a row-major destination here transposed, so only a column-major one is specialised.
// GEMV (either storage order of the matrix): the mappers address entry (i, k) of the matrix and entry k of the
// vector; their strides are read off them. Use at namespace scope, before any product of S is instantiated.
#pragma once

#include <Eigen/Core>

#define ICL_ROUTE_EIGEN_PRODUCTS(S, FN, TAG)                                                                            \
  namespace Eigen::internal {                                                                                      \
  template <typename Idx, int LhsOrder, bool ConjLhs, int RhsOrder, bool ConjRhs, int ResInnerStride>              \
  struct general_matrix_matrix_product<Idx, S, LhsOrder, ConjLhs, S, RhsOrder, ConjRhs, ColMajor, ResInnerStride> { \
    typedef gebp_traits<S, S> Traits;                                                                              \
    static void run(Idx rows, Idx cols, Idx depth, const S* lhs, Idx lhs_stride, const S* rhs, Idx rhs_stride,     \
                    S* res, Idx res_incr, Idx res_stride, const S& alpha, level3_blocking<S, S>&,                  \
                    GemmParallelInfo<Idx>* = nullptr) {                                                            \
      const bool lhs_rows = LhsOrder == RowMajor, rhs_rows = RhsOrder == RowMajor;                                 \
      FN(rows, cols, depth, lhs, lhs_rows ? lhs_stride : 1, lhs_rows ? 1 : lhs_stride, rhs,                        \
         rhs_rows ? rhs_stride : 1, rhs_rows ? 1 : rhs_stride, res, res_incr, res_stride, alpha);                  \
    }                                                                                                              \
  };                                                                                                               \
  template <typename Idx, typename LhsMapper, int LhsOrder, bool ConjLhs, typename RhsMapper, bool ConjRhs>        \
  struct icl_gemv_route_##TAG {                                                                                   \
    static void run(Idx rows, Idx cols, const LhsMapper& lhs, const RhsMapper& rhs, S* res, Idx res_incr,          \
                    S alpha) {                                                                                     \
      const bool lhs_rows = LhsOrder == RowMajor;                                                                  \
      FN(rows, 1, cols, &lhs(0, 0), lhs_rows ? lhs.stride() : 1, lhs_rows ? 1 : lhs.stride(), &rhs(0, 0),          \
         cols > 1 ? &rhs(1, 0) - &rhs(0, 0) : 1, 0, res, res_incr, 0, alpha);                                      \
    }                                                                                                              \
  };                                                                                                               \
  template <typename Idx, typename LhsMapper, bool ConjLhs, typename RhsMapper, bool ConjRhs, int Version>        \
  struct general_matrix_vector_product<Idx, S, LhsMapper, ColMajor, ConjLhs, S, RhsMapper, ConjRhs, Version>       \
      : icl_gemv_route_##TAG<Idx, LhsMapper, ColMajor, ConjLhs, RhsMapper, ConjRhs> {};                           \
  template <typename Idx, typename LhsMapper, bool ConjLhs, typename RhsMapper, bool ConjRhs, int Version>        \
  struct general_matrix_vector_product<Idx, S, LhsMapper, RowMajor, ConjLhs, S, RhsMapper, ConjRhs, Version>       \
      : icl_gemv_route_##TAG<Idx, LhsMapper, RowMajor, ConjLhs, RhsMapper, ConjRhs> {};                           \
  }
