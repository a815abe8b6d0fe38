#include "core/property.hpp"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include <rapidcheck/detail/Configuration.h>

namespace rc {
namespace detail {
// Exported by librapidcheck but not declared in its public headers.
std::string reproduceMapToString(const std::unordered_map<std::string, Reproduce>& reproduceMap);
std::unordered_map<std::string, Reproduce> stringToReproduceMap(const std::string& str);
}  // namespace detail
}  // namespace rc

namespace icl {
namespace {

class QuietListener : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

// RapidCheck announces its configuration on stderr when it first loads it, including a random default seed
// that the suite never uses (every property gets an explicit seed). Load it silently unless the user set
// RC_PARAMS, in which case the announcement confirms their settings.
void load_configuration() {
  static const bool loaded = [] {
    const char* user = std::getenv("RC_PARAMS");
    if (user && *user) {
      rc::detail::configuration();
    } else {
      std::streambuf* saved = std::cerr.rdbuf(nullptr);
      rc::detail::configuration();
      std::cerr.rdbuf(saved);
    }
    return true;
  }();
  (void)loaded;
}

long replayed_or_skipped = 0;

}  // namespace

long properties_replayed_or_skipped() { return replayed_or_skipped; }

std::string check_rc_params(std::vector<std::string>* reproduces) {
  const char* env = std::getenv("RC_PARAMS");
  if (!env || !*env) return "";
  try {
    const rc::detail::Configuration c = rc::detail::configFromString(env);
    if (reproduces)
      for (const auto& [id, r] : c.reproduce) reproduces->push_back(id);
  } catch (const std::exception& e) {
    std::string msg = e.what();
    if (const auto nl = msg.find('\n'); nl != std::string::npos) msg = msg.substr(0, nl);
    return "malformed RC_PARAMS: " + msg;
  }
  return "";
}

PropertyOutcome run_property(const std::string& id, const rc::detail::Property& property,
                             const PropertyParams& params) {
  rc::detail::TestMetadata meta;
  meta.id = id;
  meta.description = id;
  rc::detail::TestParams tp;
  tp.seed = params.seed;
  tp.maxSuccess = params.cases;
  tp.maxSize = params.max_size;
  QuietListener listener;
  load_configuration();
  std::unordered_map<std::string, rc::detail::Reproduce> reproduce = rc::detail::configuration().reproduce;
  if (!params.reproduce.empty()) {
    std::string payload = params.reproduce;
    for (const std::string prefix : {"RC_PARAMS=", "\"", "reproduce="})
      if (payload.rfind(prefix, 0) == 0) payload = payload.substr(prefix.size());
    if (!payload.empty() && payload.back() == '"') payload.pop_back();
    reproduce = rc::detail::stringToReproduceMap(payload);
  }
  PropertyOutcome out;
  if (!reproduce.empty()) ++replayed_or_skipped;
  if (!reproduce.empty() && reproduce.count(id) == 0) {  // RapidCheck would report success with no cases
    out.status = PropertyOutcome::Status::Skipped;
    out.description = "not run: RC_PARAMS reproduces another property";
    return out;
  }
  const auto result = rc::detail::checkProperty(property, meta, tp, listener, reproduce);

  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gaveUp;
  rc::detail::Error error;
  if (result.match(success)) {
    out.status = PropertyOutcome::Status::Passed;
    out.successes = success.numSuccess;
  } else if (result.match(failure)) {
    out.status = PropertyOutcome::Status::Failed;
    out.successes = failure.numSuccess;
    // RC_FAIL descriptions read "file:line:\nRC_FAIL(expression)\n\nmessage": keep the message.
    const auto blank = failure.description.find("\n\n");
    out.description = blank == std::string::npos ? failure.description : failure.description.substr(blank + 2);
    std::ostringstream ce;
    for (const auto& [type, value] : failure.counterExample) ce << value << "\n";
    out.counterexample = ce.str();
    if (!out.counterexample.empty()) out.counterexample.pop_back();
    out.reproduce = "RC_PARAMS=\"reproduce=" +
                    rc::detail::reproduceMapToString({{id, failure.reproduce}}) + "\"";
  } else if (result.match(gaveUp)) {
    out.status = PropertyOutcome::Status::GaveUp;
    out.successes = gaveUp.numSuccess;
    out.description = gaveUp.description;
  } else if (result.match(error)) {
    out.description = error.description;
  }
  return out;
}

}  // namespace icl
