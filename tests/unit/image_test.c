/* image_test.c -- the compiled gazetteer (lib/recognize/image.c): every key
 * of every compiled map answers through the image exactly as through the
 * text loaders; a missing, truncated, corrupt, foreign or stale image is
 * declined with a note saying why and the text loaders run instead.
 *
 * Each test works on a private data directory: symlinks to the built one,
 * with gen/ a real directory (symlinks too) receiving a fresh image. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

#include "engine_int.h"

/* Symlinks every entry of FROM into TO except SKIP (may be NULL) and
 * names starting with '.' or "lexicon.img". */
static void link_all(const char *from, const char *to, const char *skip) {
  DIR *d = opendir(from);
  assert_non_null(d);
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.' || (skip && !strcmp(de->d_name, skip)) ||
        !strncmp(de->d_name, "lexicon.img", 11))
      continue;
    char a[PATH_MAX], b[PATH_MAX];
    casus_error err;
    assert_int_equal(casus__path(a, sizeof a, from, de->d_name, &err), 0);
    assert_int_equal(casus__path(b, sizeof b, to, de->d_name, &err), 0);
    assert_int_equal(symlink(a, b), 0);
  }
  closedir(d);
}

/* Makes DIR a data directory reading the built one, and compiles its
 * image; IMG receives the image's path. */
static void data_dir(char *dir, size_t cap, char *img, size_t icap) {
  assert_int_equal(tu_mkdtemp(dir, cap, "casus-img"), 0);
  link_all(CASUS_DATADIR, dir, "gen");
  char gen[PATH_MAX], from[PATH_MAX];
  casus_error err;
  assert_int_equal(casus__path(gen, sizeof gen, dir, "gen", &err), 0);
  assert_int_equal(casus__path(from, sizeof from, CASUS_DATADIR, "gen",
                               &err), 0);
  assert_int_equal(mkdir(gen, 0700), 0);
  link_all(from, gen, NULL);
  assert_int_equal(casus__path(img, icap, dir, CASUS_IMAGE_NAME, &err), 0);
  if (casus__image_compile(dir, NULL, &err))
    fail_msg("compile: %s: %s", err.file, err.msg);
}

/* Opens the engine of DIR with or without the image. */
static casus_engine *open_engine(const char *dir, bool image) {
  if (image)
    unsetenv("CASUS_NO_IMAGE");
  else
    setenv("CASUS_NO_IMAGE", "1", 1);
  casus_engine *e = NULL;
  casus_error err;
  if (casus_engine_open(dir, &e, &err))
    fail_msg("open %s: %s", dir, err.msg);
  unsetenv("CASUS_NO_IMAGE");
  return e;
}

static bool same_str(const char *a, const char *b) {
  return a == b || (a && b && !strcmp(a, b));
}

/* True when the dated codes A and B (people.txt terms) are equal. */
static bool same_dated(const lex_dated *a, const lex_dated *b) {
  for (; a && b; a = a->next, b = b->next)
    if (a->from != b->from || a->to != b->to || !same_str(a->iso3, b->iso3) ||
        !same_str(a->role, b->role))
      return false;
  return !a && !b;
}

/* True when lists A and B hold the same entries in the same order. */
static bool same_list(const casus_engine *ea, const lex_entry *a,
                      const casus_engine *eb, const lex_entry *b) {
  for (; a && b; a = a->next, b = b->next) {
    if (a->kind != b->kind || a->form != b->form ||
        a->need_cap != b->need_cap || a->has_coords != b->has_coords ||
        a->rank != b->rank || a->sovereign != b->sovereign ||
        a->alt != b->alt || a->linked != b->linked || a->lat != b->lat ||
        a->lon != b->lon || a->geonameid != b->geonameid ||
        a->population != b->population || strcmp(a->fcode, b->fcode) ||
        !same_dated(a->dated, b->dated))
      return false;
    if (!same_str(a->iso3, b->iso3) || !same_str(a->iso2, b->iso2) ||
        !same_str(a->code, b->code) || !same_str(a->name, b->name) ||
        !same_str(a->admin1, b->admin1) ||
        !same_str(a->admin1_code, b->admin1_code) ||
        !same_str(a->rule, b->rule) || !same_str(a->admin2, b->admin2) ||
        !same_str(a->admin2_code, b->admin2_code))
      return false;
    /* The coder compares ISO2 codes as pointers (lib/code/event.c). */
    const lex_entry *ca = a->iso2 ? casus__country2(ea, a->iso2) : NULL;
    const lex_entry *cb = b->iso2 ? casus__country2(eb, b->iso2) : NULL;
    if ((ca && ca->iso2 == a->iso2) != (cb && cb->iso2 == b->iso2))
      return false;
  }
  return !a && !b;
}

typedef struct cmp_ctx {
  const casus_engine *a, *b;
  const casus_map *mb;
  int kind;  /* 0 entry lists, 1 strings, 2 flags, 3 tok_info */
  size_t keys, bad;
} cmp_ctx;

static void cmp_cb(const char *key, size_t klen, void *value, void *ctx) {
  cmp_ctx *c = ctx;
  void *other = casus__map_get(c->mb, key, klen);
  const tok_info *ta = value, *tb = other;
  bool ok = c->kind == 0   ? same_list(c->a, value, c->b, other)
            : c->kind == 1 ? same_str(value, other)
            : c->kind == 2 ? value == other
                           : tb && ta->cls == tb->cls &&
                                 same_str(ta->lemma, tb->lemma) &&
                                 ta->prefix == tb->prefix &&
                                 ta->wprefix == tb->wprefix &&
                                 same_list(c->a, ta->lex, c->b, tb->lex);
  c->keys++;
  if (!ok && c->bad++ < 5)
    print_error("differs: '%.*s'\n", (int)klen, key);
}

/* Every key of every compiled map, text engine against image engine. */
static void test_round_trip(void **state) {
  (void)state;
  char dir[PATH_MAX], img[PATH_MAX];
  data_dir(dir, sizeof dir, img, sizeof img);
  casus_engine *t = open_engine(dir, false);
  casus_engine *m = open_engine(dir, true);
  casus_engine_stats st, sm;
  casus_engine_get_stats(t, &st);
  casus_engine_get_stats(m, &sm);
  assert_int_equal(st.lexicon_image, 0);
  assert_int_equal(sm.lexicon_image, 1);
  assert_string_equal(sm.image_note, "");
  assert_int_equal(st.cities, sm.cities);
  assert_int_equal(st.admin1, sm.admin1);
  assert_int_equal(st.countries, sm.countries);
  assert_int_equal(st.actor_forms, sm.actor_forms);
  assert_int_equal(st.roles, sm.roles);
  const struct {
    const char *name;
    const casus_map *a, *b;
    int kind;
    size_t min_keys;
  } maps[] = {
      {"places", t->places, m->places, 0, 200000},
      {"skeletons", t->skeletons, m->skeletons, 0, 2000},
      {"lex", t->lex, m->lex, 0, 1000},
      {"countries", t->countries, m->countries, 0, 4000},
      {"iso2", t->iso2, m->iso2, 0, 240},
      {"strings", t->strings, m->strings, 1, 1000},
      {"prefixes", t->prefixes, m->prefixes, 2, 100},
      {"pprefixes", t->pprefixes, m->pprefixes, 2, 10000},
      {"tokens", t->tokens, m->tokens, 3, 1000},
  };
  for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
    cmp_ctx c = {t, m, maps[i].b, maps[i].kind, 0, 0};
    casus__map_each(maps[i].a, cmp_cb, &c);
    print_message("%-10s %zu keys, %zu differ\n", maps[i].name, c.keys,
                  c.bad);
    assert_int_equal(c.bad, 0);
    assert_true(c.keys >= maps[i].min_keys);
    assert_int_equal(casus__map_count(maps[i].a),
                     casus__map_count(maps[i].b));
  }
  /* Through the lookup API, the seeds' and the traps. */
  static const char *const PLACES[] = {
      "Saravan", "Sistan and Baluchestan", "Sistan-o-Baluchistan",
      "Balochistan", "Erbil", "Kerman", "Tehran", "Islamabad", "Raqqah",
      "Marib", "Nowhereville"};
  for (size_t i = 0; i < sizeof PLACES / sizeof PLACES[0]; i++)
    assert_true(same_list(t, casus__place_find(t, PLACES[i]), m,
                          casus__place_find(m, PLACES[i])));
  assert_non_null(casus__place_find(m, "Saravan"));
  assert_null(casus__place_find(m, "Nowhereville"));
  static const char *const ACTORS[] = {"Pakistan", "Iranian", "Tehran",
                                       "Pakistanis", "US", "militants"};
  for (size_t i = 0; i < sizeof ACTORS / sizeof ACTORS[0]; i++) {
    assert_non_null(casus__lex_find(m, ACTORS[i]));
    assert_true(same_list(t, casus__lex_find(t, ACTORS[i]), m,
                          casus__lex_find(m, ACTORS[i])));
  }
  casus_engine_close(t);
  casus_engine_close(m);
  tu_rm_rf(dir);
}

/* Damage done to an image before opening. */
typedef enum { D_NONE, D_MISSING, D_TRUNCATE, D_MAGIC, D_VERSION, D_STALE,
               D_ENTRY, D_SLOTS, D_LOOP } damage;

static void damage_image(const char *dir, const char *img, damage d) {
  char *buf = NULL;
  size_t len = 0;
  casus_error err;
  if (d == D_MISSING) {
    assert_int_equal(remove(img), 0);
    return;
  }
  if (d == D_STALE) {  /* words.txt rewritten: same bytes, newer mtime */
    char path[PATH_MAX];
    assert_int_equal(casus__path(path, sizeof path, dir, "words.txt", &err),
                     0);
    assert_int_equal(casus__slurp(path, &buf, &len, &err), 0);
    assert_int_equal(remove(path), 0);
    tu_write_file(path, buf, len);
    casus__free(buf);
    return;
  }
  assert_int_equal(casus__slurp(img, &buf, &len, &err), 0);
  assert_true(len > 1 << 20);
  switch (d) {
  case D_TRUNCATE: len /= 2; break;
  case D_MAGIC: buf[0] = 'X'; break;
  case D_VERSION: buf[16] = '9'; break;  /* the version string */
  case D_ENTRY: memset(buf + 4096, 0xFF, 4096); break;
  case D_SLOTS: memset(buf + len / 2, 0x7F, 1 << 16); break;
  case D_LOOP: {  /* found by fuzz_image: the first entry's list loops */
    uint32_t hsize, self = 1;  /* header_size follows magic, format,
                                  endian and version; next is 1 + index */
    memcpy(&hsize, buf + 32, sizeof hsize);
    memcpy(buf + (hsize + 7) / 8 * 8, &self, sizeof self);
    break;
  }
  default: break;
  }
  assert_int_equal(remove(img), 0);  /* a new inode, as the build does */
  tu_write_file(img, buf, len);
  casus__free(buf);
}

static void test_fallback(void **state) {
  (void)state;
  static const struct {
    damage d;
    int used;          /* the image is used (-1: either) */
    const char *note;  /* in the note when not used */
  } cases[] = {
      {D_NONE, 1, ""},
      {D_MISSING, 0, "no gen/lexicon.img"},
      {D_TRUNCATE, 0, "truncated"},
      {D_MAGIC, 0, "bad magic"},
      {D_VERSION, 0, "another version"},
      {D_STALE, 0, "stale: words.txt changed"},
      {D_ENTRY, 0, "corrupt"},
      {D_SLOTS, -1, ""},  /* undetected, but lookups stay in bounds */
      {D_LOOP, 0, "loops"},
  };
  size_t cities = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char dir[PATH_MAX], img[PATH_MAX];
    data_dir(dir, sizeof dir, img, sizeof img);
    damage_image(dir, img, cases[i].d);
    casus_engine *e = open_engine(dir, true);
    casus_engine_stats st;
    casus_engine_get_stats(e, &st);
    print_message("case %zu: image %d, note '%s'\n", i, st.lexicon_image,
                  st.image_note);
    if (cases[i].used >= 0)
      assert_int_equal(st.lexicon_image, cases[i].used);
    if (!st.lexicon_image)
      assert_non_null(strstr(st.image_note, cases[i].note));
    if (!cities)
      cities = st.cities;
    assert_int_equal(st.cities, cities);
    for (const char *const *p = (const char *const[]){"Saravan", "Erbil",
                                                      "Kerman", NULL};
         *p; p++)
      (void)casus__place_find(e, *p);
    if (cases[i].used == 1 || cases[i].used == 0)
      assert_non_null(casus__place_find(e, "Saravan"));
    casus_engine_close(e);
    tu_rm_rf(dir);
  }
}

/* Writing to a compiled map copies it first (dictionary imports add to
 * e->lex after loading). */
static void test_thaw(void **state) {
  (void)state;
  char dir[PATH_MAX], img[PATH_MAX];
  data_dir(dir, sizeof dir, img, sizeof img);
  casus_engine *e = open_engine(dir, true);
  size_t n = casus__map_count(e->places);
  const lex_entry *x = casus__map_get(e->places, "saravan", 7);
  assert_non_null(x);
  void **slot = casus__map_slot(e->places, "zzz test", 8);
  assert_non_null(slot);
  assert_null(*slot);
  assert_int_equal(casus__map_count(e->places), n + 1);
  assert_ptr_equal(casus__map_get(e->places, "saravan", 7), x);
  casus_engine_close(e);
  tu_rm_rf(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_fallback),
      cmocka_unit_test(test_thaw),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
