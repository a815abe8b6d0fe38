// Helpers shared by the broken-variant tests of every family.
#pragma once

#include <doctest/doctest.h>

#include "core/claim.hpp"

namespace icl::test {

// A reduced budget: broken variants must be caught by the same checks with few cases.
inline RunConfig small_run(int cases) {
  RunConfig cfg;
  cfg.cases = cases;
  return cfg;
}

enum class RefutedBy { AnyCheck, Property };

// A refutation must carry its counterexample; one found by RapidCheck must also carry its RC_PARAMS string.
inline void require_refuted(const Evidence& ev, RefutedBy by = RefutedBy::AnyCheck) {
  CHECK(ev.verdict == Verdict::Refuted);
  CHECK_FALSE(ev.counterexample.empty());
  if (by == RefutedBy::Property) CHECK(ev.reproduce.rfind("RC_PARAMS=\"reproduce=", 0) == 0);
}

}  // namespace icl::test
