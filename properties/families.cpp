#include "properties/families.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/registry.hpp"
#include "properties/ding2025/family.hpp"
#include "properties/giannou2024/family.hpp"
#include "properties/vonoswald2023/family.hpp"
#include "properties/yang2024/family.hpp"
#include "properties/zhangcao2026/family.hpp"

namespace icl {

const std::vector<const Family*>& families() {
  static const std::vector<const Family*> all{
      &vonoswald2023::family(),
      &giannou2024::family(),
      &zhangcao2026::family(),
      &ding2025::family(),
      &yang2024::family(),
  };
  return all;
}

const std::vector<std::pair<std::string, std::string>>& pending_families() {
  static const std::vector<std::pair<std::string, std::string>> all{};
  return all;
}

const std::vector<Claim>& registry() {
  static const std::vector<Claim> all = [] {
    std::vector<Claim> ordered;
    for (const Family* f : families()) {
      std::vector<Claim> mine;
      for (const Claim& c : registrations())
        if (c.paper == f->key) mine.push_back(c);
      std::sort(mine.begin(), mine.end(),
                [f](const Claim& a, const Claim& b) { return spec_order_less(*f, a.local_id, b.local_id); });
      for (size_t i = 1; i < mine.size(); ++i)
        if (mine[i].id == mine[i - 1].id) throw std::logic_error("claim registered twice: " + mine[i].id);
      ordered.insert(ordered.end(), mine.begin(), mine.end());
    }
    if (ordered.size() != registrations().size())
      throw std::logic_error("a claim is registered for a family missing from properties/families.cpp");
    return ordered;
  }();
  return all;
}

const Family* find_family(const std::string& key) {
  for (const Family* f : families())
    if (f->key == key) return f;
  return nullptr;
}

const Claim* find_claim(const std::string& id) {
  for (const auto& c : registry())
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace icl
