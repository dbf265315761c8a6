// One embedded interpreter per test binary, started on first use and stopped at exit.
#pragma once

#include "core/py/session.h"

namespace bufferlab::testing {

inline void ensure_interpreter() {
  static Interpreter interpreter;
}

}  // namespace bufferlab::testing
