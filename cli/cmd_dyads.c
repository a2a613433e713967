/* cmd_dyads.c -- `casus dyads`: the most escalating dyads of a period,
 * from stored events, an events JSONL file or articles coded on the fly.
 * The library does the work (casus_dyads_*); this file reads inputs and
 * prints a table or JSON Lines. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char DYADS_HELP[] =
    "usage: casus dyads [options] [--db FILE | --events FILE | FILE...]\n\n"
    "Lists the most escalating dyads (ordered actor pairs) of a period:\n"
    "events, hostile acts, Goldstein mean, dead, tit-for-tat exchanges\n"
    "and the escalation index (docs/dyads.md).  Events come from a\n"
    "database (--db), an events JSONL file as 'casus code' writes it\n"
    "(--events, - for stdin), or articles FILE... coded first.\n\n"
    "  --from DATE      first day of the period (YYYY-MM-DD)\n"
    "  --to DATE        last day of the period\n"
    "  --level L        country (actor countries, default) or actor\n"
    "                   (actor codes)\n"
    "  --top N          list the N most escalating dyads (default 10,\n"
    "                   0: all)\n"
    "  --window DAYS    tit-for-tat window (default 7)\n"
    "  --json           one JSON object per dyad, with its daily series\n"
    "                   and tit-for-tat chains\n"
    "  --data DIR       engine data directory, for FILE...\n"
    "  --published DATE publication date of .txt/.html articles\n\n"
    "Exit status: 0 all input read, 1 some input rejected, 2 fatal.\n";

typedef struct dy_run {
  casus_dyads *dy;
  size_t rejected;
  int fatal;
} dy_run;

/* Adds one event JSON; a bad one is reported as FILE:LINE. */
static void add_json(dy_run *r, const char *json, size_t len,
                     const char *file, long line) {
  casus_error err;
  int rc = casus_dyads_add(r->dy, json, len, &err);
  if (rc == CASUS_ENOMEM) {
    cli_report(&err);
    r->fatal = 1;
  } else if (rc) {
    snprintf(err.file, sizeof err.file, "%s", file);
    err.line = line;
    cli_report(&err);
    r->rejected++;
  }
}

static int from_row(const casus_row *row, void *ctx) {
  dy_run *r = ctx;
  if (row->json)
    add_json(r, row->json, strlen(row->json), "", 0);
  return r->fatal;
}

static void read_db(dy_run *r, const char *db) {
  casus_error err;
  casus_store *s = NULL;
  if (access(db, F_OK) != 0) {
    fprintf(stderr, "casus: %s: no such database\n", db);
    r->fatal = 1;
    return;
  }
  if (casus_store_open(db, &s, &err) ||
      cli_store_events(s, from_row, r, &err)) {
    cli_report(&err);
    r->fatal = 1;
  }
  casus_store_close(s);
}

static void read_events(dy_run *r, const char *path) {
  FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
  if (!f) {
    fprintf(stderr, "casus: %s: cannot open\n", path);
    r->fatal = 1;
    return;
  }
  char *line = NULL;
  size_t cap = 0, n = 0;
  long lineno = 0, rc;
  while (!r->fatal && (rc = cli_read_line(f, &line, &cap, CLI_MAX_LINE,
                                          &n)) != CLI_LINE_END) {
    lineno++;
    if (rc == CLI_LINE_ERROR || rc == CLI_LINE_NOMEM) {
      fprintf(stderr, "casus: %s:%ld: cannot read: %s\n", path, lineno,
              rc == CLI_LINE_NOMEM ? "out of memory" : strerror(errno));
      r->fatal = 1;
      break;
    }
    if (rc == CLI_LINE_LONG) {
      fprintf(stderr, "casus: %s:%ld: record longer than %zu bytes, "
              "skipped\n", path, lineno, CLI_MAX_LINE);
      r->rejected++;
      continue;
    }
    while (n && line[n - 1] == '\r')
      n--;
    if (n)
      add_json(r, line, n, path, lineno);
  }
  free(line);
  if (f != stdin)
    fclose(f);
}

/* cli_code_files callback: adds one fused event. */
static int article_event(const char *json, size_t len, void *ctx) {
  dy_run *r = ctx;
  add_json(r, json, len, "articles", 0);
  return r->fatal;
}

static void print_act(const casus_dyad_act *a) {
  printf("%s %s->%s %s", a->date, a->source, a->target, a->cameo);
}

static void print_table(const casus_dyads *dy, size_t top) {
  char from[11], to[11];
  casus_dyads_period(dy, from, to);
  size_t added, kept;
  casus_dyads_totals(dy, &added, &kept);
  printf("period %s .. %s: %zu event(s) read, %zu in %zu dyad(s)\n\n",
         from[0] ? from : "-", to[0] ? to : "-", added, kept,
         casus_dyads_count(dy));
  printf("%4s  %-22s %6s %7s %8s %5s %4s %15s %10s\n", "rank", "dyad",
         "events", "hostile", "goldstein", "dead", "tft", "conflict 1st>2nd",
         "escalation");
  for (size_t i = 0; i < casus_dyads_count(dy) && (!top || i < top); i++) {
    const casus_dyad *y = casus_dyads_get(dy, i);
    char dyad[64], dead[24], conf[40];
    snprintf(dyad, sizeof dyad, "%s -> %s", y->source, y->target);
    if (y->fatalities >= 0)
      snprintf(dead, sizeof dead, "%ld", y->fatalities);
    else
      snprintf(dead, sizeof dead, "-");
    snprintf(conf, sizeof conf, "%.1f>%.1f", y->conflict1, y->conflict2);
    printf("%4zu  %-22s %6zu %7zu %8.2f %5s %4zu %15s %10.2f\n", i + 1,
           dyad, y->events, y->hostile, y->goldstein_mean, dead,
           y->reciprocity, conf, y->escalation);
    for (size_t k = 0; k < y->ntft; k++) {
      const casus_tit_for_tat *t = &y->tft[k];
      printf("      tit-for-tat: ");
      print_act(&t->act);
      printf("  =>  ");
      print_act(&t->reply);
      printf(" (%ld day%s)\n", t->days, t->days == 1 ? "" : "s");
      for (size_t b = 0; b < t->nbetween; b++) {
        printf("        between: ");
        print_act(&t->between[b]);
        putchar('\n');
      }
    }
  }
}

static int print_json(const casus_dyads *dy, size_t top) {
  for (size_t i = 0; i < casus_dyads_count(dy) && (!top || i < top); i++) {
    char *json = NULL;
    int rc = casus_dyad_to_json(dy, i, &json);
    if (rc)
      return rc;
    puts(json);
    casus_free(json);
  }
  return CASUS_OK;
}

/* Parses a non-negative count option; false (after saying so) when bad. */
static bool count_arg(const char *name, const char *s, long *out) {
  char *end = NULL;
  long v = strtol(s, &end, 10);
  if (v < 0 || v > 100000000 || end == s || *end) {
    fprintf(stderr, "casus: dyads: %s wants a number, not '%s'\n", name, s);
    return false;
  }
  *out = v;
  return true;
}

typedef struct dy_args {
  casus_dyads_opts o;
  casus_read_opts ro;
  const char *db, *events, *datadir;
  long top;
  int json;
} dy_args;

/* Returns the index of the first FILE argument, or -1 with *status. */
static int parse_args(int argc, char **argv, dy_args *a, int *status) {
  static const struct option opts[] = {
      {"from", required_argument, 0, 'f'},
      {"to", required_argument, 0, 't'},
      {"level", required_argument, 0, 'l'},
      {"top", required_argument, 0, 'n'},
      {"window", required_argument, 0, 'w'},
      {"json", no_argument, 0, 'j'},
      {"db", required_argument, 0, 'b'},
      {"events", required_argument, 0, 'e'},
      {"data", required_argument, 0, 'd'},
      {"published", required_argument, 0, 'p'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  long v = 0;
  *status = EXIT_FATAL;
  optind = 1;
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
    case 'f': a->o.from = optarg; break;
    case 't': a->o.to = optarg; break;
    case 'l':
      if (!strcmp(optarg, "actor")) {
        a->o.level = CASUS_DYAD_ACTOR;
      } else if (strcmp(optarg, "country")) {
        fprintf(stderr, "casus: dyads: --level is country or actor\n");
        return -1;
      }
      break;
    case 'n':
      if (!count_arg("--top", optarg, &a->top))
        return -1;
      break;
    case 'w':
      if (!count_arg("--window", optarg, &v) || !v) {
        fprintf(stderr, "casus: dyads: --window wants days >= 1\n");
        return -1;
      }
      a->o.window = (int)v;
      break;
    case 'j': a->json = 1; break;
    case 'b': a->db = optarg; break;
    case 'e': a->events = optarg; break;
    case 'd': a->datadir = optarg; break;
    case 'p': a->ro.published = optarg; break;
    case 'h': fputs(DYADS_HELP, stdout); *status = EXIT_OK; return -1;
    default: cli_bad_option(argv[0], argv[optind - 1]); return -1;
    }
  }
  int sources = !!a->db + !!a->events + (optind < argc);
  if (sources != 1) {
    fprintf(stderr, "casus: dyads: give one of --db FILE, --events FILE "
                    "or article FILE...; see 'casus dyads --help'\n");
    return -1;
  }
  return optind;
}

int cmd_dyads(int argc, char **argv) {
  dy_args a;
  memset(&a, 0, sizeof a);
  a.top = 10;
  int status;
  int first = parse_args(argc, argv, &a, &status);
  if (first < 0)
    return status;
  casus_error err;
  dy_run r = {0};
  if (casus_dyads_open(&a.o, &r.dy, &err)) {
    cli_report(&err);
    return EXIT_FATAL;
  }
  if (a.db) {
    read_db(&r, a.db);
  } else if (a.events) {
    read_events(&r, a.events);
  } else {
    casus_engine *e = NULL;
    if (casus_engine_open(a.datadir, &e, &err)) {
      cli_report(&err);
      r.fatal = 1;
    }
    if (!r.fatal && cli_code_files(e, argv + first, argc - first, &a.ro,
                                   article_event, &r, &r.rejected))
      r.fatal = 1;
    casus_engine_close(e);
  }
  if (!r.fatal && casus_dyads_finish(r.dy, &err)) {
    cli_report(&err);
    r.fatal = 1;
  }
  if (!r.fatal) {
    if (a.json)
      r.fatal = print_json(r.dy, (size_t)a.top) != CASUS_OK;
    else
      print_table(r.dy, (size_t)a.top);
  }
  casus_dyads_close(r.dy);
  if (r.fatal || !cli_output_ok())
    return EXIT_FATAL;
  return r.rejected ? EXIT_REJECTED : EXIT_OK;
}
