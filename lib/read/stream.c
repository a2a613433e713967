/* stream.c -- bytes from a file, stdin or memory, gunzipped on the fly.
 *
 * A stream reads its source in fixed chunks; when the first bytes are the
 * gzip magic (1f 8b) it inflates them with zlib (concatenated members are
 * read one after the other).  Decoded bytes wait in one chunk buffer, so a
 * stream holds O(chunk) memory whatever the input size; lines and whole
 * reads are copied out into caller buffers that carry their own cap.
 *
 * Errors are sticky and reported only once every byte decoded before them
 * has been handed out, so the complete records of a truncated .gz are
 * still read.
 */
#include "read/read_int.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#define CHUNK ((size_t)65536)

struct casus_rstream {
  FILE *fp;              /* NULL for a memory source */
  bool own_fp;           /* fclose on close (not stdin) */
  unsigned char *mem;    /* owned copy of a memory source */
  size_t mem_len, mem_pos;
  bool raw_eof;          /* the source has no more bytes */
  bool gz;               /* inflating */
  bool z_live;           /* inflateInit2 succeeded */
  bool member_end;       /* the current gzip member has ended */
  z_stream z;
  unsigned char *raw;    /* compressed input chunk (gzip only) */
  unsigned char *out;    /* decoded bytes */
  size_t pos, len;       /* unread decoded bytes: out[pos..len) */
  long long base;        /* decoded offset of out[0] */
  int err;               /* sticky error code, 0 when none */
  char errmsg[160];      /* its text */
};

/* zlib allocates through the library hook so OOM tests reach it too. */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size) {
  (void)opaque;
  return casus__calloc(items, size);
}

static void z_free(voidpf opaque, voidpf p) {
  (void)opaque;
  casus__free(p);
}

/* Records the first error; later ones keep the first message. */
static void set_err(casus_rstream *rs, int code, const char *msg) {
  if (rs->err)
    return;
  rs->err = code;
  snprintf(rs->errmsg, sizeof rs->errmsg, "%s", msg);
}

/* Reads up to CAP raw bytes into BUF; returns how many (0 at EOF or on an
 * error, which is recorded). */
static size_t raw_read(casus_rstream *rs, unsigned char *buf, size_t cap) {
  if (rs->raw_eof)
    return 0;
  size_t n;
  if (rs->fp) {
    n = fread(buf, 1, cap, rs->fp);
    if (n < cap) {
      rs->raw_eof = true;
      if (ferror(rs->fp))
        set_err(rs, CASUS_EIO, "read error");
    }
    return n;
  }
  n = rs->mem_len - rs->mem_pos;
  if (n > cap)
    n = cap;
  memcpy(buf, rs->mem + rs->mem_pos, n);
  rs->mem_pos += n;
  if (rs->mem_pos == rs->mem_len)
    rs->raw_eof = true;
  return n;
}

/* Reads the first chunk and switches to inflating when it is gzip.
 * Returns CASUS_OK or CASUS_ENOMEM. */
static int start(casus_rstream *rs) {
  rs->out = casus__malloc(CHUNK);
  if (!rs->out)
    return CASUS_ENOMEM;
  size_t n = raw_read(rs, rs->out, CHUNK);
  if (n < 2 || rs->out[0] != 0x1f || rs->out[1] != 0x8b) {
    rs->len = n;
    return CASUS_OK;
  }
  rs->raw = rs->out;
  rs->out = casus__malloc(CHUNK);
  if (!rs->out)
    return CASUS_ENOMEM;
  rs->gz = true;
  rs->z.zalloc = z_alloc;
  rs->z.zfree = z_free;
  rs->z.next_in = rs->raw;
  rs->z.avail_in = (uInt)n;
  if (inflateInit2(&rs->z, 16 + MAX_WBITS) != Z_OK)
    return CASUS_ENOMEM;
  rs->z_live = true;
  return CASUS_OK;
}

/* After a gzip member ends: starts the next one if another follows.
 * Returns true when there is one; trailing bytes that are not a gzip
 * header are ignored, as gzip(1) does with padding. */
static bool next_member(casus_rstream *rs) {
  if (rs->z.avail_in == 0) {
    size_t n = raw_read(rs, rs->raw, CHUNK);
    rs->z.next_in = rs->raw;
    rs->z.avail_in = (uInt)n;
  }
  if (rs->z.avail_in == 0 || rs->z.next_in[0] != 0x1f)
    return false;
  if (inflateReset(&rs->z) != Z_OK)
    return false;
  rs->member_end = false;
  return true;
}

/* Inflates into out[]; returns CASUS_OK with bytes, CASUS_DONE or an
 * error. */
static int fill_gz(casus_rstream *rs) {
  for (;;) {
    if (rs->member_end && !next_member(rs))
      return rs->err ? rs->err : CASUS_DONE;
    if (rs->z.avail_in == 0 && !rs->raw_eof) {
      size_t n = raw_read(rs, rs->raw, CHUNK);
      rs->z.next_in = rs->raw;
      rs->z.avail_in = (uInt)n;
    }
    rs->z.next_out = rs->out;
    rs->z.avail_out = (uInt)CHUNK;
    int zr = inflate(&rs->z, Z_NO_FLUSH);
    size_t got = CHUNK - rs->z.avail_out;
    if (zr == Z_STREAM_END) {
      rs->member_end = true;
    } else if (zr == Z_MEM_ERROR) {
      set_err(rs, CASUS_ENOMEM, "out of memory while inflating");
    } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
      char msg[160];
      snprintf(msg, sizeof msg, "corrupt gzip data (%s)",
               rs->z.msg ? rs->z.msg : "bad stream");
      set_err(rs, CASUS_EPARSE, msg);
    } else if (got == 0 && rs->z.avail_in == 0 && rs->raw_eof) {
      set_err(rs, CASUS_ETRUNC, "truncated gzip data (unexpected end)");
    }
    if (got) {
      rs->len = got;
      return CASUS_OK;
    }
    if (rs->err)
      return rs->err;
  }
}

/* Refills out[] once it is drained.  Returns CASUS_OK with at least one
 * byte, CASUS_DONE at the end, or the sticky error. */
static int fill(casus_rstream *rs) {
  rs->base += (long long)rs->len;
  rs->pos = 0;
  rs->len = 0;
  if (rs->err)
    return rs->err;
  if (rs->gz)
    return fill_gz(rs);
  size_t n = raw_read(rs, rs->out, CHUNK);
  if (n) {
    rs->len = n;
    return CASUS_OK;
  }
  return rs->err ? rs->err : CASUS_DONE;
}

int casus__rs_open_file(const char *path, casus_rstream **out,
                        casus_error *err) {
  *out = NULL;
  casus_rstream *rs = casus__calloc(1, sizeof *rs);
  if (!rs)
    return casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
  if (strcmp(path, "-") == 0) {
    rs->fp = stdin;
  } else {
    rs->fp = fopen(path, "rb");
    rs->own_fp = true;
    if (!rs->fp) {
      int e = errno;
      casus__free(rs);
      return casus__err(err, CASUS_EIO, path, 0, "cannot open: %s",
                        strerror(e));
    }
  }
  if (start(rs)) {
    casus__rs_close(rs);
    return casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
  }
  *out = rs;
  return CASUS_OK;
}

int casus__rs_open_mem(const void *buf, size_t len, casus_rstream **out) {
  *out = NULL;
  casus_rstream *rs = casus__calloc(1, sizeof *rs);
  if (!rs)
    return CASUS_ENOMEM;
  rs->mem = casus__malloc(len ? len : 1);
  if (!rs->mem) {
    casus__free(rs);
    return CASUS_ENOMEM;
  }
  if (len)
    memcpy(rs->mem, buf, len);
  rs->mem_len = len;
  rs->raw_eof = len == 0;
  if (start(rs)) {
    casus__rs_close(rs);
    return CASUS_ENOMEM;
  }
  *out = rs;
  return CASUS_OK;
}

void casus__rs_close(casus_rstream *rs) {
  if (!rs)
    return;
  if (rs->z_live)
    inflateEnd(&rs->z);
  if (rs->fp && rs->own_fp)
    fclose(rs->fp);
  casus__free(rs->mem);
  casus__free(rs->raw);
  casus__free(rs->out);
  casus__free(rs);
}

const char *casus__rs_errmsg(const casus_rstream *rs) {
  return rs->errmsg[0] ? rs->errmsg : "read error";
}

int casus__rs_peek(casus_rstream *rs, const char **p, size_t *n) {
  if (rs->pos == rs->len) {
    int rc = fill(rs);
    if (rc < 0)
      return rc;
  }
  *p = (const char *)rs->out + rs->pos;
  *n = rs->len - rs->pos;
  return CASUS_OK;
}

/* Makes room for NEED bytes in B, growing by doubling but never past
 * LIMIT, so a buffer capped at LIMIT never holds twice that.  Returns
 * CASUS_OK or CASUS_ENOMEM. */
static int reserve(casus_buf *b, size_t need, size_t limit) {
  if (need <= b->cap)
    return CASUS_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  if (cap > limit && need <= limit)
    cap = limit;
  char *d = casus__realloc(b->data, cap);
  if (!d)
    return CASUS_ENOMEM;
  b->data = d;
  b->cap = cap;
  return CASUS_OK;
}

int casus__rs_getline(casus_rstream *rs, casus_buf *line, size_t max,
                      bool *toolong, long long *off) {
  bool any = false;
  *toolong = false;
  line->len = 0;
  *off = rs->base + (long long)rs->pos;
  for (;;) {
    if (rs->pos == rs->len) {
      int rc = fill(rs);
      if (rc == CASUS_DONE && any)
        break;
      if (rc)
        return rc;
    }
    if (!any)
      *off = rs->base + (long long)rs->pos;
    any = true;
    const char *s = (const char *)rs->out + rs->pos;
    size_t avail = rs->len - rs->pos;
    const char *nl = memchr(s, '\n', avail);
    size_t take = nl ? (size_t)(nl - s) : avail;
    if (!*toolong && line->len + take > max) {
      *toolong = true;
      line->len = 0;
    }
    if (!*toolong) {
      int rc = reserve(line, line->len + take + 1,
                       max < SIZE_MAX ? max + 1 : max);
      if (!rc)
        rc = casus__buf_append(line, s, take);
      if (rc)
        return rc;
    }
    rs->pos += take + (nl ? 1 : 0);
    if (nl)
      break;
  }
  if (*toolong)
    line->len = 0;
  if (line->len && line->data[line->len - 1] == '\r')
    line->len--;
  int rc = casus__buf_append(line, "", 0);
  return rc ? rc : CASUS_OK;
}

int casus__rs_read_all(casus_rstream *rs, casus_buf *all, size_t max) {
  all->len = 0;
  for (;;) {
    if (rs->pos == rs->len) {
      int rc = fill(rs);
      if (rc == CASUS_DONE)
        break;
      if (rc)
        return rc;
    }
    size_t avail = rs->len - rs->pos;
    if (all->len + avail > max)
      return CASUS_ETOOBIG;
    int rc = casus__buf_append(all, rs->out + rs->pos, avail);
    if (rc)
      return rc;
    rs->pos = rs->len;
  }
  return casus__buf_append(all, "", 0);
}

/* Returns the length of the valid UTF-8 sequence at P[0..N), 0 when it is
 * invalid; a sequence cut by the end of the sample counts as valid. */
static size_t utf8_seq(const unsigned char *p, size_t n) {
  size_t need;
  if (p[0] < 0x80)
    return 1;
  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    need = 2;
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    need = 3;
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    need = 4;
  else
    return 0;
  for (size_t i = 1; i < need; i++) {
    if (i >= n)
      return i;
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  }
  return need;
}

bool casus__looks_binary(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t sample = n < 8192 ? n : 8192;
  size_t nul = 0, ctrl = 0, bad = 0;
  for (size_t i = 0; i < sample;) {
    unsigned char c = p[i];
    if (c == 0)
      nul++;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
         c != '\v' && c != 0x1b) || c == 0x7f) {
      ctrl++;
      i++;
      continue;
    }
    size_t k = utf8_seq(p + i, sample - i);
    if (k == 0) {
      bad++;
      k = 1;
    }
    i += k;
  }
  /* Legacy 8-bit text (Latin-1, CP1251) is mostly invalid UTF-8 but has
   * no NUL and few control bytes; binary data has both. */
  return nul * 50 > sample || ctrl * 10 > sample ||
         (nul && (ctrl + bad) * 3 > sample);
}
