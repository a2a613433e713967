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
  const char *dicts[65];  /* --dict/--project files, NULL-terminated */
  int ndicts;
  int project;            /* a --project was given: its verbs replace
                             casus' patterns */
  int jobs;  /* -j N: worker threads (1: none) */
  int no_fuse;            /* print per-article events */
  const char *stories;    /* --stories FILE */
  int window;             /* --window DAYS (0: the default) */
  const char *quotes;     /* --quotes FILE */
} cli_input;

/* Receives one event's JSON; a non-zero return stops cli_code_files. */
typedef int (*cli_event_fn)(const char *json, size_t len, void *ctx);

/* Codes the articles of PATHS[0..N) with E, fuses the events of all of
 * them as `casus code` does, and calls FN with each fused event.  Rejected
 * articles are reported and counted in *REJECTED.  Returns CASUS_OK, or
 * the first fatal code (FN's non-zero return, CASUS_ENOMEM). */
int cli_code_files(const casus_engine *e, char **paths, int n,
                   const casus_read_opts *ro, cli_event_fn fn, void *ctx,
                   size_t *rejected);

/* Calls CB with each event of store S: the fused events when the store
 * has any (ingested with fusion), else the per-article events. */
int cli_store_events(casus_store *s, int (*cb)(const casus_row *, void *),
                     void *ctx, casus_error *err);

int cmd_code(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_dyads(int argc, char **argv);

#endif
