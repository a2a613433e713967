/* cmd_export.c -- `casus export`: events in the field's formats (GDELT,
 * ACLED, UCDP GED, PLOVER) or casus' own JSONL, from an events JSONL file,
 * from the store, or from articles coded on the fly.  Each event goes
 * through the library's exporter (casus_exporter_*); a bad event line is
 * reported and skipped. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static const char EXPORT_HELP[] =
    "usage: casus export --format F [options] [FILE...]\n\n"
    "Writes events in another format.  The events come from one of:\n"
    "  --events FILE  a JSON Lines file of casus events, as 'casus code'\n"
    "                 prints them ('-' for stdin); fused events keep their\n"
    "                 sources, story and discrepancies in every format\n"
    "  --db PATH      the events stored in a database ('casus ingest')\n"
    "  FILE...        articles, coded first as by 'casus code --no-fuse'\n\n"
    "Formats (docs/export.md maps every column):\n"
    "  jsonl           casus' own records, unchanged\n"
    "  gdelt           GDELT 2.0 event table: 61 TAB-separated columns, no\n"
    "                  header, FIPS country codes in the geo fields\n"
    "  gdelt-mentions  GDELT 2.0 mentions table: 16 columns\n"
    "  acled           ACLED's 31 columns, CSV with a header; only events\n"
    "                  of an ACLED event type\n"
    "  ucdp            UCDP GED's 49 columns, CSV with a header; only\n"
    "                  violent events with at least one death\n"
    "  plover          PLOVER JSON records, one per line\n\n"
    "Options:\n"
    "  --format F      the output format (required)\n"
    "  --out PATH      write to PATH instead of stdout\n"
    "  --mentions PATH with --format gdelt: also write the mentions table\n"
    "  --no-header     no header row in the CSV formats\n"
    "  --data DIR      engine and country tables (default: built in, or\n"
    "                  $CASUS_DATA)\n"
    "  --published DATE, --source NAME  as for 'casus code'\n\n"
    "Events that a format does not hold (not asserted as actual, no ACLED\n"
    "type, no death...) are skipped; the counts go to stderr.\n"
    "Exit status: 0 all exported, 1 some input rejected, 2 fatal.\n";

typedef struct xrun {
  const char *format, *out_path, *mentions_path, *events, *db, *datadir;
  casus_read_opts ro;
  int no_header;
  FILE *out, *mout;
  casus_exporter *x, *mx;  /* the format, and the mentions table */
  size_t rejected;
  int fatal;
} xrun;

/* Write callback: fwrite to the FILE * in CTX. */
static int write_file(const char *buf, size_t len, void *ctx) {
  return fwrite(buf, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

/* Hands one event's JSON to the exporter(s); reports a bad event. */
static void add_event(xrun *r, const char *json, size_t len,
                      const char *where, long line) {
  casus_error err;
  int rc = casus_exporter_add(r->x, json, len, &err);
  if (!rc && r->mx)
    rc = casus_exporter_add(r->mx, json, len, &err);
  if (!rc)
    return;
  snprintf(err.file, sizeof err.file, "%s", where);
  err.line = line;
  cli_report(&err);
  if (rc == CASUS_EIO || rc == CASUS_ENOMEM)
    r->fatal = 1;
  else
    r->rejected++;
}

/* Exports each line of an events JSONL file. */
static void from_events(xrun *r) {
  bool std = !strcmp(r->events, "-");
  FILE *f = std ? stdin : fopen(r->events, "rb");
  if (!f) {
    fprintf(stderr, "casus: %s: cannot open\n", r->events);
    r->fatal = 1;
    return;
  }
  char *line = NULL;
  size_t cap = 0, len = 0;
  long no = 0, rc;
  const char *name = std ? "<stdin>" : r->events;
  while (!r->fatal && (rc = cli_read_line(f, &line, &cap, CLI_MAX_LINE,
                                          &len)) != CLI_LINE_END) {
    no++;
    if (rc == CLI_LINE_ERROR || rc == CLI_LINE_NOMEM) {
      fprintf(stderr, "casus: %s:%ld: cannot read: %s\n", name, no,
              rc == CLI_LINE_NOMEM ? "out of memory" : strerror(errno));
      r->fatal = 1;
      break;
    }
    if (rc == CLI_LINE_LONG) {
      fprintf(stderr, "casus: %s:%ld: record longer than %zu bytes, "
              "skipped\n", name, no, CLI_MAX_LINE);
      r->rejected++;
      continue;
    }
    while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
      len--;
    if (len)
      add_event(r, line, len, name, no);
  }
  free(line);
  if (!std)
    fclose(f);
}

static int store_cb(const casus_row *row, void *ctx) {
  xrun *r = ctx;
  if (row->json)
    add_event(r, row->json, strlen(row->json), "store", 0);
  return r->fatal;
}

/* Exports the events of the database. */
static void from_db(xrun *r) {
  casus_error err;
  casus_store *s = NULL;
  if (casus_store_open(r->db, &s, &err) ||
      cli_store_events(s, store_cb, r, &err)) {
    cli_report(&err);
    r->fatal = 1;
  }
  casus_store_close(s);
}

/* cli_code_files callback: exports one fused event. */
static int article_event(const char *json, size_t len, void *ctx) {
  xrun *r = ctx;
  add_event(r, json, len, "articles", 0);
  return r->fatal;
}

/* Parses the options; returns the index of the first FILE, or -1 with
 * *STATUS set. */
static int parse(int argc, char **argv, xrun *r, int *status) {
  static const struct option opts[] = {
      {"format", required_argument, 0, 'f'},
      {"out", required_argument, 0, 'o'},
      {"mentions", required_argument, 0, 'm'},
      {"events", required_argument, 0, 'e'},
      {"db", required_argument, 0, 'b'},
      {"data", required_argument, 0, 'd'},
      {"published", required_argument, 0, 'p'},
      {"source", required_argument, 0, 's'},
      {"no-header", no_argument, 0, 'n'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  optind = 1;
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
    case 'f': r->format = optarg; break;
    case 'o': r->out_path = optarg; break;
    case 'm': r->mentions_path = optarg; break;
    case 'e': r->events = optarg; break;
    case 'b': r->db = optarg; break;
    case 'd': r->datadir = optarg; break;
    case 'p': r->ro.published = optarg; break;
    case 's': r->ro.source = optarg; break;
    case 'n': r->no_header = 1; break;
    case 'h':
      fputs(EXPORT_HELP, stdout);
      *status = EXIT_OK;
      return -1;
    default:
      cli_bad_option(argv[0], argv[optind - 1]);
      *status = EXIT_FATAL;
      return -1;
    }
  }
  int sources = (r->events != NULL) + (r->db != NULL) + (optind < argc);
  const char *why = !r->format ? "--format is required"
                    : sources != 1
                        ? "give exactly one of --events, --db or FILE..."
                    : r->mentions_path && strcmp(r->format, "gdelt")
                        ? "--mentions goes with --format gdelt"
                        : NULL;
  if (why) {
    fprintf(stderr, "casus: export: %s; see 'casus export --help'\n", why);
    *status = EXIT_FATAL;
    return -1;
  }
  return optind;
}

/* Opens the output files and exporters; false after reporting. */
static bool open_all(xrun *r) {
  casus_error err;
  r->out = r->out_path ? fopen(r->out_path, "wb") : stdout;
  r->mout = r->mentions_path ? fopen(r->mentions_path, "wb") : NULL;
  if (!r->out || (r->mentions_path && !r->mout)) {
    fprintf(stderr, "casus: %s: cannot create\n",
            !r->out ? r->out_path : r->mentions_path);
    return false;
  }
  casus_export_opts o = {write_file, r->out, r->datadir, r->no_header};
  if (casus_exporter_open(r->format, &o, &r->x, &err)) {
    cli_report(&err);
    return false;
  }
  o.write_ctx = r->mout;
  if (r->mout &&
      casus_exporter_open("gdelt-mentions", &o, &r->mx, &err)) {
    cli_report(&err);
    return false;
  }
  return true;
}

/* Finishes the exporters, closes the files; false on a lost write. */
static bool close_all(xrun *r) {
  casus_error err;
  bool ok = true;
  if (r->x && casus_exporter_finish(r->x, &err)) {
    cli_report(&err);
    ok = false;
  }
  if (r->mx && casus_exporter_finish(r->mx, &err)) {
    cli_report(&err);
    ok = false;
  }
  size_t w = 0, s = 0;
  casus_exporter_counts(r->x, &w, &s);
  if (r->x)
    fprintf(stderr, "casus: export %s: %zu event(s) written, %zu skipped, "
                    "%zu rejected\n", r->format, w, s, r->rejected);
  casus_exporter_close(r->x);
  casus_exporter_close(r->mx);
  if (r->mout && fclose(r->mout))
    ok = false;
  if (r->out && r->out != stdout && fclose(r->out))
    ok = false;
  return ok && cli_output_ok();
}

int cmd_export(int argc, char **argv) {
  xrun r;
  memset(&r, 0, sizeof r);
  int status = EXIT_OK;
  int first = parse(argc, argv, &r, &status);
  if (first < 0)
    return status;
  casus_engine *e = NULL;
  casus_error err;
  if (!open_all(&r)) {
    r.fatal = 1;
  } else if (r.events) {
    from_events(&r);
  } else if (r.db) {
    from_db(&r);
  } else if (casus_engine_open(r.datadir, &e, &err)) {
    cli_report(&err);
    r.fatal = 1;
  } else {
    if (cli_code_files(e, argv + first, argc - first, &r.ro, article_event,
                       &r, &r.rejected))
      r.fatal = 1;
  }
  casus_engine_close(e);
  if (!close_all(&r) || r.fatal)
    return EXIT_FATAL;
  return r.rejected ? EXIT_REJECTED : EXIT_OK;
}
