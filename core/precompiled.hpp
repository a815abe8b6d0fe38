// The precompiled header of the claim, test, oracle, construction and training units (CMakeLists.txt, ICL_PCH): the
// library headers nearly every one of them parses, and the suite's scalar and context headers, parsed once per target
// with their templates instantiated in the header: the claim units compile 5–17% faster, a clean build 4% (README,
// "Build time"; most of a unit's time is the optimiser and code generation, which a header cannot save).
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidcheck.h>
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <Eigen/QR>
#include <Eigen/SVD>

#include "core/context.hpp"
#include "core/property.hpp"
#include "core/scalar.hpp"
