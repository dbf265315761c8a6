# Installs Buffer Lab like real software (cmake --install) and packs it as a .deb (cpack -G DEB).
#
#   PREFIX/bin/bufferlab
#   PREFIX/share/bufferlab/lessons/       the built-in lessons, found as <exe>/../share/bufferlab/lessons
#   PREFIX/share/applications/bufferlab.desktop
#   PREFIX/share/icons/hicolor/*/apps/    the icon, SVG and PNG sizes (assets/icons)
#   PREFIX/share/metainfo/                AppStream metadata, with this version
#   PREFIX/share/man/man1/bufferlab.1
#
# The binary and the lessons keep that relation fixed (bin/ and share/, not GNUInstallDirs'
# variables), because the binary finds its lessons through it.

# The build tree looks like an installed prefix: <build>/app/bufferlab finds the lessons in
# <build>/share/bufferlab/lessons, a link to the source tree's assets/lessons.
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/share/bufferlab)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/assets/lessons ${CMAKE_BINARY_DIR}/share/bufferlab/lessons SYMBOLIC)

# Where the screenshots named in the metainfo are published.
set(BUFFERLAB_SCREENSHOT_URL "https://bufferlab.org/screenshots" CACHE STRING
    "Base address of the screenshots named in the AppStream metainfo")
set(BUFFERLAB_APPSTREAM_ID org.bufferlab.BufferLab)
set(BUFFERLAB_METAINFO ${CMAKE_BINARY_DIR}/share/metainfo/${BUFFERLAB_APPSTREAM_ID}.metainfo.xml)
configure_file(${PROJECT_SOURCE_DIR}/assets/${BUFFERLAB_APPSTREAM_ID}.metainfo.xml.in ${BUFFERLAB_METAINFO} @ONLY)

install(TARGETS bufferlab RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/lessons/ DESTINATION share/bufferlab/lessons
        FILES_MATCHING PATTERN "*.md" PATTERN "*.ipynb")
install(FILES ${PROJECT_SOURCE_DIR}/docs/bufferlab.1 DESTINATION share/man/man1)
if(BUFFERLAB_GUI)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/bufferlab.desktop DESTINATION share/applications)
  install(FILES ${BUFFERLAB_METAINFO} DESTINATION share/metainfo)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/icons/bufferlab.svg DESTINATION share/icons/hicolor/scalable/apps)
  # PNG sizes rendered from the SVG and committed (see assets/icons/README.md).
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/icons/hicolor/ DESTINATION share/icons/hicolor
          FILES_MATCHING PATTERN "*.png")
endif()

# The Debian package: bufferlab_<version>_<arch>.deb. dpkg-shlibdeps names the packages of the
# libraries the binary links (libpython3.11, libglfw3, libmd4c0, libstdc++6, ...); what it loads
# or reads at run time is named here: numpy (imported by lessons), the font (app/window/fonts.cpp),
# and Mesa's OpenGL (GLFW and the ImGui backend load libGL.so.1 at run time).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bufferlab)
set(CPACK_PACKAGE_VENDOR "Buffer Lab")
set(CPACK_PACKAGE_CONTACT "Buffer Lab maintainers <bufferlab@bufferlab.org>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see the memory behind Python's buffer protocol, live")
set(CPACK_PACKAGE_DESCRIPTION
    "Buffer Lab is a classroom tool for teaching Python's buffer protocol. A console runs real\n\
CPython with numpy; beside it, byte grids draw the actual memory of every object that exports\n\
a buffer, and element tables show every view of that memory in its own format, shape and\n\
strides. Edit one byte and every view that shares it changes at once.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3-numpy")
# Pillow for the lesson on images as buffers: the rest of the app runs without it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-pil")
if(BUFFERLAB_GUI)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", fonts-dejavu-core, libgl1, libglx-mesa0, libgl1-mesa-dri")
  # File > Open and the save dialogs use the desktop's chooser when one is installed (started as
  # a process), else a typed path: suggested, not pulled in (zenity brings a whole GTK stack).
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "zenity | kdialog")
endif()
include(CPack)
