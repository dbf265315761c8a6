// The mappings kept between memory reads (CachedAddressSpace): memory unmapped after they were
// read is refused, never read, whether it goes behind the cache's back or through Python.
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/py/readable_memory.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

TEST_CASE("kept mappings refuse a range unmapped, or made unreadable, after they were read") {
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t size = 64 * page;
  void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(memory != MAP_FAILED);
  const auto begin = reinterpret_cast<std::uintptr_t>(memory);

  py::CachedAddressSpace space;
  CHECK(space.accessible(begin, begin + size, true));
  CHECK(space.accessible(begin + 5, begin + 3 * page, false));  // from the kept mappings
  CHECK(py::still_mapped(begin + 5, begin + size));

  // Half of it unmapped behind the cache's back: refused, whole or in part, as the kernel says.
  REQUIRE(::munmap(reinterpret_cast<void*>(begin + size / 2), size / 2) == 0);
  CHECK_FALSE(py::still_mapped(begin, begin + size));
  CHECK_FALSE(space.accessible(begin, begin + size, false));
  CHECK_FALSE(space.accessible(begin + size / 2 + 1, begin + size / 2 + 2, false));
  CHECK(space.accessible(begin, begin + size / 2, false));

  // Made unreadable: msync cannot see that, so the owner forgets the mappings when it may have
  // happened (Python ran), and the kernel is asked again.
  REQUIRE(::mprotect(memory, size / 2, PROT_NONE) == 0);
  space.forget();
  CHECK_FALSE(space.accessible(begin, begin + page, false));
  ::munmap(memory, size / 2);
  CHECK_FALSE(space.accessible(begin, begin + page, false));
}

TEST_CASE("an mmap closed by a Python thread between two reads is refused with 'memory not readable'") {
  ensure_interpreter();
  Session session;
  const auto result = session.run_cell(
      "import ctypes, mmap, threading, time\n"
      "m = mmap.mmap(-1, 1 << 20)\n"
      "m[0] = 7\n"
      "address = ctypes.addressof(ctypes.c_char.from_buffer(m))\n"
      "view = (ctypes.c_uint8 * 4096).from_address(address)\n"
      "def close_later():\n"
      "    time.sleep(0.3)\n"
      "    m.close()\n"
      "closer = threading.Thread(target=close_later)\n"
      "closer.start()\n");
  CHECK_FALSE(result.raised);
  const int view = session.snapshot().index_of("view");
  REQUIRE(view >= 0);
  std::uint8_t first = 0;
  CHECK_FALSE(session.read_object(view, [&](const std::uint8_t* buf) { first = buf[0]; }));
  CHECK(first == 7);
  CHECK_FALSE(session.read_object(view, [&](const std::uint8_t* buf) { first = buf[0]; }));

  // The thread closes the mmap (munmap) and ends: no cell ran, the snapshot is the same.
  const Extent extent = session.snapshot().objects[static_cast<std::size_t>(view)].footprint;
  for (int i = 0; i < 1000 && py::still_mapped(extent.begin, extent.end); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE_FALSE(py::still_mapped(extent.begin, extent.end));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // and the thread has ended
  bool called = false;
  CHECK(session.read_object(view, [&](const std::uint8_t*) { called = true; }) == "memory not readable");
  const SnapshotObject* object = session.snapshot().find("view");
  REQUIRE(object);
  // Its region holds the closed mmap too, whose export now fails first.
  CHECK(session.read_region(object->region, [&](const std::uint8_t*) { called = true; }));
  CHECK_FALSE(called);
}
