/* fuzz_image.c -- fuzz target: the compiled gazetteer loader
 * (lib/recognize/image.c) on damaged images.  It must decline a bad image
 * with a note, or load it and then never read outside it nor loop.
 *
 * On the first input the target compiles the image of a small copy of the
 * data directory (fuzz_tmp.h: the city and admin tables cut to 40
 * lines).  An input starting with "CASUSIMG" is the image file as is (its
 * header cannot match the sources' dates: this fuzzes the header
 * checks).  Any other input is a list of patches to the
 * compiled image, so that the fuzzer gets past the header: each patch is
 * 4 bytes of offset (little-endian) and 1 byte of length N followed by N
 * bytes written there; an offset with the top bit set instead truncates
 * the image to the rest of the offset (modulo its size).  An empty input
 * is the intact image.
 *
 * A loaded image is then read through the engine's maps: every key looked
 * up, every entry list walked (a list longer than the image has entries
 * is a cycle: abort), every string measured, one map thawed. */
#include "engine_int.h"
#include "fuzz_tmp.h"

#include <stdbool.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char datadir[1100], input_img[1100];
static uint8_t *base_img;
static size_t base_len;

/* Compiles the image of the small data directory and keeps its bytes. */
static void init(void) {
  const char *tmp = fz_tmpdir("casus-fuzz-image");
  fz_join(datadir, sizeof datadir, tmp, "data");
  fz_join(input_img, sizeof input_img, tmp, "input.img");
  fz_small_tree(fz_datadir(), datadir, 40, 1);
  casus_error err;
  if (casus__image_compile(datadir, NULL, &err)) {
    fprintf(stderr, "fuzz_image: %s: %s\n", err.file, err.msg);
    abort();
  }
  char img[1200];
  fz_join(img, sizeof img, datadir, CASUS_IMAGE_NAME);
  FILE *f = fopen(img, "rb");
  if (!f || fseek(f, 0, SEEK_END))
    abort();
  long n = ftell(f);
  if (n <= 0 || fseek(f, 0, SEEK_SET))
    abort();
  base_len = (size_t)n;
  base_img = malloc(base_len);
  if (!base_img || fread(base_img, 1, base_len, f) != base_len)
    abort();
  fclose(f);
}

/* An engine with empty maps, as the loader expects them. */
static casus_engine *shell(void) {
  casus_engine *e = casus__calloc(1, sizeof *e);
  if (!e)
    abort();
  casus__arena_init(&e->arena);
  casus_map **maps[] = {&e->lex,      &e->places,   &e->skeletons,
                        &e->lemmas,   &e->anchors,  &e->words,
                        &e->countries, &e->iso2,    &e->strings,
                        &e->prefixes, &e->wprefixes, &e->pprefixes,
                        &e->tokens,   &e->verbs};
  for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
    if (!(*maps[i] = casus__map_new()))
      abort();
  return e;
}

/* The image file for input DATA[0..SIZE) (see the file comment); *LEN is
 * its size.  Caller frees. */
static uint8_t *image_of(const uint8_t *data, size_t size, size_t *len) {
  if (size >= 8 && !memcmp(data, "CASUSIMG", 8)) {
    uint8_t *img = malloc(size ? size : 1);
    if (!img)
      abort();
    memcpy(img, data, size);
    *len = size;
    return img;
  }
  uint8_t *img = malloc(base_len);
  if (!img)
    abort();
  memcpy(img, base_img, base_len);
  size_t n = base_len;
  for (size_t i = 0; i + 5 <= size;) {
    uint32_t off = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
                   (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24;
    size_t k = data[i + 4];
    i += 5;
    if (off & 0x80000000u) {
      n = n ? (off & 0x7fffffffu) % n : 0;
      continue;
    }
    size_t at = n ? off % n : 0;
    for (size_t j = 0; j < k && i < size; j++, i++)
      if (at + j < n)
        img[at + j] = data[i];
  }
  *len = n;
  return img;
}

typedef struct walk {
  size_t max_list;  /* more entries than this on a list: a cycle */
  int kind;         /* 0 entry lists, 1 strings, 2 raw */
  const casus_map *m;
  size_t sum;       /* string bytes seen, so the reads are not dropped */
} walk;

static void walk_cb(const char *key, size_t klen, void *value, void *ctx) {
  walk *w = ctx;
  w->sum += klen ? (unsigned char)key[klen - 1] : 0;
  if (casus__map_get(w->m, key, klen) == NULL && value)
    w->sum++;  /* a corrupt table's duplicate key: fine */
  if (w->kind == 1 && value) {
    w->sum += strlen(value);
    return;
  }
  if (w->kind != 0)
    return;
  size_t n = 0;
  for (const lex_entry *x = value; x; x = x->next) {
    if (++n > w->max_list)
      abort();  /* the list loops */
    const char *s[] = {x->iso3,  x->iso2, x->code, x->name, x->admin1,
                       x->admin1_code, x->rule, x->admin2, x->admin2_code,
                       x->fcode};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
      w->sum += s[i] ? strlen(s[i]) : 0;
  }
}

/* Reads every map the image fills. */
static void read_all(casus_engine *e, size_t len) {
  const casus_map *maps[] = {e->lex,       e->prefixes, e->places,
                             e->skeletons, e->pprefixes, e->countries,
                             e->iso2,      e->strings};
  static const int KIND[] = {0, 2, 0, 0, 2, 0, 0, 1};
  walk w = {len / 8 + 1, 0, NULL, 0};
  for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
    w.kind = KIND[i];
    w.m = maps[i];
    casus__map_each(maps[i], walk_cb, &w);
  }
  casus__place_find(e, "quetta");
  casus__country(e, "PAK");
  casus__country2(e, "PK");
  /* Thawing copies a frozen table into ordinary storage. */
  if (casus__map_slot(e->places, "fuzz", 4)) {
    w.kind = 0;
    w.m = e->places;
    casus__map_each(e->places, walk_cb, &w);
  }
  if (w.sum == (size_t)-1)
    fprintf(stderr, "unlikely\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!base_img)
    init();
  size_t len = 0;
  uint8_t *img = image_of(data, size, &len);
  fz_write(input_img, img, len);
  free(img);
  casus_engine *e = shell();
  char note[128];
  int rc = casus__image_load(e, datadir, input_img, note, sizeof note);
  if (rc == 1)
    read_all(e, len);
  else if (rc == 0 && !note[0])
    abort();  /* declined without saying why */
  casus_engine_close(e);
  return 0;
}
