/* fuzz_dict.c -- fuzz target: bytes as a set of TABARI/PETRARCH
 * dictionary files read by the importers (lib/code/dict_*.c), then a text
 * coded with what they imported.
 *
 * The input is cut at lines "%%" into up to seven parts: f.actors,
 * f.agents, f.verbs, f.options, f.discards, f.project and the text to
 * code.  The first six are written to a scratch directory; when f.project
 * is not empty it alone is loaded, as `casus code --project` does (it
 * names the other files: "<actorsfile> f.actors"), else the non-empty
 * others, as `--dict` does.
 *
 * Opening an engine takes far longer than an import, so each input gets a
 * "shell" engine: its own arena, CAMEO table and maps for everything an
 * import changes (lexicon, lemmas, patterns, their indexes, interned
 * strings) and, borrowed from an engine opened once, the read-only parts
 * (word classes, countries, language identifier, boilerplate and
 * abbreviation rules).  The shell then codes the text as a project's
 * dictionaries would.  A failed import must name its file; anything
 * else that goes wrong aborts so the fuzzer reports it.  FUZZ_VERBOSE
 * set in the environment prints import errors and events coded. */
#include "code/dict_int.h"
#include "fuzz_tmp.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPARTS 7
static const char *const NAMES[NPARTS - 1] = {
    "f.actors", "f.agents", "f.verbs", "f.options", "f.discards",
    "f.project"};

static casus_engine *base;
static char paths[NPARTS - 1][1100];

static void init(void) {
  casus_error err;
  if (casus_engine_open(NULL, &base, &err)) {
    fprintf(stderr, "fuzz_dict: %s: %s\n", err.file, err.msg);
    abort();
  }
  const char *tmp = fz_tmpdir("casus-fuzz-dict");
  for (int i = 0; i < NPARTS - 1; i++)
    fz_join(paths[i], sizeof paths[i], tmp, NAMES[i]);
}

static void copy_cb(const char *key, size_t klen, void *value, void *ctx) {
  void **slot = casus__map_slot(ctx, key, klen);
  if (!slot)
    abort();
  *slot = value;
}

/* The shell engine (see the file comment). */
static casus_engine *shell(void) {
  casus_engine *e = casus__calloc(1, sizeof *e);
  if (!e)
    abort();
  casus__arena_init(&e->arena);
  casus_map **fresh[] = {&e->lex,     &e->places,  &e->skeletons,
                         &e->strings, &e->prefixes, &e->pprefixes,
                         &e->anchors, &e->verbs,   &e->tokens};
  for (size_t i = 0; i < sizeof fresh / sizeof fresh[0]; i++)
    if (!(*fresh[i] = casus__map_new()))
      abort();
  /* An import may add codes to the CAMEO table: a copy. */
  e->cameo = casus__malloc((base->ncameo + 1) * sizeof *e->cameo);
  if (!e->cameo)
    abort();
  memcpy(e->cameo, base->cameo, base->ncameo * sizeof *e->cameo);
  e->ncameo = base->ncameo;
  /* Verb patterns add their inflections to the lemmas: a copy. */
  if (!(e->lemmas = casus__map_new()))
    abort();
  casus__map_each(base->lemmas, copy_cb, e->lemmas);
  e->words = base->words;
  e->wprefixes = base->wprefixes;
  e->countries = base->countries;
  e->iso2 = base->iso2;
  e->langid = base->langid;
  e->chrome = base->chrome;
  e->abbrev = base->abbrev;
  e->acled_patterns = base->acled_patterns;
  return e;
}

/* Closes a shell, leaving what it borrowed to the base engine. */
static void shell_close(casus_engine *e) {
  e->words = e->wprefixes = e->countries = e->iso2 = NULL;
  e->acled_patterns = NULL;
  e->langid = NULL;
  e->chrome = NULL;
  e->abbrev = NULL;
  casus_engine_close(e);
}

/* Cuts DATA[0..SIZE) at lines "%%" into PART[i], LEN[i]. */
static void split(const char *p, size_t size, const char **part,
                  size_t *len) {
  const char *end = p + size;
  for (int i = 0; i < NPARTS; i++) {
    part[i] = p;
    len[i] = 0;
    if (p >= end)
      continue;
    const char *cut = NULL;
    for (const char *s = p; s + 1 < end; s++)
      if (s[0] == '%' && s[1] == '%' && (s == p || s[-1] == '\n') &&
          (s + 2 == end || s[2] == '\n')) {
        cut = s;
        break;
      }
    if (i == NPARTS - 1 || !cut) {
      len[i] = (size_t)(end - p);
      p = end;
    } else {
      len[i] = (size_t)(cut - p);
      p = cut + 2 + (cut + 2 < end);
    }
  }
}

/* Codes TEXT[0..N) with E; aborts on an event out of the text. */
static void code_text(const casus_engine *e, const char *t, size_t n) {
  char *text = malloc(n + 1);
  if (!text)
    abort();
  memcpy(text, t, n);
  text[n] = '\0';
  casus_article a = {"fuzz", NULL, "Fuzz", "1995-06-01", "en", NULL,
                     text,   n,    "fuzz"};
  casus_doc *d = NULL;
  casus_error err;
  if (casus_doc_process(e, &a, &d, &err) == CASUS_OK) {
    size_t len = 0;
    casus_doc_text(d, &len);
    for (size_t i = 0; i < casus_doc_event_count(d); i++) {
      const casus_event *ev = casus_doc_event(d, i);
      if (getenv("FUZZ_VERBOSE"))
        fprintf(stderr, "event %s %s %s\n", ev->actor1.code, ev->cameo,
                ev->actor2.code);
      for (size_t m = 0; m < ev->n_mentions; m++)
        if (ev->mentions[m].end > len ||
            ev->mentions[m].start > ev->mentions[m].end)
          abort();
      char *json = NULL;
      if (casus_event_to_json(d, ev, &json) == CASUS_OK)
        casus_free(json);
    }
    casus_doc_free(d);
  }
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!base)
    init();
  const char *part[NPARTS];
  size_t len[NPARTS];
  split((const char *)data, size, part, len);
  const char *dicts[NPARTS] = {NULL};
  int n = 0;
  for (int i = 0; i < NPARTS - 1; i++) {
    if (len[i])
      fz_write(paths[i], part[i], len[i]);
    else
      unlink(paths[i]);
  }
  int replace = len[5] > 0;
  if (replace)
    dicts[n++] = paths[5];
  else
    for (int i = 0; i < NPARTS - 2; i++)
      if (len[i])
        dicts[n++] = paths[i];
  casus_engine *e = shell();
  casus_error err;
  memset(&err, 0, sizeof err);
  int rc = casus__dict_load_all(e, dicts, replace, &err);
  if (rc < 0 && getenv("FUZZ_VERBOSE"))
    fprintf(stderr, "import: %s:%ld: %s\n", err.file, err.line, err.msg);
  if (rc < 0 && (!err.file[0] || !err.msg[0] || err.code != rc))
    abort();  /* an error that does not say where */
  if (rc == CASUS_OK && casus__tokens_build(e) == CASUS_OK && len[6])
    code_text(e, part[6], len[6]);
  shell_close(e);
  return 0;
}
