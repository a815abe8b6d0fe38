// Included first by every construction header. Oracle targets are compiled with ICL_BUILDING_ORACLE: an oracle
// that includes a construction (and so could share code with the thing it checks) does not compile.
#pragma once

#ifdef ICL_BUILDING_ORACLE
#error "an oracle must not include a construction header: construction and oracle share no code"
#endif
