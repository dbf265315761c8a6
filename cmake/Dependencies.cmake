# Finds every dependency from Debian's packages (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(doctest REQUIRED)

# Debian's libpython3.11 for embedding: pkg-config's python-3.11-embed (from libpython3.11-dev),
# never the python3 on PATH, which may be a separate build that cannot import Debian's numpy.
pkg_check_modules(PYTHON_EMBED REQUIRED IMPORTED_TARGET python-3.11-embed)
set(BUFFERLAB_PYTHON_PROGRAM /usr/bin/python3.11)

# md4c (libmd4c-dev): the Markdown parser of lessons and their narration.
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c)

if(BUFFERLAB_GUI)
  find_package(glfw3 3.3 REQUIRED)
  # libimgui.a already holds the GLFW and OpenGL3 backends; it needs stb and glfw after it on
  # the link line, which INTERFACE_LINK_LIBRARIES guarantees.
  find_library(IMGUI_LIBRARY NAMES libimgui.a imgui REQUIRED)
  find_library(STB_LIBRARY NAMES stb REQUIRED)
  add_library(imgui STATIC IMPORTED)
  set_target_properties(imgui PROPERTIES
    IMPORTED_LOCATION ${IMGUI_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES /usr/include/imgui
    INTERFACE_LINK_LIBRARIES "${STB_LIBRARY};glfw;${CMAKE_DL_LIBS}")

  # OpenGL 3.3 core loader, generated at build time by Debian's glad (offline: --reproducible).
  find_program(GLAD_GENERATOR glad PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
  set(GLAD_DIR ${CMAKE_BINARY_DIR}/glad)
  add_custom_command(
    OUTPUT ${GLAD_DIR}/src/gl.c ${GLAD_DIR}/include/glad/gl.h
    COMMAND ${GLAD_GENERATOR} --quiet --reproducible --api gl:core=3.3 --extensions=
            --out-path ${GLAD_DIR} c
    COMMENT "Generating the OpenGL 3.3 core loader with glad"
    VERBATIM)
  add_library(glad STATIC ${GLAD_DIR}/src/gl.c)
  target_include_directories(glad PUBLIC ${GLAD_DIR}/include)
  target_link_libraries(glad PUBLIC ${CMAKE_DL_LIBS})
endif()
