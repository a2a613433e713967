/* cmd_code.c -- `casus code` and `casus ingest`: read articles, code them,
 * and print events (code) or store them (ingest).  A rejected article is
 * reported and skipped; the batch goes on. */
#include "cli.h"
#include "jobs.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
    "skipped; a changed article replaces its earlier version.\n\n"
    "  --db PATH         database file (default casus.db)\n"
    "  --batch N         articles per transaction (default 1000)\n"
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

/* One article on its way through the worker pool (jobs.c): read on the
 * main thread, coded and, for `code`, rendered as JSON lines on a worker,
 * finished (reported, printed or stored) on the main thread in input
 * order. */
typedef struct job {
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
  size_t read, rejected, events, stored, unchanged, in_batch;
  int fatal;
} run;

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
  j->rc = casus_doc_process(r->engine, j->a, &j->d, &j->err);
  if (j->rc || r->store)
    return;
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
  if (j->rc) {
    cli_report(&j->err);
    r->rejected++;
    job_free(j);
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

/* Codes article A (taking it): through the pool, so that with -j N it
 * runs on a worker and is finished later, in order. */
static void handle_article(run *r, casus_article *a) {
  job *j = calloc(1, sizeof *j);
  if (!j) {
    fprintf(stderr, "casus: out of memory\n");
    casus_article_free(a);
    r->fatal = 1;
    return;
  }
  j->a = a;
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
    casus_article *a = NULL;
    int rc = casus_reader_next(rd, &a, &err);
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
    r->read++;
    handle_article(r, a);
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
  if (cli_pool_open(r.in.jobs, job_work, job_done, &r, &r.pool)) {
    fprintf(stderr, "casus: cannot start %d threads\n", r.in.jobs);
    casus_store_close(r.store);
    casus_engine_close(r.engine);
    return EXIT_FATAL;
  }
  for (int i = first; i < argc && !r.fatal; i++) {
    read_path(&r, argv[i]);
    cli_pool_drain(r.pool);
  }
  cli_pool_close(r.pool);
  flush_batch(&r);
  if (r.fatal && r.store)
    casus_store_rollback(r.store);
  if (store)
    fprintf(stderr,
            "casus: %zu article(s) read, %zu stored, %zu unchanged, "
            "%zu rejected, %zu event(s)\n",
            r.read, r.stored, r.unchanged, r.rejected, r.events);
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
