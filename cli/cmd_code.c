/* cmd_code.c -- `casus code` and `casus ingest`: read articles, code them,
 * and print events (code) or store them (ingest).  A rejected article is
 * reported and skipped; the batch goes on. */
#include "cli.h"
#include "jobs.h"

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
    "  --quotes FILE     also write one JSON object per quotation (with\n"
    "                    its speaker) to FILE\n"
    "  --window DAYS     fusion and story window (default 3)\n"
    "  --dict FILE       also read a TABARI or PETRARCH dictionary\n"
    "                    (.actors, .agents, .verbs, *.actors.txt ...);\n"
    "                    repeatable\n"
    "  --project FILE    code with a TABARI project's dictionaries: its\n"
    "                    verb patterns replace casus' own\n"
    "  -j, --jobs N      code on N threads (default 1); the output is the\n"
    "                    same, in the same order\n\n"
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
    "  --published, --source, --language, --format, --data, --explain,\n"
    "  -j, --jobs N      as for 'casus code' (one thread stores)\n\n"
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
      {"dict", required_argument, 0, 'D'},
      {"project", required_argument, 0, 'P'},
      {"jobs", required_argument, 0, 'j'},
      {"no-fuse", no_argument, 0, 'F'},
      {"stories", required_argument, 0, 'S'},
      {"window", required_argument, 0, 'w'},
      {"quotes", required_argument, 0, 'Q'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  memset(in, 0, sizeof *in);
  in->db = "casus.db";
  in->batch = 1000;
  in->jobs = 1;
  optind = 1;
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "hj:", opts, NULL)) != -1) {
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
    case 'j': {
      char *end = NULL;
      long v = strtol(optarg, &end, 10);
      if (v <= 0 || v > 256 || *end) {
        fprintf(stderr, "casus: --jobs wants a number from 1 to 256, not "
                "'%s'\n", optarg);
        *status = EXIT_FATAL;
        return -1;
      }
      in->jobs = (int)v;
      break;
    }
    case 'x': in->explain = 1; break;
    case 'a': in->all = 1; break;
    case 'P': in->project = 1; /* fall through */
    case 'D':
      if (in->ndicts < 64)
        in->dicts[in->ndicts++] = optarg;
      break;
    case 'F': in->no_fuse = 1; break;
    case 'S': in->stories = optarg; break;
    case 'Q': in->quotes = optarg; break;
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
    bool neg = ev->polarity && !strcmp(ev->polarity, "negated");
    fprintf(stderr, "casus: %s: not coded (%s%s) %s: %.*s\n", id,
            ev->modality, neg ? ", negated" : "", ev->cameo,
            m ? (int)(m->end - m->start) : 0, m ? text + m->start : "");
  }
}

/* One article on its way through the worker pool (jobs.c): read on the
 * main thread, parsed, coded and, for `code`, rendered as JSON lines on a
 * worker, finished (reported, printed or stored) on the main thread in
 * input order. */
typedef struct job {
  casus_record *rec; /* as read; parsed into A on the worker */
  int parse_rc;      /* of casus_record_article (then ERR says why) */
  casus_article *a;
  casus_doc *d;
  int rc;            /* of casus_doc_process */
  int out_rc;        /* of rendering the events */
  casus_error err;
  char *out;         /* the event lines (malloc'd), NULL when none */
  size_t len, cap;
} job;

/* Appends S[0..N) and a newline to J->out; CASUS_ENOMEM on failure. */
static int job_line(job *j, const char *s, size_t n) {
  if (j->len + n + 1 > j->cap) {
    size_t cap = j->cap ? j->cap : 4096;
    while (cap < j->len + n + 1)
      cap *= 2;
    char *p = realloc(j->out, cap);
    if (!p)
      return CASUS_ENOMEM;
    j->out = p;
    j->cap = cap;
  }
  memcpy(j->out + j->len, s, n);
  j->out[j->len + n] = '\n';
  j->len += n + 1;
  return CASUS_OK;
}

/* Renders event EV of D as one line of J->out. */
static int render_event(job *j, const casus_doc *d, const casus_event *ev) {
  char *json = NULL;
  int rc = casus_event_to_json(d, ev, &json);
  if (rc)
    return rc;
  rc = job_line(j, json, strlen(json));
  casus_free(json);
  return rc;
}

typedef struct run {
  cli_input in;
  casus_engine *engine;
  casus_store *store;
  cli_pool *pool;
  casus_fuser *fuser;   /* NULL with --no-fuse */
  casus_store_fuser *sfuser; /* ingest: fusing as articles are stored */
  FILE *stories;        /* --stories */
  FILE *quotes;         /* --quotes */
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

/* Reports a failed flush of the fuser (RC not CASUS_OK) and marks the
 * run fatal. */
static void flush_failed(run *r, int rc) {
  if (rc == CASUS_EIO)
    cli_output_ok(); /* says why */
  else
    fprintf(stderr, "casus: writing fused events: %s\n", casus_strerror(rc));
  r->fatal = 1;
}

/* Fuses doc D; when its date moves the stream forward, what closed more
 * than a window before is printed and freed; whatever the dates, what
 * no recent article joined is too (casus_fuser_flush_idle). */
static void fuse_doc(run *r, const casus_article *a, const casus_doc *d) {
  casus_error err;
  if (casus_fuser_add(r->fuser, a, d, &err)) {
    cli_report(&err);
    r->fatal = 1;
    return;
  }
  int rc = casus_fuser_flush_idle(r->fuser, emit_fused, r);
  if (rc) {
    flush_failed(r, rc);
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
  rc = casus_fuser_flush(r->fuser, before, emit_fused, r);
  if (rc)
    flush_failed(r, rc);
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

/* Pool WORK (any thread): codes the article of job ITEM and, without a
 * store, renders its events. */
static void job_work(void *ctx, void *item) {
  const run *r = ctx;
  job *j = item;
  j->parse_rc = casus_record_article(j->rec, &j->a, &j->err);
  casus_record_free(j->rec);
  j->rec = NULL;
  if (j->parse_rc)
    return;
  j->rc = casus_doc_process(r->engine, j->a, &j->d, &j->err);
  if (j->rc || r->store || r->fuser)
    return; /* stored or fused on the main thread */
  const casus_doc *d = j->d;
  int rc = CASUS_OK;
  for (size_t i = 0; i < casus_doc_event_count(d) && !rc; i++)
    rc = render_event(j, d, casus_doc_event(d, i));
  for (size_t i = 0; r->in.all && i < casus_doc_suppressed_count(d) && !rc;
       i++)
    rc = render_event(j, d, casus_doc_suppressed(d, i));
  j->out_rc = rc;
}

static void job_free(job *j) {
  casus_record_free(j->rec);
  casus_doc_free(j->d);
  casus_article_free(j->a);
  free(j->out);
  free(j);
}

/* Pool DONE (main thread, input order): reports, then prints or stores
 * the coded article of job ITEM, and frees the job. */
static void job_done(void *ctx, void *item) {
  run *r = ctx;
  job *j = item;
  casus_error err;
  const casus_article *a = j->a;
  casus_doc *d = j->d;
  if (r->fatal) {
    job_free(j);
    return;
  }
  if (j->parse_rc) {
    cli_report(&j->err);
    if (j->parse_rc == CASUS_ENOMEM)
      r->fatal = 1;
    else
      r->rejected++;
    job_free(j);
    return;
  }
  r->read++;
  if (j->rc) {
    cli_report(&j->err);
    r->rejected++;
    job_free(j);
    return;
  }
  report_notes(a, d, r->in.explain);
  if (r->in.explain)
    explain_doc(d);
  for (size_t i = 0; r->quotes && i < casus_doc_quote_count(d); i++) {
    char *json = NULL;
    if (casus_quote_to_json(d, casus_doc_quote(d, i), &json) ||
        fputs(json, r->quotes) == EOF || fputc('\n', r->quotes) == EOF) {
      fprintf(stderr, "casus: %s: cannot write\n", r->in.quotes);
      r->fatal = 1;
    }
    casus_free(json);
  }
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
        if (r->sfuser && casus_store_fuser_add(r->sfuser, a, d, &err)) {
          cli_report(&err);
          r->fatal = 1;
        }
      } else {
        r->unchanged++;
      }
      if (r->in_batch >= r->in.batch)
        flush_batch(r);
    }
  } else if (r->fuser) {
    fuse_doc(r, a, d);
  } else {
    int rc = j->out_rc;
    if (j->len && fwrite(j->out, 1, j->len, stdout) != j->len)
      rc = CASUS_EIO;
    if (rc == CASUS_EIO)
      cli_output_ok(); /* says why */
    if (rc)
      r->fatal = 1;
  }
  job_free(j);
}

/* Parses and codes record REC (taking it): through the pool, so that
 * with -j N it runs on a worker and is finished later, in order. */
static void handle_record(run *r, casus_record *rec) {
  job *j = calloc(1, sizeof *j);
  if (!j) {
    fprintf(stderr, "casus: out of memory\n");
    casus_record_free(rec);
    r->fatal = 1;
    return;
  }
  j->rec = rec;
  cli_pool_submit(r->pool, j);
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
    casus_record *a = NULL;
    int rc = casus_reader_next_record(rd, &a, &err);
    if (rc == CASUS_DONE)
      break;
    if (rc)
      cli_pool_drain(r->pool); /* earlier articles report first */
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
    handle_record(r, a);
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
  casus_engine_opts eo = {r.in.datadir, r.in.dicts, r.in.project};
  if (casus_engine_open2(&eo, &r.engine, &err)) {
    cli_report(&err);
    return EXIT_FATAL;
  }
  if (store && casus_store_open(r.in.db, &r.store, &err)) {
    cli_report(&err);
    casus_engine_close(r.engine);
    return EXIT_FATAL;
  }
  if (store && !r.in.no_fuse) {
    casus_fuse_opts fo = {r.in.window, 0, r.engine};
    if (casus_store_fuser_open(r.store, r.engine, &fo, &r.sfuser, &err)) {
      cli_report(&err);
      r.fatal = 1;
    }
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
  if (r.in.quotes && !(r.quotes = fopen(r.in.quotes, "w"))) {
    fprintf(stderr, "casus: %s: %s\n", r.in.quotes, strerror(errno));
    r.fatal = 1;
  }
  if (!r.fatal &&
      cli_pool_open(r.in.jobs, job_work, job_done, &r, &r.pool)) {
    fprintf(stderr, "casus: cannot start %d threads\n", r.in.jobs);
    r.fatal = 1;
  }
  for (int i = first; i < argc && !r.fatal; i++) {
    read_path(&r, argv[i]);
    cli_pool_drain(r.pool);
  }
  cli_pool_close(r.pool);
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
  if (r.quotes && fclose(r.quotes)) {
    fprintf(stderr, "casus: %s: %s\n", r.in.quotes, strerror(errno));
    r.fatal = 1;
  }
  if (r.stories && (fclose(r.stories) || 0)) {
    fprintf(stderr, "casus: %s: %s\n", r.in.stories, strerror(errno));
    r.fatal = 1;
  }
  flush_batch(&r);
  casus_store_stats before = {0}, after = {0};
  if (r.store && !r.fatal && !r.in.no_fuse) {
    casus_fuse_opts fo = {r.in.window, 0, r.engine};
    casus_store_fuser *sf = r.sfuser; /* what it holds, then the rest */
    r.sfuser = NULL;
    int rc = casus_store_begin(r.store, &err);
    int rc2 = casus_store_fuser_close(sf, rc ? NULL : &err);
    if (!rc)
      rc = rc2;
    if (!rc)
      rc = casus_store_fuse(r.store, r.engine, &fo, &err);
    if (!rc)
      rc = casus_store_commit(r.store, &err);
    if (rc) {
      cli_report(&err);
      r.fatal = 1;
    }
  }
  casus_store_fuser_close(r.sfuser, NULL); /* after a failure */
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
