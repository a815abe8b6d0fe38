// The registry against the spec tables (../shared/claims/<paper>.md): which spec ids are registered, which are
// pending (with the issue that will add them), and anything that is neither.
#pragma once

#include <string>
#include <vector>

namespace icl {

struct Coverage {
  bool specs_found = false;
  bool ok = true;         // every spec id registered or pending; nothing registered outside the specs; no stale pending
  std::string text;       // one block per paper
  long spec_ids = 0, registered = 0, pending = 0;
};

// Ids listed in a spec's claims table (the first cell of each row under a "| id |" header).
std::vector<std::string> spec_table_ids(const std::string& markdown);

Coverage coverage(const std::string& spec_dir);

}  // namespace icl
