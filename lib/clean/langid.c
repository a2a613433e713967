/* langid.c -- paragraph language identification for the cleaning stage.
 *
 * Two layers.  A stop-word count decides the common case cheaply: a
 * paragraph where 15% of the words are function words of one language
 * (and at least twice as many as of any other) is in that language.  What
 * stays undecided goes to libexttextcat's n-gram classifier, restricted to
 * a few dozen languages that matter for news (the full set of 160 costs
 * about 0.4 ms per paragraph and mistakes English for Scots).
 *
 * libexttextcat reads its languages from a configuration file, so open
 * writes one listing the chosen fingerprints to a temporary file, loads
 * it, and removes it.  Fingerprints are looked for in CASUS_TEXTCAT_DIR,
 * else in the Debian location /usr/share/libexttextcat/.
 *
 * Thread safety: a textcat handle is not documented as reentrant (its
 * textcat_Classify writes into a buffer of the handle), so the classifier
 * call is serialized with a mutex and a casus_langid may then be shared by
 * threads.  The stop-word table is read-only after open.  libexttextcat
 * allocates with plain malloc; those bytes escape casus_set_allocator.
 */
#include "casus_int.h"

#include <libexttextcat/textcat.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXTCAT_DIR "/usr/share/libexttextcat/"
#define LANGID_MAX_LANGS 64   /* bound on the fingerprints loaded */
#define LANGID_MAX_BYTES 512  /* the classifier sees at most this much */
#define LANGID_MIN_BYTES 24   /* below this, never guess */
#define STOP_MIN_WORDS 6      /* the stop-word layer needs this many words */
#define STOP_MIN_PERCENT 15   /* ... of which this share are stop words */

/* Languages given to the classifier, most likely first (textcat stops
 * scoring a language early once it is worse than the best so far).  The
 * first column is the fingerprint file, the second the code reported. */
static const struct {
  const char *file;
  const char *code;
} langs[] = {
  {"en", "en"}, {"fr", "fr"}, {"es", "es"}, {"de", "de"}, {"ar", "ar"},
  {"ru", "ru"}, {"pt", "pt"}, {"it", "it"}, {"nl", "nl"}, {"tr", "tr"},
  {"fa", "fa"}, {"uk", "uk"}, {"pl", "pl"}, {"zh-Hans", "zh"},
  {"ja", "ja"}, {"ko", "ko"}, {"hi", "hi"}, {"ur", "ur"}, {"id", "id"},
  {"ms", "ms"}, {"sw", "sw"}, {"ro", "ro"}, {"sv", "sv"}, {"da", "da"},
  {"nb", "nb"}, {"fi", "fi"}, {"cs", "cs"}, {"sk", "sk"}, {"hu", "hu"},
  {"el", "el"}, {"he", "he"}, {"vi", "vi"}, {"bn", "bn"}, {"ca", "ca"},
  {"hr", "hr"}, {"sr-Latn", "sr"}, {"bg", "bg"}, {"so", "so"},
  {"am", "am"},
};

/* Function words by language.  A word may be listed for several
 * languages; it then counts for each. */
static const struct {
  const char *code;
  const char *words;  /* space-separated, lower case */
} stops[] = {
  {"en", "the of and to in a is that for on was with said as it by at "
         "from his her he she they have has had were be been are this "
         "which who will would not but an its their after about also "
         "there or more than when we our into over before against during "
         "while since between under least up out all some other these "
         "those being do did can could may should what where how if "
         "because so such only two three four five"},
  {"fr", "le la les de des du et un une est que qui dans pour sur au aux "
         "pas par il elle ils ont sont avec ce cette se sa son ses plus "
         "ou mais été être nous vous leur été à où l d"},
  {"es", "el la los las de del y en que un una es por con para se su "
         "sus al lo como más pero fue ha han son este esta está entre "
         "sobre también sin desde"},
  {"de", "der die das und den dem des ist nicht ein eine einen einem "
         "mit sich auf für von im zu auch es sie er wir wurde wird sind "
         "hat haben bei nach aus wie aber noch über oder"},
  {"it", "il lo la gli le di del della dei delle e che un una è per con "
         "non si sono nel nella al alla ha anche come più ma da dopo"},
  {"pt", "o a os as de do da dos das e que um uma é em no na nos nas por "
         "para com não se foi ao mais como mas seu sua são também"},
  {"nl", "de het een en van in is dat op te voor met zijn niet er aan "
         "ook als bij door maar om naar uit werd wordt hij zij worden"},
};

struct casus_langid {
  void *tc;              /* libexttextcat handle */
  pthread_mutex_t lock;  /* serializes calls into tc */
  casus_map *stop;       /* word -> bit set of stops[] indices + 1 */
  uint16_t lens[256];    /* by first byte: bit K set when a stop word of
                            K bytes (K < 16) starts with it; a word whose
                            bit is clear needs no lookup */
  uint16_t ends[256];    /* the same by last byte */
};

/* Returns the fingerprint directory, always ending in '/', in BUF. */
static const char *textcat_dir(char *buf, size_t cap) {
  const char *d = getenv("CASUS_TEXTCAT_DIR");
  if (!d || !*d)
    return TEXTCAT_DIR;
  size_t n = strlen(d);
  snprintf(buf, cap, "%s%s", d, d[n - 1] == '/' ? "" : "/");
  return buf;
}

/* Writes a textcat configuration naming the fingerprints of langs[] that
 * exist under DIR into a new temporary file whose name goes to PATH.
 * Returns the number of languages listed, or a negative CASUS_E* code. */
static int write_conf(const char *dir, char *path, size_t cap) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp)
    tmp = "/tmp";
  int n = snprintf(path, cap, "%s/casus-textcat-XXXXXX", tmp);
  if (n < 0 || (size_t)n >= cap)
    return CASUS_EIO;
  int fd = mkstemp(path);
  if (fd < 0)
    return CASUS_EIO;
  FILE *f = fdopen(fd, "w");
  if (!f) {
    close(fd);
    unlink(path);
    return CASUS_EIO;
  }
  int count = 0;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(langs); i++) {
    char lm[1024];
    snprintf(lm, sizeof lm, "%s%s.lm", dir, langs[i].file);
    if (access(lm, R_OK) != 0)
      continue;
    fprintf(f, "%s.lm %s\n", langs[i].file, langs[i].code);
    count++;
  }
  if (fclose(f) != 0) {
    unlink(path);
    return CASUS_EIO;
  }
  return count;
}

/* Fills the stop-word map.  Returns 0 or CASUS_ENOMEM. */
static int load_stops(casus_langid *l) {
  casus_map *m = l->stop;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(stops); i++) {
    const char *p = stops[i].words;
    while (*p) {
      size_t k = strcspn(p, " ");
      if (k && k < 16) {
        l->lens[(unsigned char)p[0]] |= (uint16_t)(1u << k);
        l->ends[(unsigned char)p[k - 1]] |= (uint16_t)(1u << k);
      }
      if (k) {
        void **slot = casus__map_slot(m, p, k);
        if (!slot)
          return CASUS_ENOMEM;
        *slot = (void *)((uintptr_t)*slot | ((uintptr_t)1 << i));
      }
      p += k;
      while (*p == ' ')
        p++;
    }
  }
  return CASUS_OK;
}

int casus__langid_open(casus_langid **out, casus_error *err) {
  char dirbuf[512];
  char conf[1024];
  int rc = CASUS_OK;
  int have_conf = 0;
  int have_lock = 0;
  *out = NULL;
  casus_langid *l = casus__calloc(1, sizeof *l);
  if (!l)
    return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
  l->stop = casus__map_new();
  if (!l->stop || load_stops(l)) {
    rc = casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
    goto fail;
  }
  if (pthread_mutex_init(&l->lock, NULL) != 0) {
    rc = casus__err(err, CASUS_ENOMEM, "", 0, "cannot create a mutex");
    goto fail;
  }
  have_lock = 1;
  const char *dir = textcat_dir(dirbuf, sizeof dirbuf);
  int n = write_conf(dir, conf, sizeof conf);
  if (n < 0) {
    rc = casus__err(err, n, "", 0,
                    "cannot write a textcat configuration in TMPDIR");
    goto fail;
  }
  have_conf = 1;
  if (n == 0) {
    rc = casus__err(err, CASUS_EDATA, dir, 0,
                    "no libexttextcat fingerprints (*.lm) found");
    goto fail;
  }
  l->tc = special_textcat_Init(conf, dir);
  if (!l->tc) {
    rc = casus__err(err, CASUS_EDATA, dir, 0,
                    "libexttextcat could not load its fingerprints");
    goto fail;
  }
  textcat_SetProperty(l->tc, TCPROP_UTF8AWARE, TC_TRUE);
  unlink(conf);
  *out = l;
  return CASUS_OK;

fail:
  if (have_conf)
    unlink(conf);
  if (have_lock)
    pthread_mutex_destroy(&l->lock);
  casus__map_free(l->stop);
  casus__free(l);
  return rc;
}

void casus__langid_close(casus_langid *l) {
  if (!l)
    return;
  if (l->tc)
    textcat_Done(l->tc);
  pthread_mutex_destroy(&l->lock);
  casus__map_free(l->stop);
  casus__free(l);
}

_Static_assert(CASUS_ARRAY_LEN(langs) <= LANGID_MAX_LANGS,
               "raise LANGID_MAX_LANGS");
_Static_assert(CASUS_ARRAY_LEN(stops) < sizeof(uintptr_t) * 8,
               "too many stop-word languages for a bit set");

/* Returns the length of the letter character at S[I] (ASCII letters and
 * any non-ASCII character but the usual typographic punctuation, spaces
 * and quotes), or 0 when it is not a letter. */
static inline size_t letter_len(const char *s, size_t i, size_t n) {
  unsigned char b = (unsigned char)s[i];
  if (b < 0x80)
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  if (b == 0xC2 && i + 1 < n) {
    unsigned char c = (unsigned char)s[i + 1];
    if (c == 0xA0 || c == 0xAB || c == 0xBB)  /* NBSP, guillemets */
      return 0;
  }
  if (b == 0xE2 && i + 1 < n && (unsigned char)s[i + 1] == 0x80)
    return 0;  /* U+2000..U+203F: spaces, dashes, quotes, bullets */
  size_t k = 1;
  while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
    k++;
  return k;
}

/* The stop-word layer.  Returns the index in stops[] of the language S is
 * clearly written in, or -1 when the counts do not decide. */
static int guess_by_stops(const casus_langid *l, const char *s, size_t n) {
  int hits[CASUS_ARRAY_LEN(stops)] = {0};
  int words = 0;
  size_t i = 0;
  while (i < n) {
    size_t k = letter_len(s, i, n);
    if (!k) {
      i++;
      while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
      continue;
    }
    size_t j = i + k;
    while (j < n) {
      unsigned char b = (unsigned char)s[j];
      if (b < 0x80) { /* letter_len, inline for ASCII */
        if ((b | 0x20) < 'a' || (b | 0x20) > 'z')
          break;
        j++;
        continue;
      }
      k = letter_len(s, j, n);
      if (!k)
        break;
      j += k;
    }
    words++;
    char w[16];
    k = j - i;
    unsigned char b0 = (unsigned char)s[i], b1 = (unsigned char)s[j - 1];
    b0 = (unsigned char)(b0 >= 'A' && b0 <= 'Z' ? b0 + 32 : b0);
    b1 = (unsigned char)(b1 >= 'A' && b1 <= 'Z' ? b1 + 32 : b1);
    if (k < sizeof w && (l->lens[b0] >> k & 1u) && (l->ends[b1] >> k & 1u)) {
      for (size_t t = 0; t < k; t++) {
        unsigned char b = (unsigned char)s[i + t];
        w[t] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
      }
      uintptr_t bits = (uintptr_t)casus__map_get(l->stop, w, k);
      for (size_t t = 0; bits && t < CASUS_ARRAY_LEN(stops); t++)
        if (bits & ((uintptr_t)1 << t))
          hits[t]++;
    }
    i = j;
  }
  if (words < STOP_MIN_WORDS)
    return -1;
  int best = -1;
  int h1 = 0, h2 = 0;
  for (int t = 0; t < (int)CASUS_ARRAY_LEN(stops); t++) {
    if (hits[t] > h1) {
      h2 = h1;
      h1 = hits[t];
      best = t;
    } else if (hits[t] > h2) {
      h2 = hits[t];
    }
  }
  if (h1 >= 3 && h1 * 100 >= words * STOP_MIN_PERCENT && h1 >= 2 * h2)
    return best;
  return -1;
}

/* Returns how many bytes of S[0..N) to classify: at most
 * LANGID_MAX_BYTES, cut before a UTF-8 continuation byte. */
static size_t clip_utf8(const char *s, size_t n) {
  if (n <= LANGID_MAX_BYTES)
    return n;
  size_t k = LANGID_MAX_BYTES;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
    k--;
  return k;
}

/* The n-gram layer.  Returns the reported code of the best language when
 * it is ahead of the runner-up by at least 1% of its score, else NULL. */
static const char *guess_by_ngrams(casus_langid *l, const char *s,
                                   size_t n) {
  candidate_t cand[LANGID_MAX_LANGS];
  pthread_mutex_lock(&l->lock);
  int k = textcat_ClassifyFull(l->tc, s, clip_utf8(s, n), cand);
  pthread_mutex_unlock(&l->lock);
  if (k < 1 || k > LANGID_MAX_LANGS)
    return NULL;  /* SHORT (-2), UNKNOWN (0, too many close candidates) */
  int best = 0;
  for (int i = 1; i < k; i++)
    if (cand[i].score < cand[best].score)
      best = i;
  for (int i = 0; i < k; i++) {
    if (i == best)
      continue;
    long gap = (long)cand[i].score - cand[best].score;
    if (gap * 100 < (long)cand[best].score)
      return NULL;
  }
  return cand[best].name;
}

bool casus__langid_textcat(casus_langid *l, const char *s, size_t n,
                           char out[8]) {
  out[0] = '\0';
  if (!l || n < LANGID_MIN_BYTES)
    return false;
  const char *code = guess_by_ngrams(l, s, n);
  if (!code)
    return false;
  snprintf(out, 8, "%s", code);
  return true;
}

bool casus__langid_stopwords(const casus_langid *l, const char *s, size_t n,
                             char out[8]) {
  out[0] = '\0';
  int t = l && n >= LANGID_MIN_BYTES ? guess_by_stops(l, s, n) : -1;
  if (t < 0)
    return false;
  snprintf(out, 8, "%s", stops[t].code);
  return true;
}

bool casus__langid_guess(casus_langid *l, const char *s, size_t n,
                         char out[8]) {
  out[0] = '\0';
  if (!l || n < LANGID_MIN_BYTES)
    return false;
  const char *code = NULL;
  int t = guess_by_stops(l, s, n);
  if (t >= 0)
    code = stops[t].code;
  else
    code = guess_by_ngrams(l, s, n);
  if (!code)
    return false;
  snprintf(out, 8, "%s", code);
  return true;
}
