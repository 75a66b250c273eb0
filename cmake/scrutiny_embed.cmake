# Compiles the files under `base` matching the globs into `target`, as the function
# `std::span<const EmbeddedFile> scrutiny::function()` (cmake/embed_files.cmake), regenerated
# whenever one of them changes or a file is added.
function(scrutiny_embed target function base)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE ${base} ${ARGN})
  list(FILTER files EXCLUDE REGEX "(^|/)\\.")
  list(SORT files)
  list(TRANSFORM files PREPEND ${base}/ OUTPUT_VARIABLE inputs)
  string(REPLACE ";" "|" joined "${files}")
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${function}.cc)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DBASE=${base} "-DFILES=${joined}" -DFUNCTION=${function}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${function}" VERBATIM)
  target_sources(${target} PRIVATE ${output})
endfunction()
