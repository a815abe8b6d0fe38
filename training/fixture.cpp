#include "training/fixture.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include <unistd.h>

#include "source_id.hpp"

namespace icl::training {

namespace {

std::map<std::string, std::unique_ptr<TrainedModel>>& memory() {
  static std::map<std::string, std::unique_ptr<TrainedModel>> m;
  return m;
}

bool retrain = false;

std::vector<std::pair<std::string, std::function<void(const RunConfig&)>>>& named() {
  static std::vector<std::pair<std::string, std::function<void(const RunConfig&)>>> all;
  return all;
}

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

std::string cache_path(const std::string& key) {
  const char* dir = std::getenv("ICL_MODEL_CACHE");
  if (!dir || !*dir) return "";
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.model", static_cast<unsigned long long>(fnv1a(key)));
  return (std::filesystem::path(dir) / name).string();
}

template <class T>
void put(std::ostream& out, const T& v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
bool get(std::istream& in, T& v) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v));
}

bool load(const std::string& path, const std::string& key, TrainedModel& m) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  uint64_t key_size = 0;
  if (!get(in, key_size) || key_size > (1u << 20)) return false;
  std::string stored(key_size, '\0');
  if (!in.read(stored.data(), static_cast<std::streamsize>(key_size)) || stored != key) return false;
  uint64_t count = 0;
  if (!get(in, count)) return false;
  m.params.clear();
  for (uint64_t i = 0; i < count; ++i) {
    int64_t r = 0, c = 0;
    if (!get(in, r) || !get(in, c) || r < 0 || c < 0) return false;
    Eigen::MatrixXd a(r, c);
    if (!in.read(reinterpret_cast<char*>(a.data()), static_cast<std::streamsize>(sizeof(double) * a.size()))) return false;
    m.params.push_back(std::move(a));
  }
  uint64_t n = 0;
  if (!get(in, n)) return false;
  m.curve.resize(n);
  return n == 0 || static_cast<bool>(in.read(reinterpret_cast<char*>(m.curve.data()), static_cast<std::streamsize>(sizeof(double) * n)));
}

void store(const std::string& path, const std::string& key, const TrainedModel& m) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    put(out, static_cast<uint64_t>(key.size()));
    out.write(key.data(), static_cast<std::streamsize>(key.size()));
    put(out, static_cast<uint64_t>(m.params.size()));
    for (const auto& a : m.params) {
      put(out, static_cast<int64_t>(a.rows()));
      put(out, static_cast<int64_t>(a.cols()));
      out.write(reinterpret_cast<const char*>(a.data()), static_cast<std::streamsize>(sizeof(double) * a.size()));
    }
    put(out, static_cast<uint64_t>(m.curve.size()));
    out.write(reinterpret_cast<const char*>(m.curve.data()), static_cast<std::streamsize>(sizeof(double) * m.curve.size()));
    if (!out) return;  // a cache that cannot be written is only a cache
  }
  std::filesystem::rename(tmp, path, ec);  // atomic: a reader sees the old file or the whole new one
}

}  // namespace

const TrainedModel& fixture(const std::string& key, const std::function<TrainedModel()>& train) {
  auto& slot = memory()[key];
  if (slot) return *slot;
  auto m = std::make_unique<TrainedModel>();
  const std::string path = cache_path(key);
  // On disk the key names the build too (cmake/source_id.cmake: every source, the compiler and its flags): a model
  // trained by another build — whose model code, data or defaults may differ under the same key — is never read.
  const std::string stored_key = key + " build=" + ICL_SOURCE_ID;
  if (path.empty() || retrain || !load(path, stored_key, *m)) {
    *m = train();
    if (!path.empty()) store(path, stored_key, *m);
  }
  slot = std::move(m);
  return *slot;
}

FixtureRegistration::FixtureRegistration(std::string name, std::function<void(const RunConfig&)> prepare) {
  named().emplace_back(std::move(name), std::move(prepare));
}

const std::vector<std::pair<std::string, std::function<void(const RunConfig&)>>>& registered_fixtures() { return named(); }

void set_retrain(bool r) { retrain = r; }

std::string seed_fixture(const std::string& prefix, long s) { return prefix + "/seed-" + std::to_string(s); }

std::vector<FixtureRegistration> per_seed_fixtures(const std::string& prefix, long seeds,
                                                   const std::function<void(const RunConfig&, long)>& prepare,
                                                   const std::function<long(const RunConfig&)>& trained) {
  std::vector<FixtureRegistration> f;
  for (long s = 0; s < seeds; ++s)
    f.emplace_back(seed_fixture(prefix, s), [prepare, trained, s](const RunConfig& cfg) {
      if (!trained || s < trained(cfg)) prepare(cfg, s);
    });
  return f;
}

}  // namespace icl::training
