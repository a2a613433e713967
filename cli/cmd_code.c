/* cmd_code.c -- `casus code` and `casus ingest`: read articles, code them,
 * and print events (code) or store them (ingest).  A rejected article is
 * reported and skipped; the batch goes on. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char CODE_HELP[] =
    "usage: casus code [options] FILE...\n\n"
    "Codes the articles in FILE... (JSON Lines, .txt, .html, a directory,\n"
    "- for stdin, any of them .gz) and prints one JSON object per event.\n\n"
    "  --published DATE  publication date (YYYY-MM-DD) of articles that\n"
    "                    give none (.txt, .html, JSONL without it)\n"
    "  --source NAME     outlet for .txt/.html\n"
    "  --language CODE   article language when not given (default en)\n"
    "  --format F        auto (default), jsonl, txt, html\n"
    "  --data DIR        engine data directory (default: built in,\n"
    "                    or $CASUS_DATA)\n"
    "  --explain         also report on stderr what cleaning removed and\n"
    "                    which statements were not coded (and why)\n"
    "  --all             also print non-asserted events (negated,\n"
    "                    conditional, future) with their modality\n"
    "                    (implies --no-fuse)\n"
    "  --no-fuse         print each article's events (default: fuse the\n"
    "                    events of all articles into one per real-world\n"
    "                    event, see docs/fusion.md)\n"
    "  --stories FILE    also write one JSON object per story to FILE\n"
    "  --window DAYS     fusion and story window (default 3)\n\n"
    "Exit status: 0 all input coded, 1 some input rejected, 2 fatal.\n";

static const char INGEST_HELP[] =
    "usage: casus ingest [options] FILE...\n\n"
    "Codes the articles in FILE... and stores articles, sentences, events\n"
    "and mentions in the SQLite database, one transaction per batch.\n"
    "Idempotent: an article already stored with the same id and content is\n"
    "skipped; a changed article replaces its earlier version.  Then fuses\n"
    "the new articles with those stored around them (stories and fused\n"
    "events, see docs/fusion.md).\n\n"
    "  --db PATH         database file (default casus.db)\n"
    "  --batch N         articles per transaction (default 1000)\n"
    "  --no-fuse         store per-article events only\n"
    "  --window DAYS     fusion and story window (default 3)\n"
    "  --published, --source, --language, --format, --data, --explain\n"
    "                    as for 'casus code'\n\n"
    "Exit status: 0 all input stored, 1 some input rejected, 2 fatal.\n";

/* Parses the options shared by code and ingest; returns the index of the
 * first file argument, or -1 after printing help (*status set). */
static int parse_input(int argc, char **argv, cli_input *in, const char *help,
                       int *status) {
  static const struct option opts[] = {
      {"published", required_argument, 0, 'p'},
      {"source", required_argument, 0, 's'},
      {"language", required_argument, 0, 'l'},
      {"format", required_argument, 0, 'f'},
      {"data", required_argument, 0, 'd'},
      {"db", required_argument, 0, 'b'},
      {"batch", required_argument, 0, 'n'},
      {"explain", no_argument, 0, 'x'},
      {"all", no_argument, 0, 'a'},
      {"no-fuse", no_argument, 0, 'F'},
      {"stories", required_argument, 0, 'S'},
      {"window", required_argument, 0, 'w'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  memset(in, 0, sizeof *in);
  in->db = "casus.db";
  in->batch = 1000;
  optind = 1;
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
    case 'p': in->ro.published = optarg; break;
    case 's': in->ro.source = optarg; break;
    case 'l': in->ro.language = optarg; break;
    case 'f': in->ro.format = optarg; break;
    case 'd': in->datadir = optarg; break;
    case 'b': in->db = optarg; break;
    case 'n': {
      char *end = NULL;
      long v = strtol(optarg, &end, 10);
      if (v <= 0 || *end) {
        fprintf(stderr, "casus: --batch wants a positive number, not '%s'\n",
                optarg);
        *status = EXIT_FATAL;
        return -1;
      }
      in->batch = (size_t)v;
      break;
    }
    case 'x': in->explain = 1; break;
    case 'a': in->all = 1; break;
    case 'F': in->no_fuse = 1; break;
    case 'S': in->stories = optarg; break;
    case 'w': {
      char *end = NULL;
      long v = strtol(optarg, &end, 10);
      if (v <= 0 || v > 365 || *end) {
        fprintf(stderr, "casus: --window wants 1 to 365 days, not '%s'\n",
                optarg);
        *status = EXIT_FATAL;
        return -1;
      }
      in->window = (int)v;
      break;
    }
    case 'h':
      fputs(help, stdout);
      *status = EXIT_OK;
      return -1;
    default:
      cli_bad_option(argv[0], argv[optind - 1]);
      *status = EXIT_FATAL;
      return -1;
    }
  }
  if (!in->batch)
    in->batch = 1;
  if (optind >= argc) {
    fputs(help, stderr);
    *status = EXIT_FATAL;
    return -1;
  }
  return optind;
}

/* Repaired UTF-8 is always worth a warning; the rest of what cleaning did
 * is reported with --explain. */
static void report_notes(const casus_article *a, const casus_doc *d,
                         int explain) {
  const char *where = a->origin ? a->origin : casus_doc_article_id(d);
  for (size_t i = 0; i < casus_doc_note_count(d); i++) {
    const casus_note *n = casus_doc_note(d, i);
    bool utf8 = !strcmp(n->kind, "utf8");
    if (utf8)
      fprintf(stderr,
              "casus: %s: warning: invalid UTF-8 at byte %u of the text: "
              "%s\n",
              where, n->start, n->detail ? n->detail : "repaired");
    else if (explain)
      fprintf(stderr, "casus: %s: removed %s [%u,%u): %s\n",
              casus_doc_article_id(d), n->kind, n->start, n->end,
              n->detail ? n->detail : "");
  }
}

static void explain_doc(const casus_doc *d) {
  const char *id = casus_doc_article_id(d);
  size_t len;
  const char *text = casus_doc_text(d, &len);
  for (size_t i = 0; i < casus_doc_suppressed_count(d); i++) {
    const casus_event *ev = casus_doc_suppressed(d, i);
    const casus_mention *m = ev->n_mentions ? &ev->mentions[0] : NULL;
    fprintf(stderr, "casus: %s: not coded (%s) %s: %.*s\n", id, ev->modality,
            ev->cameo, m ? (int)(m->end - m->start) : 0,
            m ? text + m->start : "");
  }
}

static int print_event(const casus_doc *d, const casus_event *ev) {
  char *json = NULL;
  int rc = casus_event_to_json(d, ev, &json);
  if (rc)
    return rc;
  int w = puts(json);
  casus_free(json);
  return w == EOF ? CASUS_EIO : CASUS_OK;
}

typedef struct run {
  cli_input in;
  casus_engine *engine;
  casus_store *store;
  casus_fuser *fuser;   /* NULL with --no-fuse */
  FILE *stories;        /* --stories */
  long max_day;         /* latest publication date fused (days) */
  char max_date[11];
  size_t read, rejected, events, stored, unchanged, in_batch, fused;
  int fatal;
} run;

/* Prints a finished fused event on stdout, a story into --stories. */
static int emit_fused(const casus_fuser *f, const casus_event *ev,
                      const casus_story *st, void *ctx) {
  run *r = ctx;
  char *json = NULL;
  int rc = ev ? casus_fuser_event_to_json(f, ev, &json)
              : casus_fuser_story_to_json(f, st, &json);
  if (rc)
    return rc;
  FILE *out = ev ? stdout : r->stories;
  int w = out ? fputs(json, out) : 0;
  if (out && w != EOF)
    w = fputc('\n', out);
  casus_free(json);
  r->fused += ev != NULL;
  return w == EOF ? CASUS_EIO : CASUS_OK;
}

/* Fuses doc D; when its date moves the stream forward, what closed more
 * than a window before is printed and freed. */
static void fuse_doc(run *r, const casus_article *a, const casus_doc *d) {
  casus_error err;
  if (casus_fuser_add(r->fuser, a, d, &err)) {
    cli_report(&err);
    r->fatal = 1;
    return;
  }
  if (!a->published || strlen(a->published) < 10 ||
      strncmp(a->published, r->max_date, 10) <= 0)
    return;
  memcpy(r->max_date, a->published, 10);
  r->max_date[10] = '\0';
  /* Flush what ended two windows before the newest date: one window for
   * the event itself, one for articles that arrive a little late. */
  struct tm tm = {0};
  if (sscanf(r->max_date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
             &tm.tm_mday) != 3)
    return;
  int w = r->in.window > 0 ? r->in.window : 3;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_mday -= w;
  tm.tm_isdst = -1;
  tm.tm_hour = 12;
  if (mktime(&tm) == (time_t)-1)
    return;
  char before[16];
  if (!strftime(before, sizeof before, "%Y-%m-%d", &tm))
    return;
  int rc = casus_fuser_flush(r->fuser, before, emit_fused, r);
  if (rc == CASUS_EIO)
    cli_output_ok(); /* says why */
  else if (rc)
    fprintf(stderr, "casus: writing fused events: %s\n", casus_strerror(rc));
  if (rc)
    r->fatal = 1;
}

static void flush_batch(run *r) {
  casus_error err;
  if (!r->store || !r->in_batch)
    return;
  if (casus_store_commit(r->store, &err)) {
    cli_report(&err);
    r->fatal = 1;
  }
  r->in_batch = 0;
}

/* Codes one article: prints its events or stores it. */
static void handle_article(run *r, casus_article *a) {
  casus_error err;
  casus_doc *d = NULL;
  int rc = casus_doc_process(r->engine, a, &d, &err);
  if (rc) {
    cli_report(&err);
    r->rejected++;
    return;
  }
  report_notes(a, d, r->in.explain);
  if (r->in.explain)
    explain_doc(d);
  r->events += casus_doc_event_count(d);
  if (r->store) {
    if (!r->in_batch && casus_store_begin(r->store, &err)) {
      cli_report(&err);
      r->fatal = 1;
    } else {
      int inserted = 0;
      r->in_batch++;
      if (casus_store_put(r->store, a, d, &inserted, &err)) {
        cli_report(&err);
        r->rejected++;
      } else if (inserted) {
        r->stored++;
      } else {
        r->unchanged++;
      }
      if (r->in_batch >= r->in.batch)
        flush_batch(r);
    }
  } else if (r->fuser) {
    fuse_doc(r, a, d);
  } else {
    for (size_t i = 0; i < casus_doc_event_count(d) && !rc; i++)
      rc = print_event(d, casus_doc_event(d, i));
    for (size_t i = 0; r->in.all && i < casus_doc_suppressed_count(d) && !rc;
         i++)
      rc = print_event(d, casus_doc_suppressed(d, i));
    if (rc == CASUS_EIO)
      cli_output_ok(); /* says why */
    if (rc)
      r->fatal = 1;
  }
  casus_doc_free(d);
}

static void read_path(run *r, const char *path) {
  casus_error err;
  casus_reader *rd = NULL;
  if (casus_reader_open(path, &r->in.ro, &rd, &err)) {
    cli_report(&err);
    r->rejected++;
    return;
  }
  for (;;) {
    casus_article *a = NULL;
    int rc = casus_reader_next(rd, &a, &err);
    if (rc == CASUS_DONE)
      break;
    if (rc == CASUS_ENOMEM) {
      cli_report(&err);
      r->fatal = 1;
      break;
    }
    if (rc) {
      cli_report(&err);
      r->rejected++;
      continue;
    }
    r->read++;
    handle_article(r, a);
    casus_article_free(a);
    if (r->fatal)
      break;
  }
  casus_reader_close(rd);
}

static int run_files(int argc, char **argv, int store, const char *help) {
  run r;
  memset(&r, 0, sizeof r);
  int status = EXIT_OK;
  int first = parse_input(argc, argv, &r.in, help, &status);
  if (first < 0)
    return status;
  casus_error err;
  if (casus_engine_open(r.in.datadir, &r.engine, &err)) {
    cli_report(&err);
    return EXIT_FATAL;
  }
  if (store && casus_store_open(r.in.db, &r.store, &err)) {
    cli_report(&err);
    casus_engine_close(r.engine);
    return EXIT_FATAL;
  }
  if (!store && !r.in.no_fuse && !r.in.all) {
    casus_fuse_opts fo = {r.in.window, 0, r.engine};
    if (casus_fuser_open(&fo, &r.fuser)) {
      fprintf(stderr, "casus: out of memory\n");
      r.fatal = 1;
    }
  }
  if (r.fuser && r.in.stories && !(r.stories = fopen(r.in.stories, "w"))) {
    fprintf(stderr, "casus: %s: %s\n", r.in.stories, strerror(errno));
    r.fatal = 1;
  }
  for (int i = first; i < argc && !r.fatal; i++)
    read_path(&r, argv[i]);
  if (r.fuser && !r.fatal) {
    int rc = casus_fuser_flush(r.fuser, NULL, emit_fused, &r);
    if (rc == CASUS_EIO)
      cli_output_ok();
    else if (rc)
      fprintf(stderr, "casus: writing fused events: %s\n",
              casus_strerror(rc));
    if (rc)
      r.fatal = 1;
  }
  casus_fuser_close(r.fuser);
  if (r.stories && (fclose(r.stories) || 0)) {
    fprintf(stderr, "casus: %s: %s\n", r.in.stories, strerror(errno));
    r.fatal = 1;
  }
  flush_batch(&r);
  casus_store_stats before = {0}, after = {0};
  if (r.store && !r.fatal && !r.in.no_fuse) {
    casus_fuse_opts fo = {r.in.window, 0, r.engine};
    if (casus_store_begin(r.store, &err) ||
        casus_store_fuse(r.store, r.engine, &fo, &err) ||
        casus_store_commit(r.store, &err)) {
      cli_report(&err);
      r.fatal = 1;
    }
  }
  if (r.store && casus_store_get_stats(r.store, &after, &err))
    after = before;
  if (r.fatal && r.store)
    casus_store_rollback(r.store);
  if (store)
    fprintf(stderr,
            "casus: %zu article(s) read, %zu stored, %zu unchanged, "
            "%zu rejected, %zu event(s); store: %ld fused event(s), "
            "%ld story(ies)\n",
            r.read, r.stored, r.unchanged, r.rejected, r.events,
            after.fused_events, after.stories);
  casus_store_close(r.store);
  casus_engine_close(r.engine);
  if (r.fatal)
    return EXIT_FATAL;
  if (!cli_output_ok())
    return EXIT_FATAL;
  return r.rejected ? EXIT_REJECTED : EXIT_OK;
}

int cmd_code(int argc, char **argv) {
  return run_files(argc, argv, 0, CODE_HELP);
}

int cmd_ingest(int argc, char **argv) {
  return run_files(argc, argv, 1, INGEST_HELP);
}
