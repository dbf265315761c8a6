// The edit path without Python: plans checked against snapshot facts, one write per edit, and a
// batch that writes nothing when any edit in it is refused. Memory is a plain byte array here.
#include <doctest/doctest.h>

#include <cstring>

#include "core/edit/edit.h"
#include "tests/support/facts_builder.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

// A provider over one byte array that counts the writes it is asked for.
class ArrayMemory : public MemoryProvider {
 public:
  explicit ArrayMemory(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}

  std::uintptr_t address() const { return reinterpret_cast<std::uintptr_t>(bytes_.data()); }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  int writes = 0;

  std::optional<std::string> read_object(int, const std::function<void(const std::uint8_t*)>& read) override {
    read(bytes_.data());
    return std::nullopt;
  }
  std::optional<std::string> read_region(int, const std::function<void(const std::uint8_t*)>& read) override {
    read(bytes_.data());
    return std::nullopt;
  }
  std::optional<std::string> write_object(int, std::int64_t offset, std::span<const std::uint8_t> bytes) override {
    ++writes;
    std::memcpy(bytes_.data() + offset, bytes.data(), bytes.size());
    return std::nullopt;
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

SnapshotObject object_of(const std::string& name, BufferFacts facts, const std::string& format, bool readonly) {
  SnapshotObject object;
  object.name = name;
  object.type_name = "memoryview";
  facts.format = format;
  facts.readonly = readonly;
  facts.c_contiguous = facts.ndim == 1 && facts.strides[0] == facts.itemsize;
  object.facts = std::move(facts);
  return object;
}

// ints: 4 x '<i' over the array; tail: the last 8 bytes as 'B', read-only.
Snapshot snapshot_over(const ArrayMemory& memory) {
  Snapshot snapshot;
  snapshot.objects.push_back(object_of("ints", make_facts(memory.address(), 4, {4}, {4}), "<i", false));
  snapshot.objects.push_back(object_of("tail", make_facts(memory.address() + 8, 1, {8}, {1}), "B", true));
  group_into_regions(snapshot);
  return snapshot;
}

}  // namespace

TEST_CASE("an element is encoded once and written as one piece") {
  ArrayMemory memory(std::vector<std::uint8_t>(16, 0));
  const Snapshot snapshot = snapshot_over(memory);
  const auto written = apply_edit(memory, snapshot, ElementWrite{0, {-1}, "0x01020304"});
  REQUIRE(std::holds_alternative<PlannedWrite>(written));
  CHECK(memory.writes == 1);
  CHECK(std::get<PlannedWrite>(written).offset == 12);
  CHECK(memory.bytes()[12] == 0x04);
  CHECK(memory.bytes()[15] == 0x01);
}

TEST_CASE("refused edits name the reason and write nothing") {
  ArrayMemory memory(std::vector<std::uint8_t>(16, 7));
  const Snapshot snapshot = snapshot_over(memory);
  auto refusal = [&](const EditRequest& request) {
    const auto result = apply_edit(memory, snapshot, request);
    REQUIRE(std::holds_alternative<EditRefusal>(result));
    return std::get<EditRefusal>(result).message;
  };
  CHECK(refusal(ElementWrite{1, {0}, "1"}) == "tail: cannot modify read-only memory");
  CHECK(refusal(ElementWrite{0, {4}, "1"}).find("out of bounds") != std::string::npos);
  CHECK(refusal(ElementWrite{0, {0}, "1099511627776"}).find("format requires") != std::string::npos);
  CHECK(refusal(ObjectByteWrite{0, 16, 1}).find("out of range") != std::string::npos);
  CHECK(refusal(ObjectByteWrite{0, 0, 300}) == "ints: 300 does not fit in a byte (0..255)");
  CHECK(refusal(ElementWrite{5, {0}, "1"}) == "no such object in the snapshot");
  CHECK(memory.writes == 0);
  CHECK(memory.bytes() == std::vector<std::uint8_t>(16, 7));
}

TEST_CASE("a byte of a region is written through a writable object that holds it") {
  ArrayMemory memory(std::vector<std::uint8_t>(16, 0));
  const Snapshot snapshot = snapshot_over(memory);
  // Byte 12 is in both ints (writable) and tail (read-only): ints carries it.
  const auto written = apply_edit(memory, snapshot, RegionBytesWrite{0, memory.address() + 12, {0xAB}});
  REQUIRE(std::holds_alternative<PlannedWrite>(written));
  CHECK(std::get<PlannedWrite>(written).object_index == 0);
  CHECK(memory.bytes()[12] == 0xAB);
  // "view as" '>H' at offset 2: big-endian bytes.
  auto format = std::get<ElementFormat>(parse_export_format(">H", 2));
  REQUIRE(std::holds_alternative<PlannedWrite>(
      apply_edit(memory, snapshot, RegionElementWrite{0, memory.address() + 2, format, "0x1234"})));
  CHECK(memory.bytes()[2] == 0x12);
  CHECK(memory.bytes()[3] == 0x34);
}

TEST_CASE("a batch with a refused edit anywhere writes nothing") {
  ArrayMemory memory(std::vector<std::uint8_t>(16, 0));
  const Snapshot snapshot = snapshot_over(memory);
  const std::vector<EditRequest> batch = {ElementWrite{0, {0}, "5"}, ObjectByteWrite{0, 1, 9},
                                          ElementWrite{1, {0}, "1"}, ElementWrite{0, {1}, "6"}};
  const auto refused = apply_edits(memory, snapshot, batch);
  REQUIRE(refused);
  CHECK(refused->index == 2);
  CHECK(refused->refusal.message == "tail: cannot modify read-only memory");
  CHECK(memory.writes == 0);
  CHECK(memory.bytes() == std::vector<std::uint8_t>(16, 0));

  const std::vector<EditRequest> good = {ElementWrite{0, {0}, "5"}, ObjectByteWrite{0, 1, 9}};
  CHECK_FALSE(apply_edits(memory, snapshot, good));
  CHECK(memory.writes == 2);
  CHECK(memory.bytes()[0] == 5);
  CHECK(memory.bytes()[1] == 9);
}

// Memory holding PyObject pointers is written by no route at all.
TEST_CASE("memory that holds Python object pointers is never written, by any route") {
  for (const std::string format : {"O", "T{i:a:O:o:}", "T{=i:a:T{@h:x:O:o:}:s:}", "T{i:a:(2)O:o:}"}) {
    CAPTURE(format);
    ArrayMemory memory(std::vector<std::uint8_t>(32, 7));
    Snapshot snapshot;
    // objs: 2 elements of 16 bytes holding pointers; bytes: a writable 'B' view of the same
    // memory (np.frombuffer(objs, np.uint8) makes one).
    SnapshotObject objs = object_of("objs", make_facts(memory.address(), 16, {2}, {16}), format, false);
    snapshot.objects.push_back(objs);
    snapshot.objects.push_back(object_of("bytes", make_facts(memory.address(), 1, {32}, {1}), "B", false));
    group_into_regions(snapshot);
    auto refusal = [&](const EditRequest& request) {
      const auto result = apply_edit(memory, snapshot, request);
      REQUIRE(std::holds_alternative<EditRefusal>(result));
      return std::get<EditRefusal>(result).message;
    };
    const std::string expected = "objs: its memory holds Python object pointers";
    CHECK(refusal(ElementWrite{0, {1}, "1"}).rfind(expected, 0) == 0);
    CHECK(refusal(ObjectByteWrite{0, 13, 0x41}).rfind(expected, 0) == 0);
    CHECK(refusal(ObjectByteWrite{1, 13, 0x41}).rfind(expected, 0) == 0);     // --set-byte via the alias
    CHECK(refusal(ElementWrite{1, {31}, "1"}).rfind(expected, 0) == 0);       // an element of the alias
    CHECK(refusal(RegionBytesWrite{0, memory.address() + 20, {1}}).rfind(expected, 0) == 0);  // grid byte
    auto as_int = std::get<ElementFormat>(parse_export_format("<i", 4));
    CHECK(refusal(RegionElementWrite{0, memory.address() + 28, as_int, "1"}).rfind(expected, 0) == 0);  // view as
    CHECK(refusal(ElementWrite{0, {0}, "1"}).find("format O not supported") != std::string::npos);
    CHECK(memory.writes == 0);
    CHECK(memory.bytes() == std::vector<std::uint8_t>(32, 7));
  }
}

TEST_CASE("bytes next to object memory stay writable, and field names are not formats") {
  ArrayMemory memory(std::vector<std::uint8_t>(32, 0));
  Snapshot snapshot;
  // objs covers only the first 16 bytes; bytes covers all 32.
  snapshot.objects.push_back(object_of("objs", make_facts(memory.address(), 8, {2}, {8}), "O", false));
  snapshot.objects.push_back(object_of("bytes", make_facts(memory.address(), 1, {32}, {1}), "B", false));
  snapshot.objects.push_back(object_of("named", make_facts(memory.address() + 16, 4, {4}, {4}), "T{i:Odd:}", false));
  group_into_regions(snapshot);
  CHECK(std::holds_alternative<PlannedWrite>(apply_edit(memory, snapshot, ObjectByteWrite{1, 16, 9})));
  const auto element = plan_edit(snapshot, ElementWrite{2, {1}, "(5,)"});
  REQUIRE(std::holds_alternative<PlannedWrite>(element));
  CHECK(std::get<PlannedWrite>(element).address == memory.address() + 20);
  CHECK(std::holds_alternative<EditRefusal>(apply_edit(memory, snapshot, ObjectByteWrite{1, 15, 9})));
  CHECK(memory.bytes()[16] == 9);
  CHECK_FALSE(format_holds_objects("T{i:Odd:}"));
  CHECK(format_holds_objects("T{i:a:O"));
}
