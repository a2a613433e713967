/* jobs.c -- a small worker pool for `casus code -j N` / `casus ingest -j N`:
 * items are handed to N worker threads in submission order and finished
 * on the calling thread in the same order, so the output of N threads is
 * the output of one.
 *
 * The pool is a ring of 32N slots.  cli_pool_submit puts an item in the
 * next free slot (first finishing, in order, the items that are done, and
 * waiting when the oldest is still running); workers take the oldest
 * unstarted item, run WORK on it and mark it done.  One mutex guards the
 * ring; an item costs about a millisecond of work, so the lock is not a
 * bottleneck.  With N <= 1 there are no threads: WORK and DONE run inside
 * cli_pool_submit.
 */
#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>

#define POOL_SLOTS_PER_WORKER 32

enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

typedef struct slot {
  void *item;
  int state;
} slot;

struct cli_pool {
  cli_pool_fn work, done;
  void *ctx;
  int nthreads;
  pthread_t *threads;
  int started;           /* threads actually created */
  slot *ring;
  size_t nslots;
  size_t head;           /* oldest item not yet finished */
  size_t next;           /* oldest item not yet started */
  size_t count;          /* items in the ring */
  int stop;
  pthread_mutex_t lock;
  pthread_cond_t work_cv;  /* an item was queued, or stop */
  pthread_cond_t done_cv;  /* an item is done */
};

/* Worker thread: runs queued items until the pool stops.  Returns NULL. */
static void *worker(void *arg) {
  cli_pool *p = arg;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (!p->stop && (p->count == 0 ||
                        p->ring[p->next % p->nslots].state != SLOT_QUEUED))
      pthread_cond_wait(&p->work_cv, &p->lock);
    if (p->stop)
      break;
    slot *s = &p->ring[p->next % p->nslots];
    p->next++;
    s->state = SLOT_RUNNING;
    pthread_mutex_unlock(&p->lock);
    p->work(p->ctx, s->item);
    pthread_mutex_lock(&p->lock);
    s->state = SLOT_DONE;
    pthread_cond_signal(&p->done_cv);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

int cli_pool_open(int nthreads, cli_pool_fn work, cli_pool_fn done,
                  void *ctx, cli_pool **out) {
  *out = NULL;
  cli_pool *p = calloc(1, sizeof *p);
  if (!p)
    return -1;
  p->work = work;
  p->done = done;
  p->ctx = ctx;
  p->nthreads = nthreads > 1 ? nthreads : 0;
  if (!p->nthreads) {
    *out = p;
    return 0;
  }
  p->nslots = (size_t)p->nthreads * POOL_SLOTS_PER_WORKER;
  p->ring = calloc(p->nslots, sizeof *p->ring);
  p->threads = calloc((size_t)p->nthreads, sizeof *p->threads);
  if (!p->ring || !p->threads)
    goto fail;
  if (pthread_mutex_init(&p->lock, NULL))
    goto fail;
  if (pthread_cond_init(&p->work_cv, NULL)) {
    pthread_mutex_destroy(&p->lock);
    goto fail;
  }
  if (pthread_cond_init(&p->done_cv, NULL)) {
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->lock);
    goto fail;
  }
  for (; p->started < p->nthreads; p->started++)
    if (pthread_create(&p->threads[p->started], NULL, worker, p))
      break;
  if (!p->started) {
    cli_pool_close(p);
    return -1;
  }
  *out = p;
  return 0;
fail:
  free(p->ring);
  free(p->threads);
  free(p);
  return -1;
}

/* Finishes, in order, the done items at the head of the ring; with WAIT,
 * first waits until the head item is done (when there is one).  Called
 * with the lock held; DONE runs without it. */
static void finish_ready(cli_pool *p, int wait) {
  for (;;) {
    if (!p->count)
      return;
    slot *s = &p->ring[p->head % p->nslots];
    if (s->state != SLOT_DONE) {
      if (!wait)
        return;
      pthread_cond_wait(&p->done_cv, &p->lock);
      continue;
    }
    void *item = s->item;
    s->state = SLOT_FREE;
    s->item = NULL;
    p->head++;
    p->count--;
    wait = 0;
    pthread_mutex_unlock(&p->lock);
    p->done(p->ctx, item);
    pthread_mutex_lock(&p->lock);
  }
}

void cli_pool_submit(cli_pool *p, void *item) {
  if (!p->nthreads) {
    p->work(p->ctx, item);
    p->done(p->ctx, item);
    return;
  }
  pthread_mutex_lock(&p->lock);
  finish_ready(p, p->count == p->nslots);
  slot *s = &p->ring[(p->head + p->count) % p->nslots];
  s->item = item;
  s->state = SLOT_QUEUED;
  p->count++;
  pthread_cond_signal(&p->work_cv);
  pthread_mutex_unlock(&p->lock);
}

void cli_pool_drain(cli_pool *p) {
  if (!p->nthreads)
    return;
  pthread_mutex_lock(&p->lock);
  while (p->count)
    finish_ready(p, 1);
  pthread_mutex_unlock(&p->lock);
}

void cli_pool_close(cli_pool *p) {
  if (!p)
    return;
  if (p->nthreads) {
    cli_pool_drain(p);
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->started; i++)
      pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->lock);
  }
  free(p->ring);
  free(p->threads);
  free(p);
}
