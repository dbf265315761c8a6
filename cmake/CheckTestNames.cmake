# Test case names must not hold ';': CTest reads a test list split at ';', so such a case would
# be registered under a cut name that matches nothing, and "pass" without running. Run with
# cmake -DSOURCES="a.cpp|b.cpp" -P (before each test binary is linked).
string(REPLACE "|" ";" SOURCES "${SOURCES}")
set(bad "")
foreach(file IN LISTS SOURCES)
  file(STRINGS "${file}" lines REGEX "TEST_CASE\\(\"[^\"]*;")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    set(bad "${bad}\n  ${file}: ${line}")
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "Test case names with ';' (CTest would split them):${bad}")
endif()
