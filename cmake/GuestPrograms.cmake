# Builds RISC-V guest programs with the Debian cross compiler, and optionally the same
# sources natively, so guest speed can be compared with native speed.
#
#   vmbench_add_guest_program(NAME <name> SOURCES <files...>
#                             [MARCH <march>] [CFLAGS <flags...>] [NATIVE] [NOSTDLIB])
#
# Outputs: ${VMBENCH_GUEST_DIR}/<name> (static RV64 ELF) and, with NATIVE,
# ${VMBENCH_NATIVE_DIR}/<name>. Every guest program is added to the target `guest_programs`.

find_program(RISCV_GCC riscv64-linux-gnu-gcc REQUIRED)
find_program(RISCV_OBJDUMP riscv64-linux-gnu-objdump REQUIRED)
find_program(QEMU_RISCV64 qemu-riscv64 REQUIRED)

set(VMBENCH_GUEST_DIR ${CMAKE_BINARY_DIR}/bin/guest)
set(VMBENCH_NATIVE_DIR ${CMAKE_BINARY_DIR}/bin/native)
file(MAKE_DIRECTORY ${VMBENCH_GUEST_DIR} ${VMBENCH_NATIVE_DIR})

if(NOT TARGET guest_programs)
  add_custom_target(guest_programs ALL)
endif()

function(vmbench_add_guest_program)
  cmake_parse_arguments(G "NATIVE;NOSTDLIB" "NAME;MARCH" "SOURCES;CFLAGS" ${ARGN})
  if(NOT G_MARCH)
    set(G_MARCH rv64gc)
  endif()
  set(sources)
  foreach(src IN LISTS G_SOURCES)
    list(APPEND sources ${CMAKE_CURRENT_SOURCE_DIR}/${src})
  endforeach()
  set(out ${VMBENCH_GUEST_DIR}/${G_NAME})
  set(link_flags -static)
  if(G_NOSTDLIB)
    list(APPEND link_flags -nostdlib -nostartfiles)
  endif()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${RISCV_GCC} -O2 -march=${G_MARCH} -mabi=lp64d ${G_CFLAGS} ${link_flags}
            -o ${out} ${sources} -lm
    DEPENDS ${sources}
    COMMENT "Guest program ${G_NAME} (${G_MARCH})"
    VERBATIM)
  add_custom_target(guest_${G_NAME} DEPENDS ${out})
  add_dependencies(guest_programs guest_${G_NAME})
  set_property(GLOBAL APPEND PROPERTY VMBENCH_GUEST_PROGRAMS ${G_NAME})

  if(G_NATIVE)
    set(native_out ${VMBENCH_NATIVE_DIR}/${G_NAME})
    add_custom_command(
      OUTPUT ${native_out}
      COMMAND ${CMAKE_C_COMPILER} -O2 ${G_CFLAGS} -o ${native_out} ${sources} -lm
      DEPENDS ${sources}
      COMMENT "Native program ${G_NAME}"
      VERBATIM)
    add_custom_target(native_${G_NAME} DEPENDS ${native_out})
    add_dependencies(guest_programs native_${G_NAME})
  endif()
endfunction()

# Registers a ctest that runs a guest program under vmrun and under qemu-riscv64 and
# requires identical stdout and exit status. With EXPECT_EXIT the status must also equal it.
#
#   vmbench_add_differential_test(NAME <test> PROGRAM <guest program> [ARGS <args...>]
#                                 [EXPECT_EXIT <n>] [VMRUN_FLAGS <flags...>] [LABELS <labels...>])
function(vmbench_add_differential_test)
  cmake_parse_arguments(D "" "NAME;PROGRAM;EXPECT_EXIT" "ARGS;VMRUN_FLAGS;LABELS" ${ARGN})
  if(NOT DEFINED D_EXPECT_EXIT)
    set(D_EXPECT_EXIT any)
  endif()
  # Every test runs in both memory modes: <name> flat, <name>.paged through page tables and
  # the TLB hierarchy (unless the flags pick a mode themselves).
  set(modes flat)
  if(NOT D_VMRUN_FLAGS MATCHES "--memory")
    list(APPEND modes paged)
  endif()
  foreach(mode IN LISTS modes)
    set(name ${D_NAME})
    set(flags ${D_VMRUN_FLAGS})
    if(mode STREQUAL "paged")
      set(name ${D_NAME}.paged)
      list(APPEND flags --memory=paged)
    endif()
    string(REPLACE ";" " " vmrun_flags "${flags}")
    add_test(NAME ${name}
      COMMAND ${CMAKE_SOURCE_DIR}/tests/differential/run_differential.sh
              ${CMAKE_BINARY_DIR}/bin/vmrun "${vmrun_flags}" ${QEMU_RISCV64} ${D_EXPECT_EXIT}
              ${VMBENCH_GUEST_DIR}/${D_PROGRAM} ${D_ARGS})
    set_tests_properties(${name} PROPERTIES LABELS "differential;${mode};${D_LABELS}"
                                            TIMEOUT 300)
  endforeach()
endfunction()
