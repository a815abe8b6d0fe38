#include "properties/coverage.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "properties/families.hpp"

namespace icl {

namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string first_cell(const std::string& line) {
  if (line.empty() || line[0] != '|') return "";
  const auto end = line.find('|', 1);
  return end == std::string::npos ? "" : trim(line.substr(1, end - 1));
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "none" : s;
}

}  // namespace

std::vector<std::string> spec_table_ids(const std::string& markdown) {
  std::vector<std::string> ids;
  std::istringstream in(markdown);
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    const std::string cell = first_cell(line);
    if (line.empty() || line[0] != '|') {
      in_table = false;
    } else if (cell == "id") {
      in_table = true;
    } else if (in_table && !cell.empty() && cell.find_first_not_of("-: ") != std::string::npos) {
      ids.push_back(cell);
    }
  }
  return ids;
}

Coverage coverage(const std::string& spec_dir) {
  namespace fs = std::filesystem;
  Coverage cov;
  std::error_code ec;
  if (!fs::is_directory(spec_dir, ec)) {
    cov.text = "no spec tables found at " + spec_dir + "; nothing to compare\n";
    return cov;
  }
  cov.specs_found = true;
  std::vector<std::string> keys;
  for (const auto& entry : fs::directory_iterator(spec_dir, ec))
    if (entry.path().extension() == ".md" && entry.path().stem() != "README") keys.push_back(entry.path().stem().string());
  std::sort(keys.begin(), keys.end());
  std::ostringstream out;
  std::set<std::string> seen_families;
  for (const auto& key : keys) {
    std::ifstream file(fs::path(spec_dir) / (key + ".md"));
    std::stringstream text;
    text << file.rdbuf();
    const std::vector<std::string> ids = spec_table_ids(text.str());
    cov.spec_ids += static_cast<long>(ids.size());
    const Family* family = find_family(key);
    if (!family) {
      const auto& pf = pending_families();
      const auto it = std::find_if(pf.begin(), pf.end(), [&](const auto& p) { return p.first == key; });
      if (it == pf.end()) {
        cov.ok = false;
        out << fmt::format("{}: {} spec ids, no family and not pending: MISSING\n", key, ids.size());
      } else {
        cov.pending += static_cast<long>(ids.size());
        out << fmt::format("{}: {} spec ids, family pending ({})\n", key, ids.size(), it->second);
      }
      continue;
    }
    seen_families.insert(key);
    std::vector<std::string> registered, pending, missing, stale, unknown;
    for (const auto& id : ids) {
      const bool reg = find_claim(key + "/" + id) != nullptr;
      const auto p = std::find_if(family->pending.begin(), family->pending.end(), [&](const auto& x) { return x.first == id; });
      const bool pend = p != family->pending.end();
      if (reg && pend) stale.push_back(id);
      if (reg) registered.push_back(id);
      else if (pend) pending.push_back(id + " (" + p->second + ")");
      else missing.push_back(id);
    }
    for (const auto& c : registry())
      if (c.paper == key && std::find(ids.begin(), ids.end(), c.local_id) == ids.end()) unknown.push_back(c.local_id);
    for (const auto& p : family->pending)
      if (std::find(ids.begin(), ids.end(), p.first) == ids.end()) unknown.push_back(p.first + " (pending)");
    cov.registered += static_cast<long>(registered.size());
    cov.pending += static_cast<long>(pending.size());
    const bool fine = missing.empty() && stale.empty() && unknown.empty();
    cov.ok = cov.ok && fine;
    out << fmt::format("{}: {} spec ids, {} registered, {} pending{}\n", key, ids.size(), registered.size(), pending.size(),
                       fine ? "" : " — MISMATCH");
    if (!pending.empty()) out << "  pending: " << join(pending) << "\n";
    if (!missing.empty()) out << "  in the spec, neither registered nor pending: " << join(missing) << "\n";
    if (!stale.empty()) out << "  registered but still listed as pending: " << join(stale) << "\n";
    if (!unknown.empty()) out << "  registered or pending but not in the spec: " << join(unknown) << "\n";
  }
  for (const Family* f : families())
    if (!seen_families.count(f->key)) {
      cov.ok = false;
      out << f->key << ": registered family without a spec file\n";
    }
  out << fmt::format("total: {} spec ids, {} registered, {} pending\n", cov.spec_ids, cov.registered, cov.pending);
  cov.text = out.str();
  return cov;
}

}  // namespace icl
