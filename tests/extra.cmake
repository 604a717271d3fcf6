# Tests that are not Catch2 programs.

# The installed package works for a consumer project (find_package(corridor)).
add_test(NAME "consumer: find_package builds the examples"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/consumer/run.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/consumer-work)
# A sanitized library links only into a sanitized program: the consumer gets the same flags.
set(_corridor_consumer_flags "")
if(CORRIDOR_SANITIZE)
  set(_corridor_consumer_flags "-fsanitize=address,undefined -fno-omit-frame-pointer")
endif()
# The Python module is defined after tests/: ask at generation time whether there is one.
set(_corridor_consumer_python "$<$<TARGET_EXISTS:_core>:${Python_EXECUTABLE}>")
set_tests_properties("consumer: find_package builds the examples" PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE
  ENVIRONMENT "CONSUMER_CXX=${CMAKE_CXX_COMPILER};CONSUMER_FLAGS=${_corridor_consumer_flags};CONSUMER_PYTHON=${_corridor_consumer_python}")

# Every export (GraphML, GEXF 1.3 and 1.2, node-link JSON, DOT) of the sample case and of a case
# with quotes, commas, newlines and non-ASCII labels loads in networkx and igraph with the case's
# counts, directions and attributes; DOT renders in graphviz. Set CORRIDOR_NETWORKX3_PATH to a
# networkx 3.x source tree to run its readers too (Debian 12 ships 2.8).
if(NOT Python_EXECUTABLE)
  find_package(Python 3 COMPONENTS Interpreter)
endif()
if(Python_EXECUTABLE)
  add_test(NAME "exchange: exports load in networkx and igraph"
           COMMAND ${Python_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/exchange/check_exports.py
                   --corridor $<TARGET_FILE:corridor_cli> --work ${CMAKE_CURRENT_BINARY_DIR}/exchange-work
                   ${PROJECT_SOURCE_DIR}/examples/data/sample-case ${CMAKE_CURRENT_SOURCE_DIR}/data/exchange/tricky-case)
  set_tests_properties("exchange: exports load in networkx and igraph" PROPERTIES TIMEOUT 600)
endif()
