/* clean_test.c -- unit tests of the cleaning stage (lib/clean/): UTF-8
 * repair, binary rejection, newlines, NFC, paragraph trimming, site chrome,
 * language filtering, the seed articles, and failing allocations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <utf8proc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casus_int.h"
#include "test_util.h"

#define BOILERPLATE CASUS_SRCDIR "/data/boilerplate.txt"

static casus_langid *g_lid;
static casus_chrome *g_chrome;

static int setup(void **state) {
  (void)state;
  casus_error err;
  if (casus__langid_open(&g_lid, &err)) {
    fprintf(stderr, "langid: %s\n", err.msg);
    return -1;
  }
  if (casus__chrome_load(BOILERPLATE, &g_chrome, &err)) {
    fprintf(stderr, "chrome: %s:%ld: %s\n", err.file, err.line, err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  casus__langid_close(g_lid);
  casus__chrome_free(g_chrome);
  return 0;
}

/* Cleans IN[0..LEN) with the shared langid and chrome. */
static int clean(const char *in, size_t len, const char *lang, casus_arena *a,
                 casus_clean *out, casus_error *err) {
  return casus__clean(g_lid, g_chrome, lang, in, len, a, out, err);
}

/* Counts the notes of KIND in C. */
static size_t count_notes(const casus_clean *c, const char *kind) {
  size_t n = 0;
  for (size_t i = 0; i < c->nnotes; i++)
    if (strcmp(c->notes[i].kind, kind) == 0)
      n++;
  return n;
}

/* Returns the first note of KIND in C, or NULL. */
static const casus_note *find_note(const casus_clean *c, const char *kind) {
  for (size_t i = 0; i < c->nnotes; i++)
    if (strcmp(c->notes[i].kind, kind) == 0)
      return &c->notes[i];
  return NULL;
}

/* ----------------------------------------------------------- UTF-8 */

static void test_repair(void **state) {
  (void)state;
  static const struct {
    const char *in;
    size_t len;
    const char *out;
    size_t nutf8;        /* utf8 notes */
    uint32_t start, end; /* span of the first one */
    const char *detail;
  } cases[] = {
    {"ab\xFF" "cd", 5, "ab\xEF\xBF\xBD" "cd", 1, 2, 3,
     "replaced 1 invalid byte(s)"},
    {"x\xE2\x82y", 4, "x\xEF\xBF\xBDy", 1, 1, 3,
     "replaced 2 invalid byte(s)"},
    {"\xC0\xAFz", 3, "\xEF\xBF\xBDz", 1, 0, 2, "replaced 2 invalid byte(s)"},
    {"a\xED\xA0\x80" "b", 5, "a\xEF\xBF\xBD" "b", 1, 1, 4,
     "replaced 3 invalid byte(s)"},
    {"caf\xE9 au lait", 12, "caf\xEF\xBF\xBD au lait", 1, 3, 4,
     "replaced 1 invalid byte(s)"},
    {"a\xFF" "b\xFE\xFE" "c", 6, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c", 2, 1, 2,
     "replaced 1 invalid byte(s)"},
    {"\xEF\xBB\xBFhello", 8, "hello", 0, 0, 0, NULL},
    {"h\xC3\xA9llo \xE2\x80\x9Cok\xE2\x80\x9D", 15,
     "h\xC3\xA9llo \xE2\x80\x9Cok\xE2\x80\x9D", 0, 0, 0, NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_arena a;
    casus_clean c;
    casus_error err;
    casus__arena_init(&a);
    int rc = clean(cases[i].in, cases[i].len, "en", &a, &c, &err);
    assert_int_equal(rc, CASUS_OK);
    assert_int_equal(c.len, strlen(cases[i].out));
    assert_memory_equal(c.text, cases[i].out, c.len);
    assert_int_equal(c.text[c.len], '\0');
    assert_true(casus__utf8_valid(c.text, c.len));
    assert_int_equal(count_notes(&c, "utf8"), cases[i].nutf8);
    if (cases[i].nutf8) {
      const casus_note *n = find_note(&c, "utf8");
      assert_int_equal(n->start, cases[i].start);
      assert_int_equal(n->end, cases[i].end);
      assert_string_equal(n->detail, cases[i].detail);
    }
    casus__arena_free(&a);
  }
}

static void test_repair_second_run_offsets(void **state) {
  (void)state;
  casus_arena a;
  casus_clean c;
  casus__arena_init(&a);
  assert_int_equal(clean("a\xFF" "b\xFE\xFE" "c", 6, "en", &a, &c, NULL),
                   CASUS_OK);
  assert_int_equal(c.nnotes, 2);
  assert_int_equal(c.notes[1].start, 3);
  assert_int_equal(c.notes[1].end, 5);
  assert_string_equal(c.notes[1].detail, "replaced 2 invalid byte(s)");
  casus__arena_free(&a);
}

static void test_repair_note_cap(void **state) {
  (void)state;
  /* 150 invalid bytes, each followed by 19 letters: 5%, not binary. */
  char in[150 * 20];
  for (size_t i = 0; i < 150; i++) {
    in[i * 20] = '\xFF';
    memset(in + i * 20 + 1, 'w', 19);
  }
  casus_arena a;
  casus_clean c;
  casus__arena_init(&a);
  assert_int_equal(clean(in, sizeof in, "en", &a, &c, NULL), CASUS_OK);
  assert_int_equal(count_notes(&c, "utf8"), 101);
  const casus_note *last = &c.notes[100];
  assert_string_equal(last->kind, "utf8");
  assert_int_equal(last->start, 100 * 20);
  assert_int_equal(last->end, 149 * 20 + 1);
  assert_non_null(strstr(last->detail, "150 invalid byte(s) in 150 seq"));
  assert_int_equal(c.len, 150 * 22);
  casus__arena_free(&a);
}

static void test_controls(void **state) {
  (void)state;
  casus_arena a;
  casus_clean c;
  casus__arena_init(&a);
  assert_int_equal(clean("tab\there\x01x\x1B" "y", 12, "en", &a, &c, NULL),
                   CASUS_OK);
  assert_string_equal(c.text, "tab\there x y");
  const casus_note *n = find_note(&c, "utf8");
  assert_non_null(n);
  assert_int_equal(n->start, 8);
  assert_string_equal(n->detail, "replaced 2 control character(s) by spaces");
  casus__arena_free(&a);
}

static void test_binary(void **state) {
  (void)state;
  char garbage[46];
  memcpy(garbage, "hello ", 6);
  for (size_t i = 6; i < sizeof garbage; i++)
    garbage[i] = (char)(0x80 + i);
  char controls[22];
  memcpy(controls, "ok", 2);
  memset(controls + 2, 0x01, 20);
  static const char nul[] = "abc\0def";
  const struct {
    const char *in;
    size_t len;
    long long offset;
  } cases[] = {
    {nul, 7, 3},
    {garbage, sizeof garbage, 6},
    {controls, sizeof controls, 2},
    {"\0", 1, 0},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_arena a;
    casus_clean c;
    casus_error err;
    casus__arena_init(&a);
    int rc = clean(cases[i].in, cases[i].len, "en", &a, &c, &err);
    assert_int_equal(rc, CASUS_EBINARY);
    assert_int_equal(err.code, CASUS_EBINARY);
    assert_int_equal(err.offset, cases[i].offset);
    assert_null(c.text);
    casus__arena_free(&a);
  }
}

/* ------------------------------------------------- newlines and NFC */

static void test_newlines(void **state) {
  (void)state;
  static const char in[] = "a\r\nb\rc\r\n\r\nd\n";
  static const casus_span want[] = {{0, 1}, {2, 3}, {4, 5}, {7, 8}};
  casus_arena a;
  casus_clean c;
  casus__arena_init(&a);
  assert_int_equal(clean(in, sizeof in - 1, "en", &a, &c, NULL), CASUS_OK);
  assert_string_equal(c.text, "a\nb\nc\n\nd\n");
  assert_int_equal(c.nkeep, CASUS_ARRAY_LEN(want));
  for (size_t i = 0; i < CASUS_ARRAY_LEN(want); i++) {
    assert_int_equal(c.keep[i].start, want[i].start);
    assert_int_equal(c.keep[i].end, want[i].end);
  }
  assert_int_equal(c.nnotes, 0);
  casus__arena_free(&a);
}

static void test_nfc(void **state) {
  (void)state;
  static const struct {
    const char *in;
    const char *out;
    bool noted;
  } cases[] = {
    {"Caf" "e\xCC\x81" " ok", "Caf\xC3\xA9 ok", true},
    {"\xE2\x84\xAB ring", "\xC3\x85 ring", true},   /* U+212B -> U+00C5 */
    {"\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", true}, /* jamo -> U+AC00 */
    {"\xC3\xA9t\xC3\xA9 \xE2\x80\x94 \xE2\x80\x9Cok\xE2\x80\x9D",
     "\xC3\xA9t\xC3\xA9 \xE2\x80\x94 \xE2\x80\x9Cok\xE2\x80\x9D", false},
    {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
     "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", false},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_arena a;
    casus_clean c;
    casus__arena_init(&a);
    assert_int_equal(clean(cases[i].in, strlen(cases[i].in), "en", &a, &c,
                           NULL),
                     CASUS_OK);
    assert_string_equal(c.text, cases[i].out);
    assert_int_equal(count_notes(&c, "nfc"), cases[i].noted ? 1 : 0);
    casus__arena_free(&a);
  }
}

/* The fast path of NFC assumes code points below U+0300 and in
 * U+2002..U+207F are NFC on their own and never compose with what comes
 * before; check that against utf8proc for all of them, after a letter. */
static void test_nfc_fast_ranges(void **state) {
  (void)state;
  for (int32_t cp = 1; cp < 0x2080; cp++) {
    if (cp == 0x300)
      cp = 0x2002;
    uint8_t s[8];
    s[0] = 'e';
    utf8proc_ssize_t k = utf8proc_encode_char(cp, s + 1);
    s[1 + k] = '\0';
    uint8_t *n = utf8proc_NFC(s);
    assert_non_null(n);
    assert_string_equal((char *)n, (char *)s);
    free(n);
  }
}

static void test_trim(void **state) {
  (void)state;
  static const char in[] = "  \xC2\xA0hello world\t \n\xE2\x80\x8B\n";
  casus_arena a;
  casus_clean c;
  casus__arena_init(&a);
  assert_int_equal(clean(in, sizeof in - 1, "en", &a, &c, NULL), CASUS_OK);
  assert_int_equal(c.nkeep, 1);
  assert_int_equal(c.keep[0].start, 4);
  assert_int_equal(c.keep[0].end, 15);
  assert_memory_equal(c.text + 4, "hello world", 11);
  assert_int_equal(c.len, sizeof in - 1);
  casus__arena_free(&a);
}

static void test_empty(void **state) {
  (void)state;
  static const struct {
    const char *in;
    size_t len;
  } cases[] = {
    {"", 0}, {"  \n\r\n \t ", 8}, {"\xEF\xBB\xBF", 3},
    {"\xC2\xA0\n\xE3\x80\x80", 6},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_arena a;
    casus_clean c;
    casus_error err;
    casus__arena_init(&a);
    assert_int_equal(clean(cases[i].in, cases[i].len, "en", &a, &c, &err),
                     CASUS_EEMPTY);
    assert_int_equal(err.code, CASUS_EEMPTY);
    assert_null(c.text);
    casus__arena_free(&a);
  }
}

/* ------------------------------------------------------------ chrome */

static const struct {
  const char *para;
  const char *id;  /* NULL: not chrome */
} chrome_cases[] = {
  {"Comment this post", "comment"},
  {"\xE2\x80\xA2 Leave a Comment \xE2\x80\xBA", "comment"},
  {"Share this article", "share"},
  {"SHARE ON WHATSAPP", "share"},
  {"Sign up for our newsletter to get the latest news every morning",
   "newsletter"},
  {"Click here to subscribe to our daily briefing.", "subscribe"},
  {"Download our app for breaking news alerts", "app"},
  {"Follow us on Twitter and Facebook", "follow"},
  {"Follow Al Jazeera on Telegram", "follow"},
  {"\xC2\xA9 2024 Example Media Ltd", "rights"},
  {"Copyright \xC2\xA9 Example Media. All rights reserved.", "rights"},
  {"Read more: Iran strikes back at militants", "more"},
  {"Related: What we know about the strikes", "more"},
  {"Advertisement", "ad"},
  {"This story has been corrected to show the date of the attack.",
   "correction"},
  {"(Reporting by Jane Doe in Islamabad; Editing by John Smith)", "credit"},
  {"Writing by Jane Doe; Editing by John Smith", "credit"},
  {"We use cookies to improve your experience. See our Cookies Policy.",
   "cookies"},
  {"3 min read", "more"},
  /* globs: the pieces between the stars in order, the ends in place */
  {"Follow us on X", "follow"},
  {"follow the ministry's spokesman on x", "follow"},
  {"Reporting by A in Kabul, writing by B, editing by C", "credit"},
  {"It is a 3 min read", "more"},
  {"Share on Facebook, Share on Twitter, Share by email", "share"},
  /* not chrome */
  {"Editing by John Smith; Reporting by Jane Doe", NULL},
  {"Reporting by Jane Doe", NULL},
  {"min read", NULL},
  {"3 min reading", NULL},
  {"They follow the talks on Xinhua", NULL},
  {"Related talks are expected next week in Geneva.", NULL},
  {"Reporting by the BBC showed that the strikes hit a village.", NULL},
  {"Share prices fell sharply in Karachi after the strikes.", NULL},
  {"Comments by the minister angered officials in Tehran.", NULL},
  {"The court ruled that all rights reserved to the provinces under the "
   "1973 constitution remain in force, a decision that lawyers for the "
   "federal government said they would appeal before the supreme court in "
   "Islamabad next month, citing the precedent of earlier rulings.", NULL},
};

static void test_chrome_match(void **state) {
  (void)state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(chrome_cases); i++) {
    const char *p = chrome_cases[i].para;
    const char *id = casus__chrome_match(g_chrome, p, strlen(p));
    if (chrome_cases[i].id) {
      assert_non_null(id);
      assert_string_equal(id, chrome_cases[i].id);
    } else {
      assert_null(id);
    }
  }
  assert_null(casus__chrome_match(NULL, "Advertisement", 13));
}

static void test_chrome_in_article(void **state) {
  (void)state;
  static const char head[] =
      "Pakistan said on Thursday it had struck militant hideouts in Iran.\n";
  static const char tail[] = "\nIran condemned the strikes.";
  for (size_t i = 0; i < CASUS_ARRAY_LEN(chrome_cases); i++) {
    casus_buf b = {0};
    assert_int_equal(casus__buf_printf(&b, "%s%s%s", head,
                                       chrome_cases[i].para, tail),
                     CASUS_OK);
    casus_arena a;
    casus_clean c;
    casus__arena_init(&a);
    assert_int_equal(clean(b.data, b.len, "en", &a, &c, NULL), CASUS_OK);
    if (chrome_cases[i].id) {
      char want[64];
      snprintf(want, sizeof want, "chrome:%s", chrome_cases[i].id);
      assert_int_equal(c.nkeep, 2);
      assert_int_equal(c.nnotes, 1);
      assert_string_equal(c.notes[0].kind, "boilerplate");
      assert_string_equal(c.notes[0].detail, want);
      assert_int_equal(c.notes[0].start, sizeof head - 1);
      assert_int_equal(c.notes[0].end,
                       sizeof head - 1 + strlen(chrome_cases[i].para));
    } else {
      assert_int_equal(c.nkeep, 3);
      assert_int_equal(c.nnotes, 0);
    }
    casus__arena_free(&a);
    casus__buf_free(&b);
  }
}

static void test_chrome_bad_file(void **state) {
  (void)state;
  casus_chrome *c = NULL;
  casus_error err;
  assert_int_equal(casus__chrome_load("/nonexistent/boilerplate.txt", &c,
                                      &err),
                   CASUS_EIO);
  assert_null(c);
  char path[512];
  tu_mkstemp(path, sizeof path, "casus-chrome-test");
  tu_write_str(path, "# header\nok\texact\tfine\nbad\tfuzzy\ttext\n");
  assert_int_equal(casus__chrome_load(path, &c, &err), CASUS_EPARSE);
  assert_int_equal(err.line, 3);
  assert_null(c);
  remove(path);
}

/* ---------------------------------------------------------- language */

static const char en1[] =
    "Pakistan said on Thursday that its air force had struck hideouts of "
    "separatist militants inside Iran, two days after Tehran hit targets "
    "in Pakistan.";
static const char en2[] =
    "The foreign ministry in Islamabad said the operation had been carried "
    "out in the interest of national security and that it respected the "
    "sovereignty of Iran.";
static const char fr[] =
    "Le gouvernement a annonc\xC3\xA9 mardi une s\xC3\xA9rie de mesures pour "
    "soutenir les agriculteurs touch\xC3\xA9s par la crise, selon un "
    "communiqu\xC3\xA9 publi\xC3\xA9 dans la soir\xC3\xA9" "e.";
static const char es[] =
    "El presidente del gobierno anunci\xC3\xB3 el martes nuevas medidas "
    "para apoyar a los agricultores afectados por la sequ\xC3\xAD" "a que "
    "sufre el pa\xC3\xADs desde hace meses.";
static const char de[] =
    "Die Bundesregierung hat am Dienstag neue Ma\xC3\x9Fnahmen "
    "angek\xC3\xBCndigt, um die von der D\xC3\xBCrre betroffenen Landwirte "
    "zu unterst\xC3\xBCtzen, teilte ein Sprecher mit.";

static void test_language_removed(void **state) {
  (void)state;
  static const struct {
    const char *para;
    const char *detail;
  } cases[] = {
    {fr, "fr (article: en)"},
    {es, "es (article: en)"},
    {de, "de (article: en)"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_buf b = {0};
    assert_int_equal(casus__buf_printf(&b, "%s\n%s\n%s", en1,
                                       cases[i].para, en2),
                     CASUS_OK);
    casus_arena a;
    casus_clean c;
    casus__arena_init(&a);
    assert_int_equal(clean(b.data, b.len, NULL, &a, &c, NULL), CASUS_OK);
    assert_int_equal(c.nkeep, 2);
    assert_int_equal(c.keep[0].start, 0);
    assert_int_equal(c.keep[0].end, sizeof en1 - 1);
    assert_int_equal(c.nnotes, 1);
    assert_string_equal(c.notes[0].kind, "language");
    assert_string_equal(c.notes[0].detail, cases[i].detail);
    assert_int_equal(c.notes[0].start, sizeof en1);
    assert_int_equal(c.notes[0].end, sizeof en1 + strlen(cases[i].para));
    casus__arena_free(&a);
    casus__buf_free(&b);
  }
}

static void test_language_kept(void **state) {
  (void)state;
  static const char *const kept[] = {
    "Updated 2 hours ago",
    "Kabul, Jan 18 (Pajhwok)",
    "Merci beaucoup, a dit le ministre.",
    "The minister met Jean-Yves Le Drian, Olaf Scholz and Pedro "
    "S\xC3\xA1nchez in Brussels on Monday to discuss the crisis.",
    "Hossein Amir-Abdollahian, Jaish al-Adl, Sistan-Baluchestan, Saravan, "
    "Kerman and Erbil were named in the statement of the ministry.",
    "Protesters chanted \"Allahu Akbar\" and \"Pakistan Zindabad\" as the "
    "convoy of Imran Khan passed through Rawalpindi on Friday.",
    "\"Nous ne l'accepterons pas,\" said the French president, Emmanuel "
    "Macron, speaking to reporters in Paris after the summit.",
    /* few function words: n-grams alone once called these Danish */
    "Iranian troops attacked Pakistani border guards in December.",
    "Israeli helicopters and tanks shelled Palestinian security positions.",
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(kept); i++) {
    casus_arena a;
    casus_clean c;
    casus__arena_init(&a);
    assert_int_equal(clean(kept[i], strlen(kept[i]), "en", &a, &c, NULL),
                     CASUS_OK);
    if (c.nkeep != 1)
      fail_msg("removed: %s (%s)", kept[i], c.notes[0].detail);
    casus__arena_free(&a);
  }
}

static void test_language_other_article(void **state) {
  (void)state;
  casus_buf b = {0};
  assert_int_equal(casus__buf_printf(&b, "%s\n%s", fr, en2), CASUS_OK);
  casus_arena a;
  casus_clean c;
  casus__arena_init(&a);
  assert_int_equal(clean(b.data, b.len, "fr-FR", &a, &c, NULL), CASUS_OK);
  assert_int_equal(c.nkeep, 1);
  assert_int_equal(c.keep[0].end, sizeof fr - 1);
  assert_int_equal(c.nnotes, 1);
  assert_string_equal(c.notes[0].detail, "en (article: fr)");
  casus__arena_free(&a);
  casus__buf_free(&b);
}

static void test_langid_guess(void **state) {
  (void)state;
  static const struct {
    const char *text;
    const char *lang;  /* NULL: no guess */
  } cases[] = {
    {en1, "en"},
    {fr, "fr"},
    {es, "es"},
    {de, "de"},
    /* Russian and Arabic go to the n-gram classifier. */
    {"\xD0\x9C\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD0\xB5\xD1\x80\xD1"
     "\x81\xD1\x82\xD0\xB2\xD0\xBE \xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82"
     "\xD1\x80\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4\xD0\xB5\xD0"
     "\xBB \xD0\xB7\xD0\xB0\xD1\x8F\xD0\xB2\xD0\xB8\xD0\xBB\xD0\xBE \xD0\xB2"
     "\xD0\xBE \xD0\xB2\xD1\x82\xD0\xBE\xD1\x80\xD0\xBD\xD0\xB8\xD0\xBA, "
     "\xD1\x87\xD1\x82\xD0\xBE \xD0\xBF\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB3\xD0"
     "\xBE\xD0\xB2\xD0\xBE\xD1\x80\xD1\x8B \xD0\xB1\xD1\x83\xD0\xB4\xD1\x83"
     "\xD1\x82 \xD0\xBF\xD1\x80\xD0\xBE\xD0\xB4\xD0\xBE\xD0\xBB\xD0\xB6\xD0"
     "\xB5\xD0\xBD\xD1\x8B \xD0\xBD\xD0\xB0 \xD1\x81\xD0\xBB\xD0\xB5\xD0\xB4"
     "\xD1\x83\xD1\x8E\xD1\x89\xD0\xB5\xD0\xB9 \xD0\xBD\xD0\xB5\xD0\xB4\xD0"
     "\xB5\xD0\xBB\xD0\xB5.", "ru"},
    {"\xD9\x82\xD8\xA7\xD9\x84\xD8\xAA \xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8"
     "\xA9 \xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD8\xB1\xD8\xAC\xD9\x8A\xD8\xA9 "
     "\xD9\x81\xD9\x8A \xD8\xA8\xD9\x8A\xD8\xA7\xD9\x86 \xD8\xA5\xD9\x86 "
     "\xD8\xA7\xD9\x84\xD8\xB6\xD8\xB1\xD8\xA8\xD8\xA7\xD8\xAA \xD8\xA7\xD8"
     "\xB3\xD8\xAA\xD9\x87\xD8\xAF\xD9\x81\xD8\xAA \xD9\x85\xD8\xAE\xD8\xA7"
     "\xD8\xA8\xD8\xA6 \xD9\x84\xD8\xAC\xD9\x85\xD8\xA7\xD8\xB9\xD8\xA7\xD8"
     "\xAA \xD9\x85\xD8\xB3\xD9\x84\xD8\xAD\xD8\xA9 \xD9\x81\xD9\x8A \xD8"
     "\xA7\xD9\x84\xD9\x85\xD9\x86\xD8\xB7\xD9\x82\xD8\xA9 \xD8\xA7\xD9\x84"
     "\xD8\xAD\xD8\xAF\xD9\x88\xD8\xAF\xD9\x8A\xD8\xA9.", "ar"},
    {"Too short.", NULL},
    {"", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    char out[8];
    bool ok = casus__langid_guess(g_lid, cases[i].text,
                                  strlen(cases[i].text), out);
    if (cases[i].lang) {
      assert_true(ok);
      assert_string_equal(out, cases[i].lang);
    } else {
      assert_false(ok);
    }
  }
  char out[8];
  assert_false(casus__langid_guess(NULL, en1, sizeof en1 - 1, out));
}

/* ------------------------------------------------------------- seeds */

static void test_seeds(void **state) {
  (void)state;
  static const struct {
    const char *id;
    size_t paras, kept;
    const char *kind;
    const char *detail_prefix;
    const char *removed_prefix;  /* start of the removed paragraph */
  } want[] = {
    {"000_160f93d112972521", 15, 14, "language", "fr (article: en)",
     "Middle East Eye propose une couverture"},
    {"003_59db7ae36c2c8f94", 15, 14, "boilerplate", "chrome:comment",
     "Comment this post"},
  };
  json_t *seeds = tu_seeds();
  size_t seen = 0, k;
  json_t *j;
  json_array_foreach(seeds, k, j) {
    const char *id = json_string_value(json_object_get(j, "id"));
    const char *text = json_string_value(json_object_get(j, "text"));
    const char *lang = json_string_value(json_object_get(j, "language"));
    assert_non_null(text);
    for (size_t w = 0; w < CASUS_ARRAY_LEN(want); w++) {
      if (strcmp(id, want[w].id) != 0)
        continue;
      seen++;
      casus_arena a;
      casus_clean c;
      casus__arena_init(&a);
      assert_int_equal(clean(text, strlen(text), lang, &a, &c, NULL),
                       CASUS_OK);
      assert_int_equal(c.nkeep + c.nnotes, want[w].paras);
      assert_int_equal(c.nkeep, want[w].kept);
      assert_int_equal(c.nnotes, 1);
      const casus_note *n = &c.notes[0];
      assert_string_equal(n->kind, want[w].kind);
      assert_string_equal(n->detail, want[w].detail_prefix);
      size_t pl = strlen(want[w].removed_prefix);
      assert_memory_equal(c.text + n->start, want[w].removed_prefix, pl);
      assert_int_equal(n->end, c.len);  /* the last paragraph */
      /* Clean text equals the input: nothing else was changed. */
      assert_int_equal(c.len, strlen(text));
      assert_memory_equal(c.text, text, c.len);
      casus__arena_free(&a);
    }
  }
  json_decref(seeds);
  assert_int_equal(seen, CASUS_ARRAY_LEN(want));
}

/* --------------------------------------------------------------- OOM */

/* Both tests fail allocation number N alone (tu_alloc_install_nth), for
 * N = 0, 1, ... until the call succeeds. */

static void test_oom(void **state) {
  (void)state;
  casus_buf b = {0};
  assert_int_equal(casus__buf_printf(&b, "%s\nShare this article\n%s\n"
                                     "x\xFFy e\xCC\x81\n%s",
                                     en1, fr, en2),
                   CASUS_OK);
  int rc = CASUS_ENOMEM;
  long n;
  for (n = 0; n < 1000 && rc == CASUS_ENOMEM; n++) {
    casus_arena a;
    casus_clean c;
    casus_error err;
    casus__arena_init(&a);
    tu_alloc_install_nth(n);
    rc = clean(b.data, b.len, "en", &a, &c, &err);
    tu_alloc_restore();
    if (rc == CASUS_ENOMEM) {
      assert_int_equal(err.code, CASUS_ENOMEM);
      assert_null(c.text);
    } else {
      assert_int_equal(rc, CASUS_OK);
      assert_int_equal(c.nkeep, 3);
      assert_int_equal(c.nnotes, 4);  /* utf8, nfc, boilerplate, language */
    }
    casus__arena_free(&a);
  }
  assert_int_equal(rc, CASUS_OK);
  assert_true(n > 3);
  casus__buf_free(&b);
}

static void test_chrome_load_oom(void **state) {
  (void)state;
  int rc = CASUS_ENOMEM;
  for (long n = 0; n < 100000 && rc == CASUS_ENOMEM; n++) {
    casus_chrome *c = NULL;
    casus_error err;
    tu_alloc_install_nth(n);
    rc = casus__chrome_load(BOILERPLATE, &c, &err);
    tu_alloc_restore();
    if (rc)
      assert_null(c);
    casus__chrome_free(c);
  }
  assert_int_equal(rc, CASUS_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_repair),
    cmocka_unit_test(test_repair_second_run_offsets),
    cmocka_unit_test(test_repair_note_cap),
    cmocka_unit_test(test_controls),
    cmocka_unit_test(test_binary),
    cmocka_unit_test(test_newlines),
    cmocka_unit_test(test_nfc),
    cmocka_unit_test(test_nfc_fast_ranges),
    cmocka_unit_test(test_trim),
    cmocka_unit_test(test_empty),
    cmocka_unit_test(test_chrome_match),
    cmocka_unit_test(test_chrome_in_article),
    cmocka_unit_test(test_chrome_bad_file),
    cmocka_unit_test(test_language_removed),
    cmocka_unit_test(test_language_kept),
    cmocka_unit_test(test_language_other_article),
    cmocka_unit_test(test_langid_guess),
    cmocka_unit_test(test_seeds),
    cmocka_unit_test(test_oom),
    cmocka_unit_test(test_chrome_load_oom),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
