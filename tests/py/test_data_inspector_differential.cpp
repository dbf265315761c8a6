// The data inspector against CPython: for random bytes, every offset and selection, every code
// in both orders reads as struct.unpack_from does, text rows as bytes.decode does, in the
// inspector's row order (selection-sized rows first). Run in the embedded interpreter.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/inspect/data_inspector.h"
#include "core/py/session.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;

namespace {

std::string run_python(const std::string& source) {
  testing::ensure_interpreter();
  static Session session;
  CellResult result = session.run_cell(source);
  INFO(result.stderr_text());
  REQUIRE_FALSE(result.raised);
  return result.stdout_text();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

struct Case {
  std::vector<std::uint8_t> data;
  std::size_t offset;
  std::size_t selected;
};

// Bytes that make interesting readings: UTF-8 leads and continuations, float exponents, edges.
std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t length) {
  static const std::uint8_t interesting[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0x3f, 0xc0, 0x7c, 0xfc,
                                             0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0xed,
                                             0xa0, 0xf4, 0x90, 0xe0, 0xc1, 0x41, 0x0a, 0x27, 0x5c};
  std::vector<std::uint8_t> out(length);
  for (auto& b : out)
    b = (rng() & 1) ? interesting[rng() % sizeof interesting] : static_cast<std::uint8_t>(rng());
  return out;
}

std::vector<Case> make_cases() {
  std::mt19937_64 rng(12);
  std::vector<std::vector<std::uint8_t>> datas = {
      {},
      {0xc3, 0xa9, 0x41, 0x42},
      {0xe2, 0x82, 0xac, 0x00, 0x00, 0xc0, 0x7f, 0x00},
      {0xf0, 0x9f, 0x98, 0x80, 0x00, 0x00, 0x80, 0x7f, 0x00, 0x7c},
      {0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe0, 0x80, 0x80, 0xc0, 0x80},
      {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0xff},
      {0x27, 0x5c, 0x0a, 0x22, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80},
  };
  for (int i = 0; i < 40; ++i) datas.push_back(random_bytes(rng, rng() % 24));
  std::vector<Case> cases;
  for (const auto& data : datas) {
    for (std::size_t offset = 0; offset <= data.size(); ++offset) {
      for (std::size_t selected : {std::size_t{1}, std::size_t{2}, std::size_t{4},
                                   std::size_t{8}, static_cast<std::size_t>(1 + rng() % 12)})
        cases.push_back({data, offset, selected});
    }
  }
  return cases;
}

// What the inspector shows, one line per row, in its order.
std::vector<std::string> inspector_lines(const Case& c) {
  std::span<const std::uint8_t> at(c.data.data() + c.offset, c.data.size() - c.offset);
  InspectorReport report = inspect_bytes(at, c.selected);
  std::vector<std::string> lines;
  for (const InspectorRow& row : report.rows) {
    std::string little = row.little.available ? row.little.value_text : "-";
    std::string big = row.big.available ? row.big.value_text : "-";
    lines.push_back(std::string(1, row.code) + "|" + std::to_string(row.size) + "|" + little + "|" + big);
  }
  for (const InspectorTextRow& row : report.text_rows)
    lines.push_back(row.encoding + (row.whole_selection ? " all" : "") + "|" + std::to_string(row.size) +
                    "|" + row.value_text);
  lines.push_back("--");
  return lines;
}

// The same from struct and bytes.decode.
const char* kPythonInspector = R"PY(
import struct, sys
def _inspect(data, o, sel):
    sel = max(sel, 1)
    rest = data[o:]
    rows = []
    for code in 'bBhHiIlLqQnNefd?csP':
        count = str(sel) if code == 's' and sel > 1 else ''
        if code in 'nNP':
            size = struct.calcsize(code)
            if size > len(rest): continue
            native = repr(struct.unpack_from(code, data, o)[0])
            little, big = (native, '-') if sys.byteorder == 'little' else ('-', native)
        else:
            size = struct.calcsize('<' + count + code)
            if size > len(rest): continue
            little = repr(struct.unpack_from('<' + count + code, data, o)[0])
            big = repr(struct.unpack_from('>' + count + code, data, o)[0])
        rows.append((size != sel, '%s|%d|%s|%s' % (code, size, little, big)))
    rows.sort(key=lambda r: r[0])
    for _, line in rows: print(line)
    char = 0
    for k in range(1, 5):
        try:
            if k <= len(rest) and len(rest[:k].decode('utf-8')) == 1: char = k; break
        except UnicodeDecodeError:
            pass
    print('UTF-8|%d|%s' % (char, repr(rest[:char].decode('utf-8')) if char else 'not UTF-8'))
    if sel > max(char, 1) and sel <= len(rest):
        try: print('UTF-8 all|%d|%s' % (sel, repr(rest[:sel].decode('utf-8'))))
        except UnicodeDecodeError: pass
    if rest and rest[0] < 0x80: print('ASCII|1|%s' % repr(rest[:1].decode('ascii')))
    else: print('ASCII|0|not ASCII')
    if sel > 1 and sel <= len(rest) and all(b < 0x80 for b in rest[:sel]):
        print('ASCII all|%d|%s' % (sel, repr(rest[:sel].decode('ascii'))))
    print('--')
)PY";

}  // namespace

TEST_CASE("data inspector: every code in both orders reads as struct.unpack_from") {
  run_python(kPythonInspector);
  const std::vector<Case> cases = make_cases();
  const std::size_t batch = 400;
  std::size_t compared = 0;
  for (std::size_t start = 0; start < cases.size(); start += batch) {
    std::string program;
    std::vector<std::string> expected_cases;
    std::vector<std::string> ours;
    for (std::size_t i = start; i < std::min(cases.size(), start + batch); ++i) {
      const Case& c = cases[i];
      program += "_inspect(bytes.fromhex('" + to_hex(c.data) + "'), " + std::to_string(c.offset) + ", " +
                 std::to_string(c.selected) + ")\n";
      for (auto& line : inspector_lines(c)) ours.push_back(line);
    }
    const std::vector<std::string> theirs = lines_of(run_python(program));
    REQUIRE(theirs.size() == ours.size());
    for (std::size_t k = 0; k < ours.size(); ++k) {
      INFO("line " << k);
      CHECK(ours[k] == theirs[k]);
    }
    compared += ours.size();
  }
  CHECK(compared > 5000);
}

TEST_CASE("data inspector: rows of the selection's size come first, formats carry the order") {
  const std::vector<std::uint8_t> bytes = {0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  InspectorReport report = inspect_bytes(bytes, 4);
  REQUIRE(report.rows.size() == 19);
  std::string first;
  for (const auto& row : report.rows)
    if (row.matches_selection) first += row.code;
  CHECK(first == "iIlLfs");  // s reads the 4 selected bytes
  CHECK(report.rows[0].code == 'i');
  CHECK(report.rows[0].little.format == "<i");
  CHECK(report.rows[0].big.format == ">i");
  CHECK(report.rows[0].little.value_text == "255");
  CHECK(report.rows[0].big.value_text == "-16777216");
  // 's' takes the selection.
  for (const auto& row : report.rows) {
    if (row.code == 's') {
      CHECK(row.little.format == "<4s");
      CHECK(row.size == 4);
      CHECK(row.same_in_both_orders);
    }
    if (row.code == 'n') {
      CHECK(row.native_only);
      CHECK(row.size == sizeof(std::size_t));
      CHECK(row.little.format == "n");
      CHECK(row.little.value_text == "255");
      CHECK_FALSE(row.big.available);
      CHECK(row.big.note == "native size only: struct refuses '>n'");
    }
  }
  // Only codes that fit: two bytes leave out i, q, d, n, ...
  InspectorReport short_report = inspect_bytes(std::span(bytes).first(2), 1);
  std::string codes;
  for (const auto& row : short_report.rows) codes += row.code;
  CHECK(codes == "bB?cshHe");
}

TEST_CASE("data inspector: text rows say how many bytes a character takes") {
  const std::vector<std::uint8_t> euro = {0xe2, 0x82, 0xac, 0x41};
  InspectorReport report = inspect_bytes(euro, 1);
  REQUIRE(report.text_rows.size() == 2);
  CHECK(report.text_rows[0].encoding == "UTF-8");
  CHECK(report.text_rows[0].size == 3);
  CHECK(report.text_rows[0].value_text == "'\xe2\x82\xac'");
  CHECK(report.text_rows[0].format == "3s");
  CHECK(report.text_rows[1].value_text == "not ASCII");
  CHECK_FALSE(report.text_rows[1].valid);
  InspectorReport broken = inspect_bytes(std::span(euro).subspan(1), 1);
  CHECK(broken.text_rows[0].value_text == "not UTF-8");
  CHECK_FALSE(broken.text_rows[0].valid);
}

TEST_CASE("data inspector: editing a row encodes with its code and order, as struct.pack") {
  const char* const cases[][2] = {
      {"<i", "255"}, {">i", "255"}, {"<H", "70000"}, {">h", "-1"}, {"<e", "1e10"},
      {">d", "0.1"}, {"<?", "True"}, {"<c", "b'A'"}, {"<4s", "b'ab'"}, {"n", "-5"},
      {"P", "-1"}, {">f", "1e39"}, {"<b", "'x'"}, {">q", "2**3"},
  };
  run_python("import struct");
  for (const auto& c : cases) {
    INFO(c[0] << " " << c[1]);
    auto ours = encode_inspector_value(c[0], c[1]);
    std::string theirs = lines_of(run_python(
        "try: print(struct.pack('" + std::string(c[0]) + "', " + c[1] + ").hex())\n"
        "except Exception as e: print('ERR', type(e).__name__)\n"))[0];
    if (auto* bytes = std::get_if<std::vector<std::uint8_t>>(&ours)) {
      CHECK(to_hex(*bytes) == theirs);
    } else {
      std::string name = std::get<FormatError>(ours).python_type;
      if (name == "struct.error") name = "error";
      // '2**3' is an expression, not a literal: the GUI refuses it, struct computes it.
      if (std::string(c[1]) != "2**3") CHECK("ERR " + name == theirs);
    }
  }
}

TEST_CASE("data inspector: every reading encodes back to the same reading") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::uint8_t> bytes = random_bytes(rng, 8);
    InspectorReport report = inspect_bytes(bytes, 1 + rng() % 8);
    for (const InspectorRow& row : report.rows) {
      for (const InspectorReading* reading : {&row.little, &row.big}) {
        if (!reading->available) continue;
        INFO(reading->format << " " << reading->value_text);
        auto encoded = encode_inspector_value(reading->format, reading->value_text);
        REQUIRE(std::holds_alternative<std::vector<std::uint8_t>>(encoded));
        auto again = inspect_bytes(std::get<std::vector<std::uint8_t>>(encoded), row.size);
        bool found = false;
        for (const InspectorRow& other : again.rows) {
          if (other.code != row.code) continue;
          const InspectorReading& same = reading == &row.little ? other.little : other.big;
          CHECK(same.value_text == reading->value_text);
          found = true;
        }
        CHECK(found);
      }
    }
  }
}
