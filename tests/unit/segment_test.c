/* segment_test.c -- sentences and tokens (lib/segment).
 *
 * Tables of {text, expected sentences} and {text, expected token norms and
 * offsets}, the two seed articles of shared/seeds, the invariants every
 * segmentation keeps (every non-space byte in exactly one token, norms are
 * folds, sentences trimmed and inside their paragraph), bad input and
 * out-of-memory paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <utf8proc.h>

#include "casus_int.h"
#include "test_util.h"

#define ABBREV_PATH CASUS_SRCDIR "/data/abbreviations.txt"
#define MAXS 8

static casus_abbrev *g_ab;

static int setup(void **state) {
  (void)state;
  casus_error err;
  return casus__abbrev_load(ABBREV_PATH, &g_ab, &err);
}

static int teardown(void **state) {
  (void)state;
  casus__abbrev_free(g_ab);
  return 0;
}

/* A segmented text and the arena holding it. */
typedef struct segd {
  const char *text;
  casus_arena a;
  casus_segmented seg;
} segd;

/* Segments TEXT[0..LEN) with the given kept spans (one span for the whole
 * text when NKEEP is 0); the test fails on error. */
static void run_seg(segd *d, const char *text, const casus_span *keep,
                    size_t nkeep) {
  casus_error err;
  casus_span all = {0, (uint32_t)strlen(text)};
  d->text = text;
  casus__arena_init(&d->a);
  int rc = casus__segment(g_ab, text, strlen(text), nkeep ? keep : &all,
                          nkeep ? nkeep : 1, &d->a, &d->seg, &err);
  assert_int_equal(rc, CASUS_OK);
}

static bool is_space_byte(unsigned char c) { return c <= ' ' || c == 0x7f; }

/* Returns true when TEXT[A..B), a gap between tokens, is whitespace:
 * separators, control and format characters. */
static bool is_gap(const char *text, uint32_t a, uint32_t b) {
  while (a < b) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + a,
                                          b - a, &c);
    if (k <= 0)
      return false;
    utf8proc_category_t cat = utf8proc_category(c);
    if (cat != UTF8PROC_CATEGORY_ZS && cat != UTF8PROC_CATEGORY_ZL &&
        cat != UTF8PROC_CATEGORY_ZP && cat != UTF8PROC_CATEGORY_CC &&
        cat != UTF8PROC_CATEGORY_CF)
      return false;
    a += (uint32_t)k;
  }
  return true;
}

/* Checks the invariants of D whose paragraphs are KEEP[0..NKEEP). */
static void check_invariants(const segd *d, const casus_span *keep,
                             size_t nkeep) {
  const casus_segmented *s = &d->seg;
  size_t next_tok = 0, p = 0;
  for (size_t i = 0; i < s->nsents; i++) {
    const casus_sentence *se = &s->sents[i];
    assert_int_equal(se->tok, next_tok);
    assert_true(se->ntok > 0);
    next_tok = se->tok + se->ntok;
    while (p < nkeep && keep[p].end <= se->start)
      p++;
    assert_true(p < nkeep);
    assert_true(se->start >= keep[p].start && se->end <= keep[p].end);
    assert_false(is_space_byte((unsigned char)d->text[se->start]));
    assert_false(is_space_byte((unsigned char)d->text[se->end - 1]));
    assert_int_equal(se->start, s->toks[se->tok].start);
    assert_int_equal(se->end, s->toks[next_tok - 1].end);
    uint32_t at = se->start;
    for (size_t k = se->tok; k < next_tok; k++) {
      const casus_token *t = &s->toks[k];
      char fold[8192];
      assert_true(t->start < t->end && t->start >= at);
      assert_true(is_gap(d->text, at, t->start));
      at = t->end;
      size_t n = casus__fold(d->text + t->start, t->end - t->start, fold,
                             sizeof fold);
      assert_int_equal(n, t->nlen);
      assert_string_equal(fold, t->norm);
      bool para = k == 0 || s->toks[k - 1].end <= keep[p].start;
      assert_int_equal(!!(t->flags & CASUS_TOK_PARA), para);
    }
  }
  assert_int_equal(next_tok, s->ntoks);
}

static void check_sentences(const segd *d, const char *const *want) {
  size_t n = 0;
  while (n < MAXS && want[n])
    n++;
  for (size_t i = 0; i < d->seg.nsents && i < n; i++) {
    const casus_sentence *se = &d->seg.sents[i];
    char got[1024];
    snprintf(got, sizeof got, "%.*s", (int)(se->end - se->start),
             d->text + se->start);
    assert_string_equal(got, want[i]);
  }
  assert_int_equal(d->seg.nsents, n);
}

/* ------------------------------------------------------------ sentences */

static const struct {
  const char *text;
  const char *want[MAXS];
} SENT_CASES[] = {
  {"In the U.S. The president said so.",
   {"In the U.S.", "The president said so."}},
  {"The U.S. State Department said so. It was late.",
   {"The U.S. State Department said so.", "It was late."}},
  {"He went to the U.S. embassy in Islamabad.",
   {"He went to the U.S. embassy in Islamabad."}},
  {"Mr. Smith met Gen. Khan on Jan. 18 in Quetta.",
   {"Mr. Smith met Gen. Khan on Jan. 18 in Quetta."}},
  {"Dr. Ahmed arrived. Mrs. Ahmed stayed.",
   {"Dr. Ahmed arrived.", "Mrs. Ahmed stayed."}},
  {"He said: \"We will go.\" Then he left.",
   {"He said: \"We will go.\"", "Then he left."}},
  {"He said: \xE2\x80\x9CWe will go.\xE2\x80\x9D Then he left.",
   {"He said: \xE2\x80\x9CWe will go.\xE2\x80\x9D", "Then he left."}},
  {"\"Why?\" he asked. Nobody knew.", {"\"Why?\" he asked.", "Nobody knew."}},
  {"The attack came at 5 p.m. The army said nine died.",
   {"The attack came at 5 p.m.", "The army said nine died."}},
  {"It was signed at 9 a.m. on Tuesday.",
   {"It was signed at 9 a.m. on Tuesday."}},
  {"George W. Bush visited Kabul. He left.",
   {"George W. Bush visited Kabul.", "He left."}},
  {"They bought arms, ammunition, etc. The deal was secret.",
   {"They bought arms, ammunition, etc.", "The deal was secret."}},
  {"Resolution No. 5 passed. The answer was no. Then they voted.",
   {"Resolution No. 5 passed.", "The answer was no.", "Then they voted."}},
  {"  Leading and trailing spaces.   Two sentences here!  ",
   {"Leading and trailing spaces.", "Two sentences here!"}},
  {"Iran vs. Pakistan: who wins? Nobody.",
   {"Iran vs. Pakistan: who wins?", "Nobody."}},
  /* one sentence without a terminal inside (ICU is not run) and near
   * misses (it is) */
  {"Iran attacked Iraq", {"Iran attacked Iraq"}},
  {"He said \"no.\"", {"He said \"no.\""}},
  {"It is over!\")]  ", {"It is over!\")]"}},
  {"Why?!", {"Why?!"}},
  {"Why?! Nobody knew.", {"Why?!", "Nobody knew."}},
  {"He said \"no.\" \"Yes\"", {"He said \"no.\"", "\"Yes\""}},
  {"Growth was 3.5 percent", {"Growth was 3.5 percent"}},
  {"", {NULL}},
  {"   \t  ", {NULL}},
};

static void test_sentences(void **state) {
  (void)state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(SENT_CASES); i++) {
    segd d;
    casus_span all = {0, (uint32_t)strlen(SENT_CASES[i].text)};
    run_seg(&d, SENT_CASES[i].text, NULL, 0);
    check_sentences(&d, SENT_CASES[i].want);
    check_invariants(&d, &all, 1);
    casus__arena_free(&d.a);
  }
}

/* Two kept paragraphs with a dropped one between them: no sentence crosses
 * them, and each starts with a CASUS_TOK_PARA token. */
static void test_paragraphs(void **state) {
  (void)state;
  static const char text[] =
      "Pakistan struck Iran. It said\nDROPPED chrome line.\n"
      "nine people died. Iran protested.";
  casus_span keep[2] = {{0, 29}, {51, (uint32_t)strlen(text)}};
  static const char *const want[MAXS] = {
      "Pakistan struck Iran.", "It said", "nine people died.",
      "Iran protested."};
  segd d;
  run_seg(&d, text, keep, 2);
  check_sentences(&d, want);
  check_invariants(&d, keep, 2);
  assert_true(d.seg.toks[d.seg.sents[2].tok].flags & CASUS_TOK_PARA);
  casus__arena_free(&d.a);
}

/* ---------------------------------------------------------------- tokens */

static const struct {
  const char *text;
  const char *norms;  /* norms joined by single spaces */
} TOK_CASES[] = {
  {"Pakistan's borders", "pakistan 's borders"},
  {"Pakistan\xE2\x80\x99s borders", "pakistan 's borders"},
  {"the countries' leaders", "the countries ' leaders"},
  {"don't they're we've I'll he'd I'm can't",
   "do n't they 're we 've i 'll he 'd i 'm ca n't"},
  {"charge d'affaires O'Brien", "charge d'affaires o'brien"},
  {"Sistan-o-Baluchistan", "sistan - o - baluchistan"},
  {"Sistan-Baluchestan al-Adl", "sistan - baluchestan al - adl"},
  {"tit-for-tat", "tit - for - tat"},
  {"Hossein Amir-Abdollahian", "hossein amir - abdollahian"},
  {"U.S. U.K. a.m. Ph.D. e.g.", "u.s. u.k. a.m. ph.d. e.g."},
  {"Mr. Jan. Gen. St.", "mr. jan. gen. st."},
  {"the end.", "the end ."},
  {"9 1,000 2.5 90% 3rd 21st", "9 1,000 2.5 90 % 3rd 21st"},
  {"2024-01-18", "2024 - 01 - 18"},
  {"war \xE2\x80\x94 peace \xE2\x80\x93 talks", "war - peace - talks"},
  {"\xE2\x80\x9CHello,\xE2\x80\x9D he said", "\" hello , \" he said"},
  {"\xD9\x85\xD8\xB5\xD8\xB1 Iran", "\xD9\x85\xD8\xB5\xD8\xB1 iran"},
  {"(UN) $5", "( un ) $ 5"},
  {"U.S.-led talks", "u.s. - led talks"},
  {"the 1990's", "the 1990 's"},
  {"the U.S.'s role", "the u.s. 's role"},
  {"zero\xE2\x80\x8Bwidth", "zero width"},
  {"rock'n'roll I'M", "rock'n'roll i 'm"},
};

static void test_token_norms(void **state) {
  (void)state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(TOK_CASES); i++) {
    segd d;
    char got[1024] = "";
    size_t o = 0;
    casus_span all = {0, (uint32_t)strlen(TOK_CASES[i].text)};
    run_seg(&d, TOK_CASES[i].text, NULL, 0);
    for (size_t k = 0; k < d.seg.ntoks; k++) {
      int w = snprintf(got + o, sizeof got - o, "%s%s", k ? " " : "",
                       d.seg.toks[k].norm);
      assert_true(w > 0 && (size_t)w < sizeof got - o);
      o += (size_t)w;
    }
    assert_string_equal(got, TOK_CASES[i].norms);
    check_invariants(&d, &all, 1);
    casus__arena_free(&d.a);
  }
}

static const struct {
  const char *text;
  size_t k;        /* token index */
  uint32_t start, end;
  uint16_t flags;  /* CASUS_TOK_* */
} TOK_FLAG_CASES[] = {
  {"Pakistan's", 0, 0, 8, CASUS_TOK_WORD | CASUS_TOK_CAP | CASUS_TOK_PARA},
  {"Pakistan's", 1, 8, 10, CASUS_TOK_WORD},
  {"Pakistan\xE2\x80\x99s", 1, 8, 12, CASUS_TOK_WORD},
  {"NATO said", 0, 0, 4,
   CASUS_TOK_WORD | CASUS_TOK_CAP | CASUS_TOK_UPPER | CASUS_TOK_PARA},
  {"a U.S. base", 1, 2, 6, CASUS_TOK_WORD | CASUS_TOK_CAP | CASUS_TOK_UPPER},
  {"I said", 0, 0, 1, CASUS_TOK_WORD | CASUS_TOK_CAP | CASUS_TOK_PARA},
  {"at 1,000 sites", 1, 3, 8, CASUS_TOK_NUM},
  {"the 3rd day", 1, 4, 7, CASUS_TOK_WORD | CASUS_TOK_NUM},
  {"90%", 1, 2, 3, CASUS_TOK_PUNCT},
  {"say \"no\"", 1, 4, 5, CASUS_TOK_PUNCT | CASUS_TOK_QUOTE},
  {"say \xE2\x80\x9Cno\xE2\x80\x9D", 3, 9, 12,
   CASUS_TOK_PUNCT | CASUS_TOK_QUOTE},
  {"Mr. Khan", 0, 0, 3, CASUS_TOK_WORD | CASUS_TOK_CAP | CASUS_TOK_PARA},
  {"\xC3\x89lite", 0, 0, 6, CASUS_TOK_WORD | CASUS_TOK_CAP | CASUS_TOK_PARA},
};

static void test_token_flags(void **state) {
  (void)state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(TOK_FLAG_CASES); i++) {
    segd d;
    run_seg(&d, TOK_FLAG_CASES[i].text, NULL, 0);
    assert_true(TOK_FLAG_CASES[i].k < d.seg.ntoks);
    const casus_token *t = &d.seg.toks[TOK_FLAG_CASES[i].k];
    assert_int_equal(t->start, TOK_FLAG_CASES[i].start);
    assert_int_equal(t->end, TOK_FLAG_CASES[i].end);
    assert_int_equal(t->flags, TOK_FLAG_CASES[i].flags);
    casus__arena_free(&d.a);
  }
}

/* Odd inputs: only the invariants are checked (and ASan/UBSan watch). */
static const char *const ODD_CASES[] = {
  "...", "'", "''", "n't", "'s", "countries'", "rock'n'roll", "5'10\"",
  "U.S.'s", "a.b", "e.g", "A.", "X", "-", "\xE2\x80\x99\xE2\x80\x99",
  "Caf\x65\xCC\x81 au lait", "\xCC\x81 stray mark",
  "ZW\xE2\x80\x8B" "J a\xE2\x80\x8D" "b \xC2\xAD\xC2\xAD",
  "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB emoji",
  "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3.",
  "\xEF\xB7\xBA ligature", "\xE2\x80\xA6 ellipsis\xE2\x80\xA6",
  "No.", "Mr.", "Jan. U.S. etc. No. The",
  "1,000,000.50 1, 2. 3.5.6 2.5bn 1990's '90s",
  "\x01\x02control\x7f chars\t\ttabs",
};

static void test_odd_inputs(void **state) {
  (void)state;
  char long_word[1200];
  for (size_t i = 0; i < CASUS_ARRAY_LEN(ODD_CASES) + 2; i++) {
    segd d;
    const char *text;
    if (i == CASUS_ARRAY_LEN(ODD_CASES)) {  /* one 1000-letter word */
      memset(long_word, 'a', 1000);
      long_word[1000] = '\0';
      text = long_word;
    } else if (i > CASUS_ARRAY_LEN(ODD_CASES)) {  /* 300 two-byte letters */
      for (size_t k = 0; k < 600; k += 2)
        memcpy(long_word + k, "\xC3\xA9", 2);
      long_word[600] = '.';
      long_word[601] = '\0';
      text = long_word;
    } else {
      text = ODD_CASES[i];
    }
    casus_span all = {0, (uint32_t)strlen(text)};
    run_seg(&d, text, NULL, 0);
    check_invariants(&d, &all, 1);
    for (size_t k = 0; k < d.seg.ntoks; k++)
      assert_true(d.seg.toks[k].end - d.seg.toks[k].start <= 257);
    casus__arena_free(&d.a);
  }
}

/* ----------------------------------------------------------------- seeds */

typedef struct seed {
  char *text;
  casus_span keep[64];
  size_t nkeep;
} seed;

/* Loads article IDX of the seeds, one kept span per line. */
static void load_seed(size_t idx, seed *s) {
  json_t *seeds = tu_seeds();
  json_t *j = json_array_get(seeds, idx);
  assert_non_null(j);
  const char *t = json_string_value(json_object_get(j, "text"));
  assert_non_null(t);
  s->text = strdup(t);
  json_decref(seeds);
  assert_non_null(s->text);
  s->nkeep = 0;
  uint32_t start = 0, n = (uint32_t)strlen(s->text);
  for (uint32_t i = 0; i <= n; i++) {
    if (i < n && s->text[i] != '\n')
      continue;
    assert_true(s->nkeep < CASUS_ARRAY_LEN(s->keep));
    s->keep[s->nkeep++] = (casus_span){start, i};
    start = i + 1;
  }
}

static bool span_is(const segd *d, const casus_sentence *se, const char *s) {
  size_t n = strlen(s);
  return se->end - se->start == n && !memcmp(d->text + se->start, s, n);
}

/* Returns true when the norms WANT (NULL-terminated) follow each other
 * somewhere in D's tokens. */
static bool has_norms(const segd *d, const char *const *want) {
  for (size_t k = 0; k < d->seg.ntoks; k++) {
    size_t j = 0;
    while (want[j] && k + j < d->seg.ntoks &&
           !strcmp(d->seg.toks[k + j].norm, want[j]))
      j++;
    if (!want[j])
      return true;
  }
  return false;
}

/* Article 1: every line is one sentence, except the French footer (its
 * three sentences). */
static void test_seed_article1(void **state) {
  (void)state;
  seed s;
  segd d;
  load_seed(0, &s);
  run_seg(&d, s.text, s.keep, s.nkeep);
  check_invariants(&d, s.keep, s.nkeep);
  assert_int_equal(d.seg.nsents, s.nkeep + 2);
  for (size_t i = 0; i + 1 < s.nkeep; i++) {
    char line[2048];
    snprintf(line, sizeof line, "%.*s",
             (int)(s.keep[i].end - s.keep[i].start), s.text + s.keep[i].start);
    assert_true(span_is(&d, &d.seg.sents[i], line));
  }
  /* The paragraph ending in an open quotation and the next one starting
   * with a quote are two sentences (no sentence crosses paragraphs). */
  const casus_sentence *q = &d.seg.sents[4];
  assert_true(d.text[q->end - 1] == '.' &&
              !memcmp(d.text + q->end - 5, "Iran.", 5));
  assert_int_equal(d.text[d.seg.sents[5].start], '"');
  static const char *const seqs[][6] = {
      {"pakistan", "'s", "borders", NULL},
      {"charge", "d'affaires", "to", NULL},
      {"sistan", "-", "baluchestan", NULL},
      {"jaish", "al", "-", "adl", NULL},
      {"around", "90", "people", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(seqs); i++)
    assert_true(has_norms(&d, seqs[i]));
  casus__arena_free(&d.a);
  free(s.text);
}

static void test_seed_article2(void **state) {
  (void)state;
  seed s;
  segd d;
  load_seed(1, &s);
  run_seg(&d, s.text, s.keep, s.nkeep);
  check_invariants(&d, s.keep, s.nkeep);
  static const char s1[] =
      "\xE2\x80\x9CThis morning Pakistan undertook a series of highly "
      "coordinated and specifically targeted precision military strikes "
      "against terrorist hideouts in Sistan-o-Baluchistan province of Iran.";
  static const char s2[] =
      "A number of terrorists were killed during the Intelligence-based "
      "operation,\xE2\x80\x9D the statement reads.";
  size_t i = 0;
  while (i < d.seg.nsents && !span_is(&d, &d.seg.sents[i], s1))
    i++;
  assert_true(i + 1 < d.seg.nsents);
  assert_true(span_is(&d, &d.seg.sents[i + 1], s2));
  assert_true(d.seg.sents[i].start == s.keep[3].start);
  assert_true(d.seg.sents[i + 1].end == s.keep[3].end);
  static const char *const seqs[][6] = {
      {"pakistan", "'s", "high", NULL},  /* Pakistan’s with U+2019 */
      {"pakistan", "'s", "charge", "d'affaires", NULL},
      {"sistan", "-", "o", "-", "baluchistan", NULL},
      {"hossein", "amir", "-", "abdollahian", ",", NULL},
      {"7", "foreign", "nationals", NULL},
      {"\"", "exercise", "restraint", ".", "\"", NULL},
  };
  for (size_t k = 0; k < CASUS_ARRAY_LEN(seqs); k++)
    assert_true(has_norms(&d, seqs[k]));
  casus__arena_free(&d.a);
  free(s.text);
}

/* ------------------------------------------------------- errors, memory */

static void test_bad_input(void **state) {
  (void)state;
  casus_arena a;
  casus_segmented seg;
  casus_error err;
  casus_span bad = {3, 50};
  casus__arena_init(&a);
  assert_int_equal(casus__segment(g_ab, "short", 5, &bad, 1, &a, &seg, &err),
                   CASUS_EINVAL);
  assert_int_equal(seg.nsents, 0);
  assert_int_equal(casus__segment(g_ab, "short", 5, NULL, 0, &a, &seg, &err),
                   CASUS_OK);
  assert_int_equal(seg.ntoks, 0);
  casus__arena_free(&a);
}

/* Without an abbreviation list, ICU alone splits sentences. */
static void test_no_abbrev(void **state) {
  (void)state;
  static const char text[] = "Pakistan struck Iran. Iran protested.";
  casus_span all = {0, sizeof text - 1};
  casus_arena a;
  casus_segmented seg;
  casus__arena_init(&a);
  assert_int_equal(
      casus__segment(NULL, text, sizeof text - 1, &all, 1, &a, &seg, NULL),
      CASUS_OK);
  assert_int_equal(seg.nsents, 2);
  assert_int_equal(seg.sents[1].start, 22);
  assert_int_equal(seg.ntoks, 7);
  casus__arena_free(&a);
}

static const struct {
  const char *content;
  int code;
  long line;
} LOAD_CASES[] = {
  {"# ok\nMr.\ttitle\nThe\tstarter\n", CASUS_OK, 0},
  {"Mr.\ttitle\nDr.\tdoctor\n", CASUS_EPARSE, 2},
  {"Mr\ttitle\n", CASUS_EPARSE, 1},
  {"The.\tstarter\n", CASUS_EPARSE, 1},
  {"Mr.\n", CASUS_EPARSE, 1},
};

static void test_abbrev_load(void **state) {
  (void)state;
  char path[512];
  tu_mkstemp(path, sizeof path, "casus_abbrev");
  for (size_t i = 0; i < CASUS_ARRAY_LEN(LOAD_CASES); i++) {
    tu_write_str(path, LOAD_CASES[i].content);
    casus_abbrev *ab = NULL;
    casus_error err;
    int rc = casus__abbrev_load(path, &ab, &err);
    assert_int_equal(rc, LOAD_CASES[i].code);
    if (rc)
      assert_int_equal(err.line, LOAD_CASES[i].line);
    assert_true(rc ? ab == NULL : ab != NULL);
    casus__abbrev_free(ab);
  }
  unlink(path);
  casus_abbrev *ab = NULL;
  assert_int_equal(casus__abbrev_load("/nonexistent/abbrev.txt", &ab, NULL),
                   CASUS_EIO);
  assert_null(ab);
}

/* Lets the first N allocations succeed and fails every later one
 * (tu_alloc_install), for N = 0, 1, ...: every failure is a clean ENOMEM
 * with no leak (ASan checks), until the call succeeds. */
static void test_oom(void **state) {
  (void)state;
  static const char text[] =
      "Pakistan's strikes on Iran killed nine. Mr. Khan said \"no.\" "
      "The U.S. urged restraint.";
  casus_span all = {0, sizeof text - 1};
  int rc = CASUS_ENOMEM;
  long n;
  for (n = 0; n < 200 && rc == CASUS_ENOMEM; n++) {
    casus_arena a;
    casus_segmented seg;
    casus__arena_init(&a);
    tu_alloc_install(n);
    rc = casus__segment(g_ab, text, sizeof text - 1, &all, 1, &a, &seg, NULL);
    tu_alloc_restore();
    if (rc == CASUS_ENOMEM)
      assert_null(seg.toks);
    casus__arena_free(&a);
  }
  assert_int_equal(rc, CASUS_OK);
  assert_true(n > 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sentences),
      cmocka_unit_test(test_paragraphs),
      cmocka_unit_test(test_token_norms),
      cmocka_unit_test(test_token_flags),
      cmocka_unit_test(test_odd_inputs),
      cmocka_unit_test(test_seed_article1),
      cmocka_unit_test(test_seed_article2),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_no_abbrev),
      cmocka_unit_test(test_abbrev_load),
      cmocka_unit_test(test_oom),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
