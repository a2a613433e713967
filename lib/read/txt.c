/* txt.c -- a plain-text file -> one article.
 *
 * The text is the file as read (a UTF-8 byte-order mark dropped); invalid
 * UTF-8 is left for the cleaning stage to repair.  The id is the file name
 * without extension, the date, outlet and language come from the reader's
 * options.  A short first line followed by a blank line is also taken as
 * the title, without removing it from the text. */
#include "read/read_int.h"

#include <string.h>

#define TITLE_MAX 200  /* a longer first line is a paragraph, not a title */

/* Returns the title (a new string) when S starts with a short line and a
 * blank line; *TITLE is NULL otherwise.  Returns CASUS_OK or ENOMEM. */
static int find_title(const char *s, size_t n, char **title) {
  *title = NULL;
  const char *nl = memchr(s, '\n', n < TITLE_MAX + 2 ? n : TITLE_MAX + 2);
  if (!nl)
    return CASUS_OK;
  size_t tlen = (size_t)(nl - s);
  const char *rest = nl + 1;
  size_t left = n - tlen - 1;
  if (left && rest[0] == '\r') {
    rest++;
    left--;
  }
  if (!left || rest[0] != '\n')
    return CASUS_OK;
  while (tlen && (s[tlen - 1] == '\r' || s[tlen - 1] == ' ' ||
                  s[tlen - 1] == '\t'))
    tlen--;
  size_t lead = 0;
  while (lead < tlen && (s[lead] == ' ' || s[lead] == '\t'))
    lead++;
  if (tlen == lead || tlen >= TITLE_MAX)
    return CASUS_OK;
  *title = casus__strndup(s + lead, tlen - lead);
  return *title ? CASUS_OK : CASUS_ENOMEM;
}

/* Fills A's fields; returns CASUS_OK or CASUS_ENOMEM. */
static int fill(const casus_rctx *c, const char *s, size_t n,
                casus_article *a) {
  a->text = casus__strndup(s, n);
  a->text_len = n;
  a->id = casus__read_path_id(c->root, c->name);
  if (!a->id && a->text)
    a->id = casus__read_hash_id(s, n);
  a->published = casus__strdup(c->published);
  a->source = casus__strdup(c->source);
  a->language = casus__strdup(c->language);
  a->origin = casus__read_origin(c->name, 1);
  if (!a->text || !a->id || !a->published || !a->language || !a->origin ||
      (c->source && !a->source))
    return CASUS_ENOMEM;
  return find_title(s, n, &a->title);
}

int casus__txt_article(const casus_rctx *c, const char *s, size_t n,
                       casus_article **out, casus_error *err) {
  *out = NULL;
  if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
    s += 3;
    n -= 3;
  }
  if (casus__read_blank(s, n))
    return casus__err(err, CASUS_EEMPTY, c->name, 0, "empty file");
  if (memchr(s, '\0', n) || casus__looks_binary(s, n))
    return casus__err(err, CASUS_EBINARY, c->name, 0,
                      "binary data, not text");
  if (!c->published)
    return casus__err(err, CASUS_EDATE, c->name, 0,
                      "no publication date for %s: pass --published "
                      "YYYY-MM-DD",
                      c->name);
  casus_article *a = casus_article_new();
  int rc = a ? fill(c, s, n, a) : CASUS_ENOMEM;
  if (rc) {
    casus_article_free(a);
    return casus__err(err, rc, c->name, 0, "out of memory");
  }
  *out = a;
  return CASUS_OK;
}
