#ifndef PORCH_CLIBPQ_SHIM_H
#define PORCH_CLIBPQ_SHIM_H

// libpq, loaded when a group first uses PostgreSQL rather than linked into porch: libpq pulls in some twenty
// libraries (Kerberos, LDAP, SASL, GnuTLS...) whose loading every command paid, a few milliseconds of each
// one-post command, though most groups keep their queue in SQLite.
//
// The types and functions below are the part of libpq's public interface (libpq-fe.h) that Sources/PostgreSQL
// uses, declared as libpq 5 (every PostgreSQL release since 8.0) defines them; each function looks its symbol
// up once in libpq.so.5. Call clibpq_load() first: it says whether the library could be loaded, and no other
// function here may be called when it could not.

#include <dlfcn.h>
#include <stddef.h>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;

typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;

typedef enum {
    PGRES_EMPTY_QUERY = 0,
    PGRES_COMMAND_OK,
    PGRES_TUPLES_OK,
    PGRES_COPY_OUT,
    PGRES_COPY_IN,
    PGRES_BAD_RESPONSE,
    PGRES_NONFATAL_ERROR,
    PGRES_FATAL_ERROR,
    PGRES_COPY_BOTH,
    PGRES_SINGLE_TUPLE,
    PGRES_PIPELINE_SYNC,
    PGRES_PIPELINE_ABORTED
} ExecStatusType;

typedef struct pgNotify {
    char *relname;
    int be_pid;
    char *extra;
    struct pgNotify *next;
} PGnotify;

typedef struct _PQconninfoOption {
    char *keyword;
    char *envvar;
    char *compiled;
    char *val;
    char *label;
    char *dispchar;
    int dispsize;
} PQconninfoOption;

typedef void (*PQnoticeProcessor)(void *arg, const char *message);

/// libpq's handle once loaded; NULL before, or when it cannot be.
static inline void *clibpq_library(void) {
    static void *library;
    void *handle = __atomic_load_n(&library, __ATOMIC_ACQUIRE);
    if (handle == NULL) {
        handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL) __atomic_store_n(&library, handle, __ATOMIC_RELEASE);
    }
    return handle;
}

/// 1 when libpq is loaded (or now could be), else 0.
static inline int clibpq_load(void) { return clibpq_library() != NULL; }

/// Why libpq could not be loaded, as the dynamic loader says it.
static inline const char *clibpq_load_error(void) {
    const char *error = dlerror();
    return error != NULL ? error : "libpq.so.5 was not found";
}

#define CLIBPQ_LOOKUP(name)                                                                                           \
    static name##_pointer function;                                                                                   \
    name##_pointer loaded = __atomic_load_n(&function, __ATOMIC_ACQUIRE);                                             \
    if (loaded == NULL) {                                                                                             \
        loaded = (name##_pointer)dlsym(clibpq_library(), #name);                                                      \
        __atomic_store_n(&function, loaded, __ATOMIC_RELEASE);                                                        \
    }

#define CLIBPQ_FUNCTION(result, name, parameters, arguments)                                                          \
    typedef result(*name##_pointer) parameters;                                                                       \
    static inline result name parameters {                                                                             \
        CLIBPQ_LOOKUP(name)                                                                                            \
        return loaded arguments;                                                                                       \
    }

#define CLIBPQ_PROCEDURE(name, parameters, arguments)                                                                 \
    typedef void(*name##_pointer) parameters;                                                                         \
    static inline void name parameters {                                                                               \
        CLIBPQ_LOOKUP(name)                                                                                            \
        loaded arguments;                                                                                              \
    }

CLIBPQ_FUNCTION(PGconn *, PQconnectdbParams,
    (const char *const *keywords, const char *const *values, int expand_dbname), (keywords, values, expand_dbname))
CLIBPQ_FUNCTION(ConnStatusType, PQstatus, (const PGconn *conn), (conn))
CLIBPQ_FUNCTION(char *, PQerrorMessage, (const PGconn *conn), (conn))
CLIBPQ_PROCEDURE(PQfinish, (PGconn *conn), (conn))
CLIBPQ_FUNCTION(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg),
    (conn, proc, arg))
CLIBPQ_FUNCTION(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))
CLIBPQ_PROCEDURE(PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))
CLIBPQ_PROCEDURE(PQfreemem, (void *ptr), (ptr))
CLIBPQ_FUNCTION(int, PQbackendPID, (const PGconn *conn), (conn))
CLIBPQ_FUNCTION(PGresult *, PQexecParams,
    (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
        const int *paramLengths, const int *paramFormats, int resultFormat),
    (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
CLIBPQ_FUNCTION(PGresult *, PQexecPrepared,
    (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths,
        const int *paramFormats, int resultFormat),
    (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))
CLIBPQ_FUNCTION(PGresult *, PQprepare,
    (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes),
    (conn, stmtName, query, nParams, paramTypes))
CLIBPQ_FUNCTION(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
CLIBPQ_FUNCTION(int, PQsocket, (const PGconn *conn), (conn))
CLIBPQ_FUNCTION(int, PQconsumeInput, (PGconn *conn), (conn))
CLIBPQ_FUNCTION(PGnotify *, PQnotifies, (PGconn *conn), (conn))
CLIBPQ_PROCEDURE(PQclear, (PGresult *res), (res))
CLIBPQ_FUNCTION(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
CLIBPQ_FUNCTION(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
CLIBPQ_FUNCTION(int, PQnfields, (const PGresult *res), (res))
CLIBPQ_FUNCTION(int, PQntuples, (const PGresult *res), (res))
CLIBPQ_FUNCTION(char *, PQfname, (const PGresult *res, int field_num), (res, field_num))
CLIBPQ_FUNCTION(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
CLIBPQ_FUNCTION(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
CLIBPQ_FUNCTION(char *, PQcmdTuples, (PGresult *res), (res))

// Swift cannot import character-literal macros reliably; re-export the diagnostic fields we read.
static inline int clibpq_diag_sqlstate(void) { return 'C'; }
static inline int clibpq_diag_message_primary(void) { return 'M'; }

#endif
