#include "core/registry.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace icl {

namespace {
std::vector<Claim>& store() {
  static std::vector<Claim> all;
  return all;
}

// "LOG12" → ("LOG", 12); "MK03" → ("MK", 3).
std::pair<std::string, long> split_id(const std::string& id) {
  size_t k = 0;
  while (k < id.size() && !std::isdigit(static_cast<unsigned char>(id[k]))) ++k;
  return {id.substr(0, k), k < id.size() ? std::stol(id.substr(k)) : 0L};
}
}  // namespace

ClaimRow::ClaimRow(std::string local_id, Kind kind) {
  claim_.local_id = std::move(local_id);
  claim_.kind = kind;
}
ClaimRow& ClaimRow::statement(std::string text) {
  claim_.statement = std::move(text);
  return *this;
}
ClaimRow& ClaimRow::arithmetic(std::string text, std::vector<std::string> tags) {
  claim_.arithmetic = std::move(text);
  claim_.arith_tags = std::move(tags);
  return *this;
}
ClaimRow& ClaimRow::expect(Verdict verdict, std::string why) {
  claim_.expected = verdict;
  claim_.justification = std::move(why);
  return *this;
}
ClaimRow& ClaimRow::source(std::string where) {
  claim_.source = std::move(where);
  return *this;
}
ClaimRow& ClaimRow::uses(std::vector<std::string> constructions, std::vector<std::string> oracles) {
  claim_.constructions = std::move(constructions);
  claim_.oracles = std::move(oracles);
  return *this;
}
ClaimRow& ClaimRow::budget(std::string name, Axis axis, long base, long minimum) {
  claim_.budgets.push_back({std::move(name), axis, base, minimum < 0 ? base : minimum});
  return *this;
}
ClaimRow& ClaimRow::hypothesis(std::string text) {
  claim_.hypotheses.push_back(std::move(text));
  return *this;
}
ClaimRow& ClaimRow::part(std::string name, Verdict expected) {
  claim_.parts.emplace_back(std::move(name), expected);
  return *this;
}
ClaimRow& ClaimRow::rejects(Defect d, double effort) {
  claim_.broken.push_back({d, effort, false, Verdict::Refuted});
  return *this;
}
ClaimRow& ClaimRow::rejects_by_property(Defect d, double effort) {
  claim_.broken.push_back({d, effort, true, Verdict::Refuted});
  return *this;
}
ClaimRow& ClaimRow::variant(Defect d, Verdict verdict, double effort) {
  claim_.broken.push_back({d, effort, false, verdict});
  return *this;
}
ClaimRow& ClaimRow::inconclusive_under(Defect d, const char* reason, double effort) {
  claim_.broken.push_back({d, effort, false, Verdict::Inconclusive, reason});
  return *this;
}
ClaimRow& ClaimRow::fixture(std::string name) {
  claim_.fixtures.push_back(std::move(name));
  return *this;
}
ClaimRow& ClaimRow::check(Evidence (*fn)(Context&)) {
  claim_.check = fn;
  return *this;
}

Registration::Registration(const Family& family, const ClaimRow& row, const char* file) {
  Claim c = row.claim();
  c.paper = family.key;
  c.id = family.key + "/" + c.local_id;
  std::string path = file;
  // Keep the path from the family folder up ("properties/<paper>/<id>.cpp").
  if (const auto at = path.rfind("properties/"); at != std::string::npos) path = path.substr(at);
  c.file = path;
  if (!c.check) throw std::logic_error(c.id + ": registered without a check");
  store().push_back(std::move(c));
}

const std::vector<Claim>& registrations() { return store(); }

bool spec_order_less(const Family& f, const std::string& a, const std::string& b) {
  const auto [pa, na] = split_id(a);
  const auto [pb, nb] = split_id(b);
  const auto rank = [&](const std::string& p) {
    const auto it = std::find(f.id_prefixes.begin(), f.id_prefixes.end(), p);
    return it - f.id_prefixes.begin();
  };
  if (pa != pb) return rank(pa) < rank(pb) || (rank(pa) == rank(pb) && pa < pb);
  return na < nb;
}

}  // namespace icl
