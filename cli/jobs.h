/* jobs.h -- a worker pool that runs items on N threads and finishes them
 * on the calling thread in submission order (see jobs.c). */
#ifndef CASUS_CLI_JOBS_H
#define CASUS_CLI_JOBS_H

typedef struct cli_pool cli_pool;

/* WORK runs on a worker thread, DONE on the thread that submits. */
typedef void (*cli_pool_fn)(void *ctx, void *item);

/* Opens a pool of NTHREADS workers (<= 1: none, everything runs inside
 * cli_pool_submit).  Returns 0, or -1 when threads or memory fail. */
int cli_pool_open(int nthreads, cli_pool_fn work, cli_pool_fn done,
                  void *ctx, cli_pool **out);
/* Queues ITEM; may first call DONE for earlier items, in order, and wait
 * for the oldest when the queue is full. */
void cli_pool_submit(cli_pool *p, void *item);
/* Waits for every queued item and calls DONE for each, in order. */
void cli_pool_drain(cli_pool *p);
/* Drains, stops the workers and frees the pool.  NULL is a no-op. */
void cli_pool_close(cli_pool *p);

#endif
