// Headless lesson run (--lesson FILE --run-all): every code step in order, output as python3
// prints it.
#pragma once

#include "app/cli/cli_options.h"

namespace bufferlab {

// Loads options.lesson and runs its code steps in one fresh session. Steps' stdout goes to
// stdout and their stderr (tracebacks included) to stderr, in order, flushed; nothing else is
// written to stdout. Returns 0 when every step went as the lesson intends, 1 when a step raised
// an error the lesson does not expect or missed one it expects, 2 when the lesson cannot be
// loaded (its message on stderr).
int run_lesson_headless(const CliOptions& options);

}  // namespace bufferlab
