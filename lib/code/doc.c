/* doc.c -- the processed document: its cleaned text, sentences and events.
 *
 * A doc owns one arena; everything it returns (text, events, strings in
 * events) lives there or in its event arrays and dies with casus_doc_free. */
#include "casus_int.h"

#include <string.h>

void casus_doc_free(casus_doc *d) {
  if (!d)
    return;
  casus__free(d->events);
  casus__free(d->suppressed);
  casus__free(d->quotes);
  casus__arena_free(&d->arena);
  casus__free(d);
}

const char *casus_doc_text(const casus_doc *d, size_t *len) {
  if (len)
    *len = d->clean.len;
  return d->clean.text;
}

const char *casus_doc_article_id(const casus_doc *d) { return d->article_id; }

size_t casus_doc_event_count(const casus_doc *d) { return d->nevents; }

const casus_event *casus_doc_event(const casus_doc *d, size_t i) {
  return i < d->nevents ? &d->events[i] : NULL;
}

size_t casus_doc_sentence_count(const casus_doc *d) { return d->seg.nsents; }

int casus_doc_sentence(const casus_doc *d, size_t i, uint32_t *start,
                       uint32_t *end) {
  if (i >= d->seg.nsents)
    return CASUS_EINVAL;
  *start = d->seg.sents[i].start;
  *end = d->seg.sents[i].end;
  return CASUS_OK;
}

size_t casus_doc_note_count(const casus_doc *d) { return d->clean.nnotes; }

const casus_note *casus_doc_note(const casus_doc *d, size_t i) {
  return i < d->clean.nnotes ? &d->clean.notes[i] : NULL;
}

size_t casus_doc_suppressed_count(const casus_doc *d) {
  return d->nsuppressed;
}

const casus_event *casus_doc_suppressed(const casus_doc *d, size_t i) {
  return i < d->nsuppressed ? &d->suppressed[i] : NULL;
}

size_t casus_doc_quote_count(const casus_doc *d) { return d->nquotes; }

const casus_quote *casus_doc_quote(const casus_doc *d, size_t i) {
  return i < d->nquotes ? &d->quotes[i] : NULL;
}

/* Appends EV to the array *ARR (count *N, capacity *CAP). */
static int push_event(casus_event **arr, size_t *n, size_t *cap,
                      const casus_event *ev) {
  if (casus__grow((void **)arr, cap, *n + 1, sizeof **arr))
    return CASUS_ENOMEM;
  (*arr)[(*n)++] = *ev;
  return CASUS_OK;
}

int casus__doc_add_event(casus_doc *d, const casus_event *ev) {
  return push_event(&d->events, &d->nevents, &d->capevents, ev);
}

int casus__doc_add_suppressed(casus_doc *d, const casus_event *ev) {
  return push_event(&d->suppressed, &d->nsuppressed, &d->capsuppressed, ev);
}

casus_doc *casus__doc_new(void) {
  casus_doc *d = casus__calloc(1, sizeof *d);
  if (d)
    casus__arena_init(&d->arena);
  return d;
}

casus_doc *casus__doc_new_for_test(const char *article_id, const char *text) {
  casus_doc *d = casus__doc_new();
  if (!d)
    return NULL;
  d->article_id = casus__arena_strndup(&d->arena, article_id,
                                       strlen(article_id));
  d->clean.text = casus__arena_strndup(&d->arena, text, strlen(text));
  d->clean.len = strlen(text);
  if (!d->article_id || !d->clean.text) {
    casus_doc_free(d);
    return NULL;
  }
  return d;
}
