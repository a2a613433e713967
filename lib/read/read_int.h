/* read_int.h -- internals shared by the files of the reader (lib/read/).
 *
 * The reader is layered:
 *   stream.c   bytes from a file, stdin or memory, gunzipped when they
 *              start with the gzip magic, handed out in lines or whole;
 *   article.c  article allocation and field helpers (dates, ids, origin);
 *   jsonl.c    JSON Lines / JSON records -> articles;
 *   jsonfast.c a strict fast path for a flat record (strings and nulls)
 *              that builds jansson's own object, declining anything else
 *              to json_loadb;
 *   txt.c      a plain-text file -> one article;
 *   html.c     an HTML page -> one article (libxml2);
 *   reader.c   the public casus_reader_*: files, directories, formats.
 * Memory held by a stream is bounded by its chunk buffers plus the record
 * cap, whatever the size of the input.
 */
#ifndef CASUS_READ_INT_H
#define CASUS_READ_INT_H

#include "casus_int.h"

#include <stdio.h>

#define CASUS_READ_DEFAULT_MAX ((size_t)16 << 20)  /* 16 MiB */

/* Input formats. */
enum {
  CASUS_FMT_AUTO = 0,
  CASUS_FMT_JSONL,
  CASUS_FMT_JSON,  /* .json: one object, an array of objects, or JSONL */
  CASUS_FMT_TXT,
  CASUS_FMT_HTML
};

/* ----------------------------------------------------------------- stream */

typedef struct casus_rstream casus_rstream;

/* Opens PATH ("-" for stdin) as a byte stream; gzip data is detected by its
 * magic and inflated.  Returns CASUS_OK or CASUS_EIO/ENOMEM with ERR set.
 * Free with casus__rs_close. */
int casus__rs_open_file(const char *path, casus_rstream **out,
                        casus_error *err);
/* Opens a stream over a copy of BUF[0..LEN). */
int casus__rs_open_mem(const void *buf, size_t len, casus_rstream **out);
void casus__rs_close(casus_rstream *rs);

/* Points *P at up to the first chunk of decoded bytes without consuming
 * them (*N bytes; 0 at EOF).  Returns CASUS_OK or a stream error. */
int casus__rs_peek(casus_rstream *rs, const char **p, size_t *n);

/* Reads one line (without its '\n' or a trailing '\r') into LINE, which is
 * reset first and holds at most MAX bytes.  A longer line is read to its
 * end and discarded: *TOOLONG is set and LINE is left empty.  *OFF gets the
 * line's byte offset.  Returns CASUS_OK, CASUS_DONE at the end, or a
 * stream error (CASUS_ETRUNC, CASUS_EPARSE, CASUS_EIO); a line cut off by
 * an error is not returned. */
int casus__rs_getline(casus_rstream *rs, casus_buf *line, size_t max,
                      bool *toolong, long long *off);

/* Reads the rest of the stream into ALL (reset first), at most MAX bytes.
 * Returns CASUS_OK, CASUS_ETOOBIG (the rest is then skipped) or a stream
 * error. */
int casus__rs_read_all(casus_rstream *rs, casus_buf *all, size_t max);

/* Returns the message of the last stream error (static or in RS). */
const char *casus__rs_errmsg(const casus_rstream *rs);

/* True when the first bytes of P[0..N) look binary rather than text: a
 * large share of NUL or other control bytes. */
bool casus__looks_binary(const char *p, size_t n);

/* ---------------------------------------------------------------- article */

/* Parses an ISO-8601 date or date-time S (outer spaces allowed) and writes
 * the calendar date it names, as written (no time zone shift), to OUT[11].
 * Returns false when S is not a real date. */
bool casus__read_date(const char *s, char out[11]);

/* Returns a new "h" + 16 hex digits id derived from TEXT, NULL on OOM. */
char *casus__read_hash_id(const char *text, size_t len);

/* Returns a new "FILE:LINE" string, NULL on OOM. */
char *casus__read_origin(const char *file, long line);

/* Returns a new copy of the file name of PATH without its directory and
 * without ".gz" and one more extension; NULL when nothing is left or on
 * OOM. */
char *casus__read_basename_id(const char *path);

/* The id of a whole-file article: PATH relative to ROOT (a directory
 * being walked, NULL otherwise) without its extensions, so that
 * "a/report.txt" and "b/report.txt" stay two articles; the bare file name
 * when ROOT is NULL.  A new string, NULL on OOM. */
char *casus__read_path_id(const char *root, const char *path);

/* True when S[0..N) holds only ASCII white space. */
bool casus__read_blank(const char *s, size_t n);

/* Writes "N MiB" or "N bytes" for a cap into OUT. */
void casus__read_fmt_size(size_t n, char *out, size_t outcap);

/* --------------------------------------------------------------- formats */

/* What the per-format parsers need besides their input. */
typedef struct casus_rctx {
  const char *name;       /* file name for errors and origin */
  long line;              /* line the record starts on (1 for txt/html) */
  long long offset;       /* byte offset of the record */
  const char *published;  /* normalized default date or NULL */
  const char *source;     /* default outlet or NULL */
  const char *language;   /* default language, never NULL */
  const char *root;       /* the directory being walked, or NULL */
} casus_rctx;

/* Builds an article from one JSON text S[0..N) (a JSONL line).  Returns
 * CASUS_OK and *OUT (caller frees) or a negative code with ERR set. */
int casus__jsonl_record(const casus_rctx *c, const char *s, size_t n,
                        casus_article **out, casus_error *err);

/* Parses S[0..N) when it is one flat JSON object whose values are
 * strings or null, into the object json_loadb(S, N, 0) would return (a
 * new reference, caller json_decref's).  Returns NULL when it declines:
 * for anything else, invalid JSON included; the caller then uses
 * json_loadb, whose result and errors are the reference. */
struct json_t *casus__json_fast(const char *s, size_t n);

/* Builds an article from one parsed JSON value (jansson json_t *). */
int casus__json_article(const casus_rctx *c, const void *json,
                        casus_article **out, casus_error *err);

/* Builds an article from a whole plain-text file S[0..N). */
int casus__txt_article(const casus_rctx *c, const char *s, size_t n,
                       casus_article **out, casus_error *err);

/* Builds an article from a whole HTML page S[0..N). */
int casus__html_article(const casus_rctx *c, const char *s, size_t n,
                        casus_article **out, casus_error *err);

#endif /* CASUS_READ_INT_H */
