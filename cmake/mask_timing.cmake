# mask_timing(<var> <text>): the text of a JSON or Markdown report with everything that varies from run to run of the
# same computation masked — every "seconds" field, every duration in s or ms, figures marked "(wall clock)", the
# command line and the timestamp — so that two runs can be compared byte for byte.
function(mask_timing var text)
  string(REGEX REPLACE "\"seconds\": *[0-9.e+-]+" "\"seconds\": T" text "${text}")
  string(REGEX REPLACE "iclcheck (run|merge) [^\n\"`]*" "COMMAND" text "${text}")
  string(REGEX REPLACE "[0-9]+-[0-9]+-[0-9]+T[0-9]+:[0-9]+:[0-9]+Z" "TIMESTAMP" text "${text}")
  string(REGEX REPLACE "[0-9]+(\\.[0-9]+)? s([^a-zA-Z0-9])" "T s\\2" text "${text}")
  string(REGEX REPLACE "[0-9]+(\\.[0-9]+)? ms([^a-zA-Z0-9])" "T ms\\2" text "${text}")
  string(REGEX REPLACE "[0-9.e+-]+ \\(wall clock\\)" "T (wall clock)" text "${text}")
  set(${var} "${text}" PARENT_SCOPE)
endfunction()
