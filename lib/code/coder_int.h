/* coder_int.h -- what the three parts of the coder share: the coding
 * state of a document (coder.c: matching patterns; syntax.c: clauses,
 * subjects, objects, readings and modality; event.c: building, dating,
 * placing and merging events).
 *
 * Not API.  Invariant: work[i] describes d->events[i]. */
#ifndef CASUS_CODER_INT_H
#define CASUS_CODER_INT_H

#include "engine_int.h"

#include <string.h>

#define TARGET_WINDOW 10   /* tokens between a verb and its object */
#define SENT_MAX_TOKENS 256 /* tokens of a sentence that are coded */

typedef struct ev_work {
  uint8_t dated;        /* the date came from the text */
  uint8_t place_rank;   /* 0 none, 1 country, 2 admin1, 3 city */
  long gen_min, gen_max;
  long foreign_sum;
  int root;
  long day;
  size_t mcap;          /* capacity of the event's mentions array */
  size_t ccap;          /* capacity of its counts array (0: unknown, the
                           next count copies the array) */
} ev_work;

/* Whether an event is asserted (modality.c). */
typedef struct claim {
  const char *modality;   /* actual, threat, intent, hypothetical,
                             conditional, future, denied, alleged */
  const char *polarity;   /* asserted, negated */
  const char *self;       /* the anchor word's own modality ("denied any
                             role in the attack"), or NULL */
  const actor_m *agent;   /* "accused X of V-ing": X, else NULL */
  const actor_m *patient; /* and the accuser (V's target when it has
                             none of its own), else NULL */
  bool attempt;           /* "tried|attempted to V": the try happened */
} claim;

typedef struct coder {
  const casus_engine *e;
  casus_doc *d;
  ev_work *work;
  size_t capwork;
  /* current sentence */
  uint32_t si;
  const casus_sentence *s;
  const casus_token *t;
  const tok_info *ti;    /* per token: word classes and lemma */
  uint32_t n;
  sent_m m;
  uint16_t *clause;      /* clause number of each token */
  uint8_t *closes;       /* 1 on a comma that ends a subordinate clause */
  long anchor;           /* the last date the text gave */
  const actor_m *last_subject; /* of the previous sentence */
  const actor_m *last_pair[2];  /* the latest "X and Y" of countries */
  size_t focus;          /* latest violent event, or SIZE_MAX */
  size_t sent_events;    /* events created by this sentence */
  claim cl;              /* of the anchor token being matched */
  uint8_t discard_story; /* PETRARCH: a story discard phrase was seen */
  /* speed: casus__verb_reading and casus__passive_at of the anchor token
   * memo_tok of sentence memo_si, the same for every pattern tried there
   * (-1: not yet) */
  uint32_t memo_tok, memo_si;
  int8_t memo_verb, memo_passive;
  /* speed: casus__anchors of recent lemma pointers (a lemma is engine
   * memory or the token's norm: one pointer, one string, for the doc) */
  struct {
    const char *lemma;
    const void *node;
  } anchor_memo[256];
} coder;

typedef struct match {
  const actor_m *slot[2];  /* 0 source, 1 target */
  uint16_t cl;             /* the clause the match is in ("demand that"
                              moves it into the "that" clause) */
  uint32_t t0, t1;         /* trigger token span */
  const actor_m *target_ev;/* target named by an event noun */
  const pattern *p;
  const char *polarity;    /* "asserted" or "negated" */
  bool open_target;        /* a claimed event whose target the text does
                              not name ("denied that it bombed the
                              village") */
} match;

static inline bool tok_is(const coder *c, uint32_t i, const char *w) {
  /* the first byte first: most tokens differ there (speed) */
  return i < c->n && c->t[i].norm[0] == w[0] && !strcmp(c->t[i].norm, w);
}

static inline bool word_is(const coder *c, uint32_t i, int cls) {
  return i < c->n && (c->ti[i].cls & (1u << cls));
}

/* True when A is an actor mention of the current sentence (its token span
 * indexes c->t), not one resolved from elsewhere. */
static inline bool own_actor(const coder *c, const actor_m *a) {
  return a && a->sent == c->si + 1;
}

/* syntax.c */
bool casus__verb_between(const coder *c, uint32_t a, uint32_t b);
int casus__mark_clauses(coder *c);
bool casus__agentive(const actor_m *a);
const actor_m *casus__subject_of(const coder *c, uint32_t i, bool place_ok);
const actor_m *casus__object_after(const coder *c, uint32_t i, uint16_t cl,
                                   const actor_m **evnoun);
bool casus__verb_reading(const coder *c, uint32_t i);
bool casus__passive_at(const coder *c, uint32_t i);
const actor_m *casus__coordinated(const coder *c, const actor_m *x);
const actor_m *casus__verbless_conjunct(const coder *c, const actor_m *x);
bool casus__pair_here(const coder *c, uint32_t i, const actor_m *out[2]);
bool casus__find_pair(const coder *c, uint32_t i, const actor_m *out[2]);
uint32_t casus__skip_hedge(const coder *c, uint32_t i);
uint32_t casus__skip_adjuncts(const coder *c, const actor_m *x, uint32_t i);
bool casus__closed_between(const coder *c, uint32_t a, uint32_t b);

/* modality.c */
void casus__claim_at(const coder *c, uint32_t trig, claim *out);
const char *casus__claim_for_root(const claim *cl, int root);

/* event.c */
int casus__root_of(const char *cameo);
int casus__new_event(coder *c, const match *m, const actor_m *target,
                     const char *modality);
const casus_actor *casus__event_referent(const coder *c, const actor_m *ev,
                                         const actor_m *source);
int casus__attach_sentence_counts(coder *c);
int casus__elaborate(coder *c);
bool casus__sentence_specific(const coder *c);

/* dict_code.c: imported (TABARI/PETRARCH) patterns */
const actor_m *casus__dict_after(const coder *c, uint32_t i, bool target,
                                 const actor_m **evnoun);
const actor_m *casus__dict_subject(const coder *c, uint32_t i);
const actor_m *casus__dict_target(const coder *c, const pattern *p,
                                  uint32_t i, uint32_t v, bool last,
                                  const actor_m **evnoun);
uint32_t casus__dict_clause_end(const coder *c, uint32_t i);
void casus__dict_roles(const coder *c, match *m);
bool casus__dict_short(const coder *c);
bool casus__dict_cut(const coder *c, uint32_t k);
bool casus__dict_verb(const coder *c, uint32_t i);
int casus__dict_dyads(coder *c, const match *m, const char *modality);
int casus__dict_gapped(coder *c);
bool casus__dict_tabari(const pattern *p);
bool casus__tabari_verb(const coder *c, uint32_t i);
bool casus__tabari_form_ok(const coder *c, const pattern *p, uint32_t i);
bool casus__dict_complex(const coder *c);
void casus__tabari_passive(const coder *c, match *m, uint32_t i);
uint32_t casus__dict_skip(const coder *c, uint32_t i);

/* petrarch_mode.c: PETRARCH dictionaries' conventions */
int casus__petr_discarded(const coder *c);
bool casus__petr_one_sided(const coder *c);
bool casus__petr_mode(const coder *c);
const actor_m *casus__petr_subject(const coder *c, uint32_t i, bool *none);
uint32_t casus__petr_clause_end(const coder *c, uint32_t i);
bool casus__petr_dyad_ok(const coder *c, const match *m);
void casus__petr_passive(const coder *c, uint32_t i, match *m);
const actor_m *casus__petr_coordinated(const coder *c, const actor_m *x);
const actor_m *casus__petr_np(const coder *c, const actor_m *x);
bool casus__petr_verb(const coder *c, uint32_t i);
const actor_m *casus__petr_agents(const coder *c, const actor_m *x);
bool casus__petr_form_ok(const coder *c, const pattern *p, uint32_t i);
int casus__petr_gap_min(const coder *c, const pattern *p,
                        const pat_elem *el, uint32_t i);
bool casus__petr_other_subject(const coder *c, uint32_t i,
                               const actor_m *x);
int casus__petr_roles(const coder *c, const actor_m *x, const actor_m **out,
                      int max);

#endif /* CASUS_CODER_INT_H */
