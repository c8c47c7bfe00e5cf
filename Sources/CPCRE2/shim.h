#ifndef PORCH_CPCRE2_SHIM_H
#define PORCH_CPCRE2_SHIM_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Swift cannot import function-like or cast macros; re-export the few we use.
static const size_t CPCRE2_ZERO_TERMINATED = PCRE2_ZERO_TERMINATED;
static const size_t CPCRE2_UNSET = PCRE2_UNSET;

#endif
