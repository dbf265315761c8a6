# The walls between layers, checked on every build (cmake -P, from the check_layers target):
# core/ includes no ImGui, GL, GLFW or Python header; only core/py includes Python.h; the model
# in app/controller includes no ImGui or GL (the workbench, which draws, is the exception).
# Include paths already keep ImGui and Python headers out of targets that do not link them; this
# also catches the system-wide GL and GLFW headers.
set(violations "")

function(check_files files pattern what)
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${pattern})")
    if(lines)
      file(RELATIVE_PATH shown "${SOURCE_DIR}" "${file}")
      list(GET lines 0 first)
      string(STRIP "${first}" first)
      set(violations "${violations}\n  ${shown}: ${first} (${what})" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

set(gui_headers "imgui|backends/imgui|GL/|GLFW/|glad/")
file(GLOB_RECURSE core_files "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp")
set(core_outside_py "")
foreach(file IN LISTS core_files)
  if(NOT file MATCHES "/core/py/")
    list(APPEND core_outside_py "${file}")
  endif()
endforeach()
check_files("${core_files}" "${gui_headers}" "core/ never sees ImGui or GL")
check_files("${core_outside_py}" "Python.h" "only core/py includes Python.h")

file(GLOB model_files "${SOURCE_DIR}/app/controller/*.h" "${SOURCE_DIR}/app/controller/*.cpp")
list(FILTER model_files EXCLUDE REGEX "/workbench\\.(h|cpp)$")
check_files("${model_files}" "${gui_headers}|app/panes/|app/widgets/|app/window/" "the model has no ImGui types")

file(GLOB widget_files "${SOURCE_DIR}/app/widgets/*.h" "${SOURCE_DIR}/app/widgets/*.cpp")
check_files("${widget_files}" "app/controller/|app/panes/|core/py/" "widgets know nothing of the app state")

if(violations)
  message(FATAL_ERROR "Layer walls broken:${violations}")
endif()
