#include "oracles/bernstein.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace icl::realroots {

namespace {

Rational binomial(long n, long k) {
  Rational r(1);
  for (long i = 1; i <= k; ++i) r = r * Rational(n - k + i) / Rational(i);
  return r;
}

using Grid = std::vector<std::vector<Rational>>;  // b[i][j], i ≤ m (u), j ≤ q (v)

Grid to_bernstein(const Bivariate& a, long m, long q) {
  Grid b(size_t(m + 1), std::vector<Rational>(size_t(q + 1), Rational(0)));
  for (long i = 0; i <= m; ++i)
    for (long j = 0; j <= q; ++j)
      for (long k = 0; k <= i && k < long(a.size()); ++k)
        for (long l = 0; l <= j && l < long(a[size_t(k)].size()); ++l)
          if (a[size_t(k)][size_t(l)] != 0)
            b[size_t(i)][size_t(j)] += binomial(i, k) / binomial(m, k) * binomial(j, l) / binomial(q, l) *
                                       a[size_t(k)][size_t(l)];
  return b;
}

// de Casteljau at 1/2 along one axis: the Bernstein coefficients on each half.
void split_line(std::vector<Rational> c, std::vector<Rational>& left, std::vector<Rational>& right) {
  const size_t n = c.size();
  left.assign(n, Rational(0));
  right.assign(n, Rational(0));
  for (size_t r = 0; r < n; ++r) {
    left[r] = c[0];
    right[n - 1 - r] = c[n - 1 - r];
    for (size_t i = 0; i + 1 < n - r; ++i) c[i] = (c[i] + c[i + 1]) / Rational(2);
  }
}

struct Box {
  Grid b;
  Rational u0, u1, v0, v1;
  int depth;
};

}  // namespace

BoxSign positive_on_unit_square(const Bivariate& a, int max_depth) {
  long m = long(a.size()) - 1, q = 0;
  for (const auto& row : a) q = std::max(q, long(row.size()) - 1);
  BoxSign out;
  std::vector<Box> stack{{to_bernstein(a, m, q), Rational(0), Rational(1), Rational(0), Rational(1), 0}};
  while (!stack.empty()) {
    Box box = std::move(stack.back());
    stack.pop_back();
    out.depth = std::max(out.depth, box.depth);
    bool all_positive = true;
    for (const auto& row : box.b)
      for (const auto& c : row) all_positive = all_positive && c > 0;
    if (all_positive) {
      ++out.boxes;
      continue;
    }
    const Rational corners[4][3] = {{box.b[0][0], box.u0, box.v0},
                                    {box.b[size_t(m)][0], box.u1, box.v0},
                                    {box.b[0][size_t(q)], box.u0, box.v1},
                                    {box.b[size_t(m)][size_t(q)], box.u1, box.v1}};
    for (const auto& c : corners)
      if (c[0] <= 0) {
        out.failure = fmt::format("value {} ≤ 0 at (u, v) = ({}, {})", c[0].str(), c[1].str(), c[2].str());
        return out;
      }
    if (box.depth >= max_depth) {
      out.failure = fmt::format("undecided on [{}, {}] × [{}, {}] at depth {}", box.u0.str(), box.u1.str(), box.v0.str(),
                                box.v1.str(), box.depth);
      return out;
    }
    Box lo = box, hi = box;
    lo.depth = hi.depth = box.depth + 1;
    std::vector<Rational> l, r;
    if (box.depth % 2 == 0) {  // split u
      const Rational mid = (box.u0 + box.u1) / Rational(2);
      lo.u1 = hi.u0 = mid;
      for (long j = 0; j <= q; ++j) {
        std::vector<Rational> col;
        for (long i = 0; i <= m; ++i) col.push_back(box.b[size_t(i)][size_t(j)]);
        split_line(col, l, r);
        for (long i = 0; i <= m; ++i) {
          lo.b[size_t(i)][size_t(j)] = l[size_t(i)];
          hi.b[size_t(i)][size_t(j)] = r[size_t(i)];
        }
      }
    } else {  // split v
      const Rational mid = (box.v0 + box.v1) / Rational(2);
      lo.v1 = hi.v0 = mid;
      for (long i = 0; i <= m; ++i) {
        split_line(box.b[size_t(i)], l, r);
        lo.b[size_t(i)] = l;
        hi.b[size_t(i)] = r;
      }
    }
    stack.push_back(std::move(hi));
    stack.push_back(std::move(lo));
  }
  out.positive = true;
  return out;
}

namespace {

Bivariate transpose(const Bivariate& a) {
  Bivariate t(a.front().size(), std::vector<Rational>(a.size(), Rational(0)));
  for (size_t k = 0; k < a.size(); ++k)
    for (size_t l = 0; l < a[k].size(); ++l) t[l][k] = a[k][l];
  return t;
}

// v ↦ 1 − v: Σ a_kl u^k (1 − v)^l.
Bivariate reflect_v(const Bivariate& a) {
  Bivariate r(a.size(), std::vector<Rational>(a.front().size(), Rational(0)));
  for (size_t k = 0; k < a.size(); ++k)
    for (size_t l = 0; l < a[k].size(); ++l)
      for (size_t j = 0; j <= l; ++j)
        r[k][j] += a[k][l] * binomial(long(l), long(j)) * Rational((j % 2) ? -1 : 1);
  return r;
}

// Divides out v^a and (1 − v)^b while they divide; returns (a, b).
std::pair<int, int> strip_v(Bivariate& a) {
  int fv = 0, fw = 0;
  while (a[0].size() > 1 && std::all_of(a.begin(), a.end(), [](const auto& row) { return row[0] == 0; })) {
    for (auto& row : a) row.erase(row.begin());
    ++fv;
  }
  for (;;) {
    bool divides = a[0].size() > 1;
    for (const auto& row : a) {
      Rational sum(0);
      for (const auto& c : row) sum += c;
      divides = divides && sum == 0;
    }
    if (!divides) break;
    for (auto& row : a) {  // row = (v − 1)·q = (1 − v)·(−q)
      std::vector<Rational> quotient(row.size() - 1, Rational(0));
      Rational carry(0);
      for (size_t i = row.size() - 1; i-- > 0;) {
        carry = row[i + 1] + carry;
        quotient[i] = -carry;
      }
      row = quotient;
    }
    ++fw;
  }
  return {fv, fw};
}

std::string strip_factors(Bivariate& a) {
  const auto [v, w] = strip_v(a);
  a = transpose(a);
  const auto [u, x] = strip_v(a);
  a = transpose(a);
  return fmt::format("u^{} (1 − u)^{} v^{} (1 − v)^{}", u, x, v, w);
}

Bivariate blow_up(const Bivariate& a, bool v_below_u) {
  Bivariate b;
  for (size_t k = 0; k < a.size(); ++k)
    for (size_t l = 0; l < a[k].size(); ++l) {
      if (a[k][l] == 0) continue;
      // v = uw: u^k v^l = u^(k+l) w^l (variables u, w); u = vw: u^k v^l = w^k v^(k+l) (variables w, v).
      const size_t i = v_below_u ? k + l : k, j = v_below_u ? l : k + l;
      if (b.size() <= i) b.resize(i + 1);
      for (auto& row : b) row.resize(std::max(row.size(), j + 1), Rational(0));
      b[i][j] += a[k][l];
    }
  for (auto& row : b) row.resize(b.front().size(), Rational(0));
  return b;
}

Rational value_at(const Bivariate& a, const Rational& u, const Rational& v) {
  Rational s(0), uk(1);
  for (const auto& row : a) {
    Rational vl(1);
    for (const auto& c : row) {
      s += c * uk * vl;
      vl *= v;
    }
    uk *= u;
  }
  return s;
}

}  // namespace

BoxSign nonnegative_on_unit_square(Bivariate a, int blowups, int max_depth) {
  const std::string factors = strip_factors(a);
  BoxSign direct = positive_on_unit_square(a, max_depth);
  if (direct.positive) {
    direct.failure = fmt::format("{} × R, R > 0 ({} boxes, depth {})", factors, direct.boxes, direct.depth);
    return direct;
  }
  BoxSign out;
  // A corner where R vanishes (and nothing worse found).
  int corner = -1;
  for (int c = 0; c < 4; ++c)
    if (value_at(a, Rational(c & 1), Rational(c >> 1)) == 0) corner = c;
  if (blowups == 0 || corner < 0) {
    out.failure = fmt::format("{} × R: {}", factors, direct.failure);
    return out;
  }
  Bivariate moved = a;
  if (corner & 1) moved = transpose(reflect_v(transpose(moved)));  // u ↦ 1 − u
  if (corner & 2) moved = reflect_v(moved);
  out.positive = true;
  std::string pieces;
  for (const bool piece : {true, false}) {
    const BoxSign sub = nonnegative_on_unit_square(blow_up(moved, piece), blowups - 1, max_depth);
    out.positive = out.positive && sub.positive;
    out.boxes += sub.boxes;
    out.depth = std::max(out.depth, sub.depth);
    pieces += fmt::format("{}{}: {}{}", pieces.empty() ? "" : "; ", piece ? "v ≤ u (v = uw)" : "u ≤ v (u = vw)",
                          sub.positive ? "" : "NOT certified, ", sub.failure);
  }
  out.failure = fmt::format("{} × R, R = 0 at the corner (u, v) = ({}, {}), blown up [{}]", factors, corner & 1,
                            corner >> 1, pieces);
  return out;
}

}  // namespace icl::realroots
