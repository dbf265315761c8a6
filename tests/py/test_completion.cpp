// Tab completion in the session, as python3's REPL completes: rlcompleter's matches over the
// session's namespace for the word readline would take (names, keywords, builtins, attributes of
// a memoryview and a numpy array), sorted and capped, and an evaluation before the dot that
// raises, prints or hangs neither escapes nor shows.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

bool has(const Completion& completion, const std::string& match) {
  return std::find(completion.matches.begin(), completion.matches.end(), match) != completion.matches.end();
}

}  // namespace

TEST_CASE("completion finds names, builtins and keywords as rlcompleter does") {
  ensure_interpreter();
  Session session;
  REQUIRE_FALSE(session.run_cell("value_one = 1\nvalue_two = 2\ndef make_zeros(): pass").raised);

  const Completion memo = session.complete("memo");
  CHECK(memo.word == "memo");
  CHECK(memo.matches == std::vector<std::string>{"memoryview("});
  CHECK(memo.total == 1);
  CHECK(memo.common_prefix == "memoryview(");

  const Completion values = session.complete("val");
  CHECK(values.matches == std::vector<std::string>{"value_one", "value_two"});
  CHECK(values.common_prefix == "value_");

  CHECK(session.complete("make_").matches == std::vector<std::string>{"make_zeros()"});  // no parameters
  CHECK(session.complete("whi").matches == std::vector<std::string>{"while "});
  CHECK(session.complete("fin").matches == std::vector<std::string>{"finally:"});
  const Completion tr = session.complete("Tr");
  CHECK(tr.matches == std::vector<std::string>{"True"});
  CHECK(session.complete("no_such_name_").matches.empty());
}

TEST_CASE("the word is what readline takes before the cursor, with python3's delimiters") {
  ensure_interpreter();
  Session session;
  REQUIRE_FALSE(session.run_cell("b = bytearray(4)\nmv = memoryview(b)").raised);
  const Completion inside_call = session.complete("print(len(mv.nb");
  CHECK(inside_call.word == "mv.nb");
  CHECK(inside_call.matches == std::vector<std::string>{"mv.nbytes"});
  CHECK(session.complete("for i in range(2):\n    x = mv.nb").word == "mv.nb");
  // Nothing to complete after a delimiter or at a line start: the console indents there.
  CHECK(session.complete("print(").matches.empty());
  CHECK(session.complete("").matches.empty());
  CHECK(session.complete("    ").word.empty());
}

TEST_CASE("completion lists the attributes of a memoryview and a numpy array") {
  ensure_interpreter();
  Session session;
  REQUIRE_FALSE(session.run_cell("import numpy as np\nb = bytearray(4)\nmv = memoryview(b)\n"
                                 "a = np.arange(6, dtype=np.int32)").raised);
  CHECK(session.complete("mv.ca").matches == std::vector<std::string>{"mv.cast("});
  const Completion mv = session.complete("mv.");
  CHECK(mv.word == "mv.");
  CHECK(has(mv, "mv.cast("));
  CHECK(has(mv, "mv.nbytes"));
  CHECK(has(mv, "mv.tobytes("));
  CHECK(has(mv, "mv.release()"));
  CHECK_FALSE(has(mv, "mv.__len__("));  // as in python3: underscores only after "mv._"
  CHECK(std::is_sorted(mv.matches.begin(), mv.matches.end()));
  CHECK(mv.common_prefix == "mv.");
  CHECK(has(session.complete("mv.__l"), "mv.__len__()"));

  const Completion array = session.complete("a.");
  CHECK(has(array, "a.shape"));
  CHECK(has(array, "a.strides"));
  CHECK(has(array, "a.reshape("));
  CHECK(session.complete("a.res").matches == std::vector<std::string>{"a.reshape(", "a.resize("});
  CHECK(session.complete("a.res").common_prefix == "a.res");

  // numpy's module has more names than are listed: the list is cut, the count is whole.
  const Completion numpy = session.complete("np.");
  CHECK(numpy.matches.size() == std::min<std::size_t>(numpy.total, Completion::kMaxListed));
  CHECK(numpy.total > 100);
  CHECK(numpy.common_prefix == "np.");
}

TEST_CASE("an evaluation before the dot that raises or prints neither escapes nor shows") {
  ensure_interpreter();
  Session session;
  std::mutex mutex;
  std::string written;
  session.set_output_sink([&](const OutputChunk& chunk) {
    std::lock_guard lock(mutex);
    written += chunk.text;
  });
  REQUIRE_FALSE(session.run_cell(R"(
class Boom:
    @property
    def bad(self):
        raise RuntimeError('no')
    @property
    def noisy(self):
        print('leaked')
        return 3
    @property
    def leaving(self):
        raise SystemExit(3)
class Refusing:
    def __get__(self, obj, owner):
        raise ValueError('descriptor')
class Odd:
    d = Refusing()
boom = Boom()
odd = Odd()
)").raised);
  {
    std::lock_guard lock(mutex);
    written.clear();
  }
  // rlcompleter lists a property without running it.
  CHECK(session.complete("boom.b").matches == std::vector<std::string>{"boom.bad"});
  CHECK(session.complete("boom.bad.").matches.empty());      // RuntimeError while evaluating
  CHECK(session.complete("boom.leaving.").matches.empty());  // SystemExit: not the end of the app
  CHECK(session.complete("odd.").matches.empty());           // a descriptor that raises in dir's walk
  const Completion noisy = session.complete("boom.noisy.");
  CHECK(std::find(noisy.matches.begin(), noisy.matches.end(), "boom.noisy.real") != noisy.matches.end());
  {
    std::lock_guard lock(mutex);
    CHECK(written.empty());
  }
  const CellResult after = session.run_cell("print('still here')");
  CHECK(after.stdout_text() == "still here\n");
  CHECK(after.stderr_text().empty());
  session.set_output_sink(nullptr);
}

TEST_CASE("interrupt() stops a completion whose evaluation hangs") {
  ensure_interpreter();
  Session session;
  REQUIRE_FALSE(session.run_cell("import time\nclass Slow:\n    @property\n    def p(self):\n"
                                 "        time.sleep(30)\n        return 1\nslow = Slow()").raised);
  auto completion = std::async(std::launch::async, [&] { return session.complete("slow.p."); });
  const auto began = std::chrono::steady_clock::now();
  while (!session.busy() && std::chrono::steady_clock::now() - began < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // into the sleep
  session.interrupt();
  REQUIRE(completion.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  CHECK(completion.get().matches.empty());
  CHECK(session.run_cell("1 + 1").stdout_text() == "2\n");  // the interrupt did not reach the next cell
}

TEST_CASE("completion keeps no reference to what it evaluated, and leaves readline alone") {
  ensure_interpreter();
  Session session;
  REQUIRE_FALSE(session.run_cell("import sys\nb = bytearray(4)\nmv = memoryview(b)\nbefore = sys.getrefcount(mv)").raised);
  CHECK_FALSE(session.complete("mv.").matches.empty());
  CHECK_FALSE(session.complete("mv.ca").matches.empty());
  CHECK(session.run_cell("sys.getrefcount(mv) == before").stdout_text() == "True\n");
  // GNU readline would set up a terminal the window does not have.
  CHECK(session.run_cell("'readline' in sys.modules").stdout_text() == "False\n");
}
