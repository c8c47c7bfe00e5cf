#ifndef PORCH_CLIBPQ_SHIM_H
#define PORCH_CLIBPQ_SHIM_H

#include <libpq-fe.h>
#include <postgres_ext.h>

// Swift cannot import character-literal macros reliably; re-export the diagnostic fields we read.
static inline int clibpq_diag_sqlstate(void) { return 'C'; }
static inline int clibpq_diag_message_primary(void) { return 'M'; }

#endif
