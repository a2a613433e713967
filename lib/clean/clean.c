/* clean.c -- the cleaning stage: from article text as read to the text that
 * every later offset refers to.
 *
 * Steps, in order:
 *  1. reject binary input (NUL bytes, or too many bytes that are neither
 *     valid UTF-8 nor ordinary white space);
 *  2. repair: drop a leading BOM, replace each run of invalid UTF-8 bytes by
 *     one U+FFFD (noted with its offsets in the input), make \r\n and lone
 *     \r a \n, and other control characters a space (one summary note of
 *     kind "utf8": like invalid bytes, an encoding defect of the input);
 *  3. normalize to NFC (utf8proc), noted when it changed anything;
 *  4. split paragraphs on newlines and drop those that are site chrome or
 *     in another language than the article, with a note each.
 *
 * Invariant: removed paragraphs stay in the text; they are only left out of
 * the kept spans.  So offsets in out->text are the same whatever is
 * dropped, and a note can point at what it removed.
 */
#include "casus_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define CLEAN_MAX_IN (256u << 20)  /* cap on the input: spans are 32-bit */
#define CLEAN_MAX_UTF8_NOTES 100   /* then one summary note */
#define CLEAN_BINARY_MIN_BAD 8     /* fewer bad bytes never mean binary */
#define CLEAN_LANG_MIN_BYTES 60    /* shorter paragraphs keep their language */
#define CLEAN_LANG_MIN_WORDS 8

/* Growable arrays of notes and kept spans (casus__malloc'd while cleaning,
 * copied into the arena at the end). */
typedef struct clean_state {
  casus_arena *arena;
  casus_note *notes;
  size_t nnotes, capnotes;
  casus_span *keep;
  size_t nkeep, capkeep;
  size_t utf8_seqs, utf8_bytes;    /* invalid runs and bytes, all */
  uint32_t utf8_first_unnoted;     /* start of the first run not noted */
  uint32_t utf8_last_end;          /* end of the last run */
  size_t controls;                 /* control characters made spaces */
  uint32_t control_first;          /* offset in IN of the first one */
} clean_state;

/* Appends a note whose detail is formatted into the arena.  Returns 0 or
 * CASUS_ENOMEM. */
static int add_note(clean_state *st, uint32_t start, uint32_t end,
                    const char *kind, const char *fmt, ...)
    CASUS_PRINTF(5, 6);
static int add_note(clean_state *st, uint32_t start, uint32_t end,
                    const char *kind, const char *fmt, ...) {
  char detail[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  if ((size_t)n >= sizeof detail)
    n = (int)sizeof detail - 1;
  if (casus__grow((void **)&st->notes, &st->capnotes, st->nnotes + 1,
                  sizeof *st->notes))
    return CASUS_ENOMEM;
  char *d = casus__arena_strndup(st->arena, detail, (size_t)n);
  if (!d)
    return CASUS_ENOMEM;
  st->notes[st->nnotes++] = (casus_note){start, end, kind, d};
  return CASUS_OK;
}

/* Returns the length of the valid UTF-8 sequence at S[0..N), or 0 when the
 * bytes there are not one. */
static size_t utf8_len(const char *s, size_t n) {
  utf8proc_int32_t c;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                        (utf8proc_ssize_t)n, &c);
  return k > 0 ? (size_t)k : 0;
}

static bool is_bad_control(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* True when the eight bytes at P are all printable ASCII (0x20..0x7E):
 * bytes every scan below passes over one by one without doing anything,
 * so it may skip them eight at a time.  (The usual SWAR tests: a byte
 * below 0x20, one equal to 0x7F, one with its high bit.) */
static inline bool printable8(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  uint64_t below = (w - 0x20 * ONES) & ~w & HIGHS;
  uint64_t x = w ^ (0x7F * ONES);
  uint64_t del = (x - ONES) & ~x & HIGHS;
  return !((w & HIGHS) | below | del);
}

/* True when the eight bytes at P are all ASCII. */
static inline bool ascii8(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return !(w & HIGHS);
}

/* Step 1.  Returns CASUS_EBINARY (with the offset of the first NUL, or of
 * the first bad byte) when IN looks binary, else CASUS_OK. */
static int check_binary(const char *in, size_t len, casus_error *err) {
  size_t bad = 0;
  size_t first_bad = len;
  size_t i = 0;
  while (i < len) {
    if (len - i >= 8 && printable8(in + i)) {
      i += 8;
      continue;
    }
    unsigned char b = (unsigned char)in[i];
    if (b == 0) {
      casus__err(err, CASUS_EBINARY, "", 0,
                 "binary input: NUL byte at offset %zu", i);
      if (err)
        err->offset = (long long)i;
      return CASUS_EBINARY;
    }
    size_t k = 1;
    bool is_bad = false;
    if (b >= 0x80) {
      k = utf8_len(in + i, len - i);
      is_bad = k == 0;
      if (!k)
        k = 1;
    } else {
      is_bad = is_bad_control(b);
    }
    if (is_bad) {
      if (first_bad == len)
        first_bad = i;
      bad++;
    }
    i += k;
  }
  if (bad >= CLEAN_BINARY_MIN_BAD && bad * 10 > len) {
    casus__err(err, CASUS_EBINARY, "", 0,
               "binary input: %zu of %zu bytes are invalid UTF-8 or "
               "control characters, the first at offset %zu",
               bad, len, first_bad);
    if (err)
      err->offset = (long long)first_bad;
    return CASUS_EBINARY;
  }
  return CASUS_OK;
}

/* Notes one run IN[START..END) of invalid bytes. */
static int note_invalid(clean_state *st, size_t start, size_t end) {
  st->utf8_seqs++;
  st->utf8_bytes += end - start;
  st->utf8_last_end = (uint32_t)end;
  if (st->utf8_seqs > CLEAN_MAX_UTF8_NOTES) {
    if (st->utf8_seqs == CLEAN_MAX_UTF8_NOTES + 1)
      st->utf8_first_unnoted = (uint32_t)start;
    return CASUS_OK;
  }
  return add_note(st, (uint32_t)start, (uint32_t)end, "utf8",
                  "replaced %zu invalid byte(s)", end - start);
}

/* Returns the length of the run of plain bytes at IN[I..LEN): ASCII that
 * needs no repair. */
static size_t plain_run(const char *in, size_t i, size_t len) {
  size_t j = i;
  while (j < len) {
    if (len - j >= 8 && printable8(in + j)) {
      j += 8;
      continue;
    }
    unsigned char b = (unsigned char)in[j];
    if (b >= 0x80 || b == '\r' || is_bad_control(b))
      break;
    j++;
  }
  return j - i;
}

/* Step 2.  Writes the repaired IN into B. */
static int repair(clean_state *st, const char *in, size_t len, casus_buf *b) {
  static const char fffd[] = "\xEF\xBF\xBD";
  size_t i = 0;
  int rc = CASUS_OK;
  if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && !rc) {
    unsigned char c = (unsigned char)in[i];
    size_t k = plain_run(in, i, len);
    if (k) {
      rc = casus__buf_append(b, in + i, k);
      i += k;
    } else if (c == '\r') {
      rc = casus__buf_append(b, "\n", 1);
      i += i + 1 < len && in[i + 1] == '\n' ? 2 : 1;
    } else if (c < 0x80) {
      if (!st->controls++)
        st->control_first = (uint32_t)i;
      rc = casus__buf_append(b, " ", 1);
      i++;
    } else if (utf8_len(in + i, len - i) > 0) {
      k = utf8_len(in + i, len - i);
      rc = casus__buf_append(b, in + i, k);
      i += k;
    } else {
      size_t j = i + 1;
      while (j < len && (unsigned char)in[j] >= 0x80 &&
             !utf8_len(in + j, len - j))
        j++;
      rc = casus__buf_append(b, fffd, 3);
      if (!rc)
        rc = note_invalid(st, i, j);
      i = j;
    }
  }
  return rc;
}

/* Adds the summary notes of step 2: invalid runs past the cap, and
 * control characters. */
static int repair_summary(clean_state *st) {
  int rc = CASUS_OK;
  if (st->utf8_seqs > CLEAN_MAX_UTF8_NOTES)
    rc = add_note(st, st->utf8_first_unnoted, st->utf8_last_end, "utf8",
                  "replaced %zu invalid byte(s) in %zu sequence(s) in all; "
                  "only the first %d are noted",
                  st->utf8_bytes, st->utf8_seqs, CLEAN_MAX_UTF8_NOTES);
  if (!rc && st->controls)
    rc = add_note(st, st->control_first, st->control_first + 1, "utf8",
                  "replaced %zu control character(s) by spaces",
                  st->controls);
  return rc;
}

/* Returns true when S[0..N) is certainly NFC already: every character is
 * below U+0300 (no combining marks, nothing that decomposes) or in
 * U+2002..U+207F (spaces, dashes, quotes, bullets, superscripts), which
 * neither decompose canonically nor compose with what precedes them. */
static bool surely_nfc(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (n - i >= 8 && ascii8(s + i)) {
      i += 8;
      continue;
    }
    unsigned char b = (unsigned char)s[i];
    if (b < 0xCC) {
      i++;
      continue;
    }
    if (b == 0xE2 && i + 2 < n) {
      unsigned char c1 = (unsigned char)s[i + 1];
      unsigned char c2 = (unsigned char)s[i + 2];
      if ((c1 == 0x80 && c2 >= 0x82) || c1 == 0x81) {
        i += 3;
        continue;
      }
    }
    return false;
  }
  return true;
}

/* Step 3.  Puts the NFC form of S[0..N) into the arena as *OUT.  Returns 0,
 * CASUS_ENOMEM or CASUS_EUTF8 (utf8proc refused the text, which repair
 * should have made impossible). */
static int to_nfc(clean_state *st, const char *s, size_t n, char **out,
                  size_t *outlen) {
  const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  utf8proc_int32_t *cp = NULL;
  size_t cap = n + 16;
  int rc = CASUS_OK;
  *out = NULL;
  if (surely_nfc(s, n)) {
    *out = casus__arena_strndup(st->arena, s, n);
    *outlen = n;
    return *out ? CASUS_OK : CASUS_ENOMEM;
  }
  for (;;) {
    cp = casus__malloc((cap + 1) * sizeof *cp);
    if (!cp) {
      rc = CASUS_ENOMEM;
      goto done;
    }
    utf8proc_ssize_t k = utf8proc_decompose(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cp,
        (utf8proc_ssize_t)cap, opt);
    if (k < 0) {
      rc = CASUS_EUTF8;
      goto done;
    }
    if ((size_t)k <= cap) {
      utf8proc_ssize_t m = utf8proc_reencode(cp, k, opt);
      if (m < 0) {
        rc = CASUS_EUTF8;
        goto done;
      }
      *out = casus__arena_strndup(st->arena, (const char *)cp, (size_t)m);
      *outlen = (size_t)m;
      if (!*out)
        rc = CASUS_ENOMEM;
      goto done;
    }
    casus__free(cp);
    cp = NULL;
    cap = (size_t)k;
  }
done:
  casus__free(cp);
  return rc;
}

/* Returns the length of the white-space character at S[0..N) (ASCII space
 * and tab, no-break and typographic spaces, zero-width space, BOM), or 0. */
static size_t space_len(const char *s, size_t n) {
  unsigned char b = (unsigned char)s[0];
  if (b == ' ' || b == '\t' || b == '\n')
    return 1;
  if (b == 0xC2 && n >= 2 && (unsigned char)s[1] == 0xA0)
    return 2;
  if (n < 3)
    return 0;
  unsigned char c1 = (unsigned char)s[1];
  unsigned char c2 = (unsigned char)s[2];
  if (b == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF))
    return 3;
  if (b == 0xE2 && c1 == 0x81 && c2 == 0x9F)
    return 3;
  if ((b == 0xE3 && c1 == 0x80 && c2 == 0x80) ||
      (b == 0xEF && c1 == 0xBB && c2 == 0xBF))
    return 3;
  return 0;
}

/* Returns the length of the white-space character that ends S[0..N). */
static size_t space_len_back(const char *s, size_t n) {
  size_t k = n >= 3 ? 3 : n;
  for (; k > 0; k--)
    if (space_len(s + n - k, k) == k)
      return k;
  return 0;
}

/* Returns the number of words (runs of non-space bytes holding a letter or
 * a non-ASCII byte) in S[0..N), counting no further than MAX (callers only
 * compare it with MAX). */
static size_t count_words(const char *s, size_t n, size_t max) {
  size_t words = 0;
  bool in_word = false;
  bool letter = false;
  for (size_t i = 0; i <= n && words < max; i++) {
    unsigned char b = i < n ? (unsigned char)s[i] : ' ';
    if (b == ' ' || b == '\t') {
      if (in_word && letter)
        words++;
      in_word = false;
      letter = false;
      continue;
    }
    in_word = true;
    if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
      letter = true;
    else if (b >= 0x80)
      letter = true;
  }
  return words;
}

/* Writes the primary subtag of LANG ("en" of "en-GB"), lower case, into
 * OUT[8]; "en" when LANG is NULL or empty. */
static void primary_lang(const char *lang, char out[8]) {
  /* English under another spelling ("eng", "English") is still English. */
  static const char *const english[] = {"eng", "english"};
  size_t o = 0;
  if (!lang || !*lang)
    lang = "en";
  while (lang[o] && lang[o] != '-' && lang[o] != '_' && o < 7) {
    unsigned char c = (unsigned char)lang[o];
    out[o] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    o++;
  }
  out[o] = '\0';
  for (size_t k = 0; k < CASUS_ARRAY_LEN(english); k++)
    if (!strcmp(out, english[k]))
      snprintf(out, 8, "en");
  if (strlen(out) != 2)
    out[0] = '\0'; /* not an ISO 639-1 code: no language filtering */
}

/* Returns true when A and B name the same language, counting languages
 * the identifier cannot tell apart as one. */
static bool same_lang(const char *a, const char *b) {
  static const char *const groups[] = {" nb nn no ", " id ms ",
                                       " hr sr bs "};
  if (strcmp(a, b) == 0)
    return true;
  char ka[12];
  char kb[12];
  snprintf(ka, sizeof ka, " %s ", a);
  snprintf(kb, sizeof kb, " %s ", b);
  for (size_t i = 0; i < CASUS_ARRAY_LEN(groups); i++)
    if (strstr(groups[i], ka) && strstr(groups[i], kb))
      return true;
  return false;
}

/* True when paragraph P[0..N) is in another language than LANG (its code
 * into GUESS).  Removing real text is worse than keeping a foreign line,
 * so it takes two witnesses: the function words of a language we know
 * (fr, es, de, ...) and libexttextcat agreeing that it is not LANG; or,
 * for scripts without a stop-word list, libexttextcat and a text that is
 * mostly non-ASCII letters (a short English line can look "Danish" to
 * n-grams, never Cyrillic). */
static bool foreign(casus_langid *lid, const char *lang, const char *p,
                    size_t n, char guess[8]) {
  char stop[8];
  bool by_stops = casus__langid_stopwords(lid, p, n, stop);
  if (by_stops && same_lang(stop, lang))
    return false;
  if (!casus__langid_textcat(lid, p, n, guess) || same_lang(guess, lang))
    return false;
  if (by_stops)
    return true;
  size_t letters = 0, non_ascii = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)p[i];
    bool lead = b >= 0xC0; /* the first byte of a non-ASCII character */
    non_ascii += lead;
    letters += lead || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
  }
  return letters && non_ascii * 2 >= letters;
}

/* Step 4 for one paragraph TEXT[S..E): keeps it or notes why not. */
static int judge(clean_state *st, casus_langid *lid,
                 const casus_chrome *chrome, const char *lang,
                 const char *text, size_t s, size_t e) {
  const char *p = text + s;
  size_t n = e - s;
  const char *id = casus__chrome_match(chrome, p, n);
  if (id)
    return add_note(st, (uint32_t)s, (uint32_t)e, "boilerplate",
                    "chrome:%s", id);
  char guess[8];
  if (lid && *lang && n >= CLEAN_LANG_MIN_BYTES &&
      count_words(p, n, CLEAN_LANG_MIN_WORDS) >= CLEAN_LANG_MIN_WORDS &&
      foreign(lid, lang, p, n, guess))
    return add_note(st, (uint32_t)s, (uint32_t)e, "language",
                    "%s (article: %s)", guess, lang);
  if (casus__grow((void **)&st->keep, &st->capkeep, st->nkeep + 1,
                  sizeof *st->keep))
    return CASUS_ENOMEM;
  st->keep[st->nkeep++] = (casus_span){(uint32_t)s, (uint32_t)e};
  return CASUS_OK;
}

/* Step 4.  Sets *NPARAS to the number of non-blank paragraphs. */
static int paragraphs(clean_state *st, casus_langid *lid,
                      const casus_chrome *chrome, const char *lang,
                      const char *text, size_t len, size_t *nparas) {
  size_t i = 0;
  *nparas = 0;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    size_t s = i;
    size_t e = end;
    while (s < e) {
      size_t k = space_len(text + s, e - s);
      if (!k)
        break;
      s += k;
    }
    while (e > s) {
      size_t k = space_len_back(text + s, e - s);
      if (!k)
        break;
      e -= k;
    }
    if (e > s) {
      ++*nparas;
      int rc = judge(st, lid, chrome, lang, text, s, e);
      if (rc)
        return rc;
    }
    i = end + 1;
  }
  return CASUS_OK;
}

/* Copies the notes and kept spans into the arena as OUT's arrays. */
static int publish(clean_state *st, casus_clean *out) {
  if (st->nnotes) {
    out->notes = casus__arena_alloc(st->arena,
                                    st->nnotes * sizeof *st->notes);
    if (!out->notes)
      return CASUS_ENOMEM;
    memcpy(out->notes, st->notes, st->nnotes * sizeof *st->notes);
  }
  out->nnotes = st->nnotes;
  if (st->nkeep) {
    out->keep = casus__arena_alloc(st->arena, st->nkeep * sizeof *st->keep);
    if (!out->keep)
      return CASUS_ENOMEM;
    memcpy(out->keep, st->keep, st->nkeep * sizeof *st->keep);
  }
  out->nkeep = st->nkeep;
  return CASUS_OK;
}

int casus__clean(casus_langid *lid, const casus_chrome *chrome,
                 const char *lang, const char *in, size_t len,
                 casus_arena *a, casus_clean *out, casus_error *err) {
  clean_state st = {.arena = a};
  casus_buf fixed = {0};
  char primary[8];
  size_t nparas = 0;
  int rc = CASUS_OK;
  memset(out, 0, sizeof *out);
  if (!in && len)
    return casus__err(err, CASUS_EINVAL, "", 0, "no text");
  if (len > CLEAN_MAX_IN)
    return casus__err(err, CASUS_ETOOBIG, "", 0,
                      "article text of %zu bytes exceeds the cap of %u",
                      len, CLEAN_MAX_IN);
  rc = check_binary(in, len, err);
  if (rc)
    return rc;
  rc = repair(&st, in, len, &fixed);
  if (!rc)
    rc = repair_summary(&st);
  if (!rc)
    rc = to_nfc(&st, fixed.data ? fixed.data : "", fixed.len, &out->text,
                &out->len);
  if (rc)
    goto fail;
  if (out->len != fixed.len ||
      (fixed.len && memcmp(out->text, fixed.data, fixed.len) != 0)) {
    rc = add_note(&st, 0, (uint32_t)out->len, "nfc",
                  "normalized to NFC (%zu -> %zu bytes)", fixed.len,
                  out->len);
    if (rc)
      goto fail;
  }
  primary_lang(lang, primary);
  rc = paragraphs(&st, lid, chrome, primary, out->text, out->len, &nparas);
  if (rc)
    goto fail;
  if (!nparas) {
    rc = CASUS_EEMPTY;
    goto fail;
  }
  rc = publish(&st, out);
  if (rc)
    goto fail;
  casus__buf_free(&fixed);
  casus__free(st.notes);
  casus__free(st.keep);
  return CASUS_OK;

fail:
  casus__buf_free(&fixed);
  casus__free(st.notes);
  casus__free(st.keep);
  memset(out, 0, sizeof *out);
  if (rc == CASUS_EEMPTY)
    return casus__err(err, rc, "", 0, "article text is empty");
  return casus__err(err, rc, "", 0, "cleaning failed: %s",
                    casus_strerror(rc));
}
