/* err.c -- error values and their text. */
#include "casus_int.h"

#include <stdio.h>
#include <string.h>

const char *casus_strerror(int code) {
  switch (code) {
  case CASUS_OK: return "ok";
  case CASUS_DONE: return "end of input";
  case CASUS_ENOMEM: return "out of memory";
  case CASUS_EIO: return "input/output error";
  case CASUS_EPARSE: return "parse error";
  case CASUS_EUTF8: return "invalid UTF-8";
  case CASUS_EDATE: return "missing or invalid date";
  case CASUS_EEMPTY: return "empty input";
  case CASUS_ETOOBIG: return "record too big";
  case CASUS_EDATA: return "bad data directory";
  case CASUS_EDB: return "database error";
  case CASUS_EINVAL: return "invalid argument";
  case CASUS_EBINARY: return "binary input";
  case CASUS_ETRUNC: return "truncated input";
  case CASUS_EFIELD: return "missing or mistyped field";
  default: return "unknown error";
  }
}

void casus__err_clear(casus_error *err) {
  if (!err)
    return;
  memset(err, 0, sizeof *err);
  err->offset = -1;
}

int casus__err(casus_error *err, int code, const char *file, long line,
               const char *fmt, ...) {
  if (!err)
    return code;
  casus__err_clear(err);
  err->code = code;
  err->line = line;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return code;
}
