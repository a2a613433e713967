/* cli.h -- shared pieces of the casus command-line tool. */
#ifndef CASUS_CLI_H
#define CASUS_CLI_H

#include "casus.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses: 0 everything read, 1 some input rejected, 2 usage or a
 * fatal error. */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_FATAL = 2 };

/* Prints "casus: FILE:LINE:COL: msg" for ERR on stderr. */
void cli_report(const casus_error *err);

/* Flushes stdout; false (after saying why on stderr) when output was
 * lost: a full disk, a closed pipe. */
bool cli_output_ok(void);

/* Reports an unknown option of command CMD (opterr is off). */
void cli_bad_option(const char *cmd, const char *arg);

/* Options shared by the commands that read articles. */
typedef struct cli_input {
  casus_read_opts ro;
  const char *datadir;
  const char *db;
  int explain;
  int all;
  size_t batch;
  int no_fuse;            /* print per-article events */
  const char *stories;    /* --stories FILE */
  int window;             /* --window DAYS (0: the default) */
} cli_input;

int cmd_code(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_info(int argc, char **argv);

#endif
