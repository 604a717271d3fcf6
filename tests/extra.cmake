# Tests that are not Catch2 programs.

# The installed package works for a consumer project (find_package(corridor)).
add_test(NAME "consumer: find_package builds the examples"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/consumer/run.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/consumer-work)
set_tests_properties("consumer: find_package builds the examples" PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
