// Zhang & Cao family: broken constructions and wrong bounds are rejected by the same checks the registry runs.
// Test names must not contain commas (doctest label discovery).
#include <doctest/doctest.h>

#include "properties/test_util.hpp"
#include "properties/zhangcao2026.hpp"

namespace zc26 = icl::zhangcao2026;
using zc26::Defect;

using icl::test::RefutedBy;
using icl::test::require_refuted;
using icl::test::small_run;
constexpr int kSmallCases = 4;

TEST_SUITE("zhangcao2026;broken-variant;mpfr") {
  TEST_CASE("broken NGD layers are rejected by C1 and C2") {
    for (Defect d : {Defect::FlipScoreSign, Defect::DropEta, Defect::QueryAmongKeys, Defect::TransposeBlock}) {
      CAPTURE(static_cast<int>(d));
      require_refuted(zc26::check_c1(small_run(kSmallCases), d), RefutedBy::Property);
      require_refuted(zc26::check_c2(small_run(2), d), RefutedBy::Property);
    }
  }
  TEST_CASE("a mis-normalised direction is rejected by C3") { require_refuted(zc26::check_c3(small_run(2), Defect::WrongBound), RefutedBy::Property); }
  TEST_CASE("K4 without the state key is rejected by C5") { require_refuted(zc26::check_c5(small_run(2), Defect::QueryAmongKeys), RefutedBy::Property); }
  TEST_CASE("K3 without its value scale is rejected by C6") { require_refuted(zc26::check_c6(small_run(2), Defect::DropEta), RefutedBy::Property); }
  TEST_CASE("a wrong coefficient sum is rejected by C7") { require_refuted(zc26::check_c7(small_run(2), Defect::WrongBound)); }
  TEST_CASE("values that read the keys' state slots break the masking identity C18") {
    require_refuted(zc26::check_c18(small_run(2), Defect::ValueReadsState), RefutedBy::Property);
  }
}

TEST_SUITE("zhangcao2026;broken-variant;exact") {
  TEST_CASE("the first layer without eta or with the state among the keys is rejected by C4") {
    require_refuted(zc26::check_c4(small_run(30), Defect::DropEta), RefutedBy::Property);
    require_refuted(zc26::check_c4(small_run(30), Defect::QueryAmongKeys), RefutedBy::Property);
  }
  TEST_CASE("a gadget built for half the range is rejected by C19") { require_refuted(zc26::check_c19(small_run(kSmallCases), Defect::WrongBound)); }
  TEST_CASE("a wrong unit margin is rejected by C17") { require_refuted(zc26::check_c17(small_run(2), Defect::WrongBound)); }
}

TEST_SUITE("zhangcao2026;broken-variant;arb") {
  TEST_CASE("bounds with a doubled constant are refuted (C8 C9 C10 C20)") {
    require_refuted(zc26::check_c8(small_run(2), Defect::WrongBound));
    require_refuted(zc26::check_c9(small_run(2), Defect::WrongBound));
    require_refuted(zc26::check_c10(small_run(2), Defect::WrongBound));
    require_refuted(zc26::check_c20(small_run(2), Defect::WrongBound));
  }
}

TEST_SUITE("zhangcao2026;broken-variant;double") {
  TEST_CASE("NGD with a negative step does not converge to the max margin (C11)") {
    require_refuted(zc26::check_c11(small_run(1000), Defect::FlipScoreSign));
  }
  TEST_CASE("a layer trained against a teacher with step 2 eta does not match eta (C15)") {
    require_refuted(zc26::check_c15(small_run(kSmallCases), Defect::WrongTeacher));
  }
}
