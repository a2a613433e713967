/* segment_int.h -- what the files of lib/segment share, and nothing else.
 *
 * abbrev.c loads data/abbreviations.txt and builds the ICU sentence
 * iterator prototype; tokenize.c cuts a paragraph into tokens; segment.c
 * joins the two into sentences. */
#ifndef CASUS_SEGMENT_INT_H
#define CASUS_SEGMENT_INT_H

#include "casus_int.h"

#include <unicode/ubrk.h>

/* Abbreviation classes (see the header of data/abbreviations.txt). */
enum {
  SEG_NONE = 0,
  SEG_TITLE,    /* never break after: "Mr. Smith" */
  SEG_MONTH,    /* never break after: "Jan. 18" */
  SEG_NUMERIC,  /* an abbreviation only before a digit: "No. 5" */
  SEG_ACRONYM,  /* break only before a capitalized sentence starter */
  SEG_OTHER,    /* break before any capitalized word */
  SEG_STARTER   /* not an abbreviation: a usual sentence-opening word */
};

struct casus_abbrev {
  casus_map *map;          /* folded text -> (void *)(uintptr_t)SEG_* */
  UBreakIterator *proto;   /* "en_US@ss=standard" sentence iterator; each
                            * casus__segment call works on a clone */
};

/* Returns the SEG_* class of the folded text NORM[0..N), SEG_NONE when it
 * is not listed or AB is NULL. */
int casus__abbrev_class(const casus_abbrev *ab, const char *norm, size_t n);

/* Tokens being built.  The arrays are scratch memory (casus__malloc) that
 * casus__segment copies into the arena once the document is done. */
typedef struct seg_aux {
  uint32_t noff;   /* offset of the token's norm in seg_toks.pool */
  uint8_t cls;     /* SEG_* class when the token is an abbreviation */
  uint8_t lower;   /* 1 when the token starts with a lower-case letter */
  uint8_t brk;     /* 1 when a sentence starts at this token */
} seg_aux;

typedef struct seg_toks {
  casus_token *toks;  /* norm is NULL until seg_toks is finished */
  seg_aux *aux;       /* parallel to toks */
  size_t n, cap;
  char *pool;         /* NUL-terminated norms, back to back */
  size_t plen, pcap;
} seg_toks;

/* Appends the tokens of TEXT[start..end) (one kept paragraph) to T, the
 * first one flagged CASUS_TOK_PARA.  AB (may be NULL) decides which words
 * keep their final period.  Returns 0 or CASUS_ENOMEM. */
int casus__tokenize(const casus_abbrev *ab, const char *text, uint32_t start,
                    uint32_t end, seg_toks *t);
void casus__seg_toks_free(seg_toks *t);

#endif /* CASUS_SEGMENT_INT_H */
