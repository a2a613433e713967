/* modality.c -- whether a coded event is asserted as having happened.
 *
 * Two independent flags, from the words that govern the event's trigger
 * inside its clause (a negation in an "if" clause does not reach the main
 * clause):
 * - polarity: "negated" under not/never/no/n't ("did not strike", "No
 *   Pakistani aircraft struck") or a denial, else "asserted";
 * - modality:
 *     denied       "denied carrying out", "denied that", "rejected claims
 *                  that", "dismissed reports that" (polarity negated);
 *     alleged      "accused X of V-ing" (X is then the agent of V),
 *                  "allegedly" -- but "reportedly" stays actual;
 *     threat       "threatened to", "vowed to", "warned (that) it would";
 *     conditional  inside an if/unless/provided/"in case of"/"should X"/
 *                  "were X to" clause, or a modal main clause of such a
 *                  sentence ("If X, Y will V");
 *     hypothetical a question, could/may/might/would/can, "there is a
 *                  possibility that";
 *     future       will/shall/'ll, "is expected|set|due|scheduled|poised
 *                  to";
 *     intent       "plans|intends|aims|seeks|hopes|wants to";
 *     actual       otherwise.
 * Threat and intent are what CAMEO 13x and 03x code, so an event of those
 * roots governed by them is actual; an accusation (112) or a threat (13x)
 * is an event in its own right besides the event it embeds. */
#include "coder_int.h"

#include <string.h>

/* strcmp(A, B) == 0, the first bytes compared inline first (speed). */
static inline bool same(const char *a, const char *b) {
  return a[0] == b[0] && !strcmp(a, b);
}

/* The first token of the clause holding token I. */
static uint32_t clause_start(const coder *c, uint32_t i) {
  while (i > 0 && c->clause[i - 1] == c->clause[i])
    i--;
  return i;
}

/* True when NORM is an inflected form of the verb or noun STEM: stem,
 * stem+s/es/d/ed/ing, a doubled consonant (plann-ed) or a dropped e
 * (hop-ing). */
static bool form_of(const char *norm, const char *stem) {
  if (stem[0] && norm[0] != stem[0])
    return false; /* the common case, without strlen/strncmp (speed) */
  size_t n = strlen(stem);
  if (strncmp(norm, stem, n)) {
    /* hoping, scheduling: the stem without its final e */
    if (n < 3 || stem[n - 1] != 'e' || strncmp(norm, stem, n - 1))
      return false;
    return !strcmp(norm + n - 1, "ing");
  }
  const char *r = norm + n;
  if (!*r || !strcmp(r, "s") || !strcmp(r, "es") || !strcmp(r, "d") ||
      !strcmp(r, "ed") || !strcmp(r, "ing"))
    return true;
  return r[0] == stem[n - 1] && (!strcmp(r + 1, "ed") ||
                                 !strcmp(r + 1, "ing"));
}

/* True when token K is a form of one of the NULL-terminated STEMS. */
static bool is_form(const coder *c, uint32_t k, const char *const *stems) {
  if (k >= c->n)
    return false;
  const char *norm = c->t[k].norm;
  for (; *stems; stems++)
    if (norm[0] == (*stems)[0] && form_of(norm, *stems))
      return true;
  return false;
}

static const char *const DENY[] = {"deny", "denie", NULL};
static const char *const REJECT[] = {"reject", "dismiss", "deny", "denie",
                                     "refute", "rebuff", NULL};
static const char *const CLAIMN[] = {"claim", "report", "allegation",
                                     "accusation", "suggestion", "rumour",
                                     "rumor", NULL};
static const char *const THREAT[] = {"threaten", "vow", "swear", "swore",
                                     "sworn", "warn", NULL};
static const char *const INTENT[] = {"plan", "intend", "aim", "seek",
                                     "sought", "hope", "want", "wish",
                                     "prepare", "pledge", "promise",
                                     "goal", "objective", "purpose",
                                     "intention", "try", "tried", "attempt",
                                     NULL};
static const char *const FUTURE[] = {"expect", "set", "due", "schedule",
                                     "poised", "slate", "likely", "going",
                                     NULL};
static const char *const DEMAND[] = {"demand", "urge", "ask", "call",
                                     "appeal", "request", "press", "pressure",
                                     "push", NULL};
static const char *const ACCUSE[] = {"accuse", "charge", "blame", NULL};
static const char *const POSSIBLE[] = {"possibility", "possible", "chance",
                                       "risk", "fear", "danger", NULL};

/* True when token K is skipped between a governing word and what it
 * governs: an adverb ("again", "reportedly") or a determiner. */
static bool filler(const coder *c, uint32_t k) {
  const casus_token *t = &c->t[k];
  return word_is(c, k, W_ADVERB) || word_is(c, k, W_DET) ||
         (t->nlen > 4 && same(t->norm + t->nlen - 2, "ly"));
}

/* The actor ending right before token K (an accusation's accused), or
 * NULL. */
static const actor_m *actor_ending(const coder *c, uint32_t k) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 == k && own_actor(c, x))
      return x;
  }
  return NULL;
}

/* The clause's subject actor before token I (the accuser), or NULL. */
static const actor_m *first_actor(const coder *c, uint32_t from,
                                  uint32_t to) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 >= from && x->t1 <= to && casus__agentive(x))
      return x->pronoun ? NULL : x;
  }
  return NULL;
}

/* True when the sentence has a conditional clause: a cond word ("if",
 * "unless", "in case"), a leading "Should X"/"Were X to", or "provided
 * (that)" after a modal. */
static bool conditional_sentence(const coder *c) {
  if (tok_is(c, 0, "should") || tok_is(c, 0, "were") ||
      tok_is(c, 0, "had"))
    return c->n > 2 && !tok_is(c, c->n - 1, "?");
  bool modal = false;
  for (uint32_t k = 0; k < c->n; k++) {
    if ((word_is(c, k, W_COND) && !tok_is(c, k, "whether")) ||
        (tok_is(c, k, "in") && tok_is(c, k + 1, "case")))
      return true;
    if (word_is(c, k, W_MODAL) && c->m.used[k] != USED_TIME)
      modal = true;
    if (modal && tok_is(c, k, "provided") && k + 1 < c->n &&
        (word_is(c, k + 1, W_DET) || tok_is(c, k + 1, "that")))
      return true;
  }
  return false;
}

/* True when token K is inside the conditional clause itself: after a cond
 * word, "provided", or a leading "Should"/"Were", before the comma that
 * ends it. */
static bool in_condition(const coder *c, uint32_t trig) {
  uint32_t cs = clause_start(c, trig);
  if (word_is(c, cs, W_COND) && !tok_is(c, cs, "whether"))
    return true;
  for (uint32_t k = cs; k < trig; k++)
    if ((word_is(c, k, W_COND) && !tok_is(c, k, "whether")) ||
        tok_is(c, k, "provided"))
      return true;
  if (tok_is(c, 0, "in") && tok_is(c, 1, "case")) {
    for (uint32_t k = 2; k < trig; k++)
      if (tok_is(c, k, ","))
        return false;
    return true; /* "In case of another attack," */
  }
  if (tok_is(c, 0, "should") || tok_is(c, 0, "were")) {
    for (uint32_t k = 1; k < trig; k++)
      if (tok_is(c, k, ","))
        return false;
    return true;
  }
  return false;
}

/* What governs the clause starting at CS from before it: "denied that",
 * "rejected claims that", "accused X that", "warned that", "there is a
 * possibility that"; NULL when nothing does. */
static const char *clause_governor(const coder *c, uint32_t cs) {
  if (!cs)
    return NULL;
  uint32_t k = cs;
  if (tok_is(c, k, "that"))
    ; /* the governor ends right before "that" */
  else if (!(tok_is(c, k - 1, "that") || word_is(c, k - 1, W_SAY) ||
             is_form(c, k - 1, DENY) || is_form(c, k - 1, THREAT)))
    return NULL;
  else if (!tok_is(c, k - 1, "that"))
    k++; /* "warned it would": the clause starts after the verb */
  else
    k--;
  /* [k-3, k): the words before "that" */
  uint32_t from = k > 4 ? k - 4 : 0;
  for (uint32_t j = k; j-- > from;) {
    if (is_form(c, j, CLAIMN)) {
      for (uint32_t i = j; i-- > from;)
        if (is_form(c, i, REJECT))
          return "denied";
      continue;
    }
    if (is_form(c, j, DENY))
      return "denied";
    if (is_form(c, j, THREAT))
      return "threat";
    if (is_form(c, j, ACCUSE) || tok_is(c, j, "alleged") ||
        tok_is(c, j, "alleging"))
      return "alleged";
    if (is_form(c, j, POSSIBLE))
      return "hypothetical";
  }
  return NULL;
}

/* The modal verb governing TRIG within its clause (at most 6 tokens
 * before it), as a modality, or NULL. */
static const char *modal_before(const coder *c, uint32_t cs, uint32_t trig) {
  uint32_t from = trig > 6 ? trig - 6 : 0;
  if (from < cs)
    from = cs;
  for (uint32_t k = trig; k-- > from;) {
    if (c->m.used[k] == USED_TIME)
      continue; /* "In May, Iran attacked" */
    const char *w = c->t[k].norm;
    if (same(w, "will") || same(w, "shall") || same(w, "'ll") ||
        (same(w, "going") && tok_is(c, k + 1, "to")))
      return "future";
    if (same(w, "would") || same(w, "could") || same(w, "may") ||
        same(w, "might") || same(w, "can") || same(w, "must") ||
        same(w, "should") || same(w, "cannot"))
      return "hypothetical";
  }
  return NULL;
}

/* The governing word of an infinitive "to V" at TRIG: the verb or noun
 * before "to" (possibly with an actor between: "might lead Iran to"), as
 * a modality, or NULL. */
static const char *infinitive_governor(const coder *c, uint32_t cs,
                                       uint32_t trig) {
  uint32_t k = trig;
  while (k > cs && filler(c, k - 1))
    k--;
  if (k == cs || !tok_is(c, k - 1, "to"))
    return NULL;
  k--; /* the "to" */
  const actor_m *x = actor_ending(c, k);
  if (x && x->t0 > cs)
    k = x->t0; /* "urged Iran to", "lead Iran to" */
  while (k > cs && filler(c, k - 1))
    k--;
  if (k == cs)
    return NULL;
  uint32_t g = k - 1;
  if (is_form(c, g, THREAT))
    return "threat";
  if (is_form(c, g, FUTURE) || tok_is(c, g, "about"))
    return "future"; /* "is expected to", "is set to", "is due to" */
  if (is_form(c, g, INTENT))
    return "intent";
  if (is_form(c, g, DEMAND))
    return "hypothetical"; /* "demands to release prisoners": wanted by
                              someone else, not asserted */
  /* "their goal was to target": an intent noun before "be to" */
  if (same(c->ti[g].lemma, "be") || tok_is(c, g, "is") ||
      tok_is(c, g, "was"))
    for (uint32_t j = cs; j < g; j++)
      if (is_form(c, j, INTENT))
        return "intent";
  return NULL;
}

static const char *const REFUSE[] = {"refuse", "decline", "fail",
                                     "refrain", NULL};

/* True when the event at TRIG is one its subject refused, declined or
 * failed to do ("refused to attack", "failed to reach", "refrained from
 * striking"): it did not happen (the refusal may be coded, 12x). */
static bool refused(const coder *c, uint32_t cs, uint32_t trig) {
  uint32_t k = trig;
  while (k > cs && filler(c, k - 1))
    k--;
  if (k < cs + 2 || !(tok_is(c, k - 1, "to") || tok_is(c, k - 1, "from")))
    return false;
  k--;
  while (k > cs && filler(c, k - 1))
    k--;
  return k > cs && is_form(c, k - 1, REFUSE);
}

/* True when the infinitive at TRIG is governed by a verb of trying
 * ("tried to hack", "attempted to storm"). */
static bool attempted(const coder *c, uint32_t cs, uint32_t trig) {
  static const char *const TRY[] = {"try", "tried", "attempt", NULL};
  uint32_t k = trig;
  while (k > cs && filler(c, k - 1))
    k--;
  if (k < cs + 2 || !tok_is(c, k - 1, "to"))
    return false;
  k--;
  while (k > cs && filler(c, k - 1))
    k--;
  return k > cs && is_form(c, k - 1, TRY);
}

/* "accused X of V-ing", "denied (any role in) V-ing": the governor of a
 * gerund at TRIG; *AGENT is X for an accusation. */
static const char *gerund_governor(const coder *c, uint32_t trig,
                                   const actor_m **agent) {
  uint32_t k = trig;
  while (k > 0 && filler(c, k - 1))
    k--;
  if (!k)
    return NULL;
  if (is_form(c, k - 1, DENY))
    return "denied"; /* "denied carrying out strikes" */
  if (!tok_is(c, k - 1, "of") && !tok_is(c, k - 1, "for") &&
      !tok_is(c, k - 1, "with"))
    return NULL;
  const actor_m *x = actor_ending(c, k - 1);
  uint32_t g = x ? x->t0 : k - 1;
  while (g > 0 && filler(c, g - 1))
    g--;
  if (g && is_form(c, g - 1, ACCUSE)) {
    *agent = x;
    return "alleged";
  }
  return NULL;
}

/* Fills OUT for the trigger at token TRIG of the current sentence. */
void casus__claim_at(const coder *c, uint32_t trig, claim *out) {
  memset(out, 0, sizeof *out);
  out->modality = "actual";
  out->polarity = "asserted";
  if (trig >= c->n)
    return;
  uint32_t cs = clause_start(c, trig);
  /* Polarity: a negation in the clause shortly before the trigger. */
  uint32_t from = trig > 4 ? trig - 4 : 0;
  if (from < cs)
    from = cs;
  for (uint32_t k = from; k < trig; k++)
    if (word_is(c, k, W_NEG) && !is_form(c, k, DENY))
      out->polarity = "negated";
  if (refused(c, cs, trig))
    out->polarity = "negated";
  out->attempt = attempted(c, cs, trig);
  /* The anchor itself governs: "denied any role in the attack on X",
   * "vowed to punish X" (patterns of a root the governor does not code;
   * see casus__claim_for_root). */
  if (is_form(c, trig, DENY))
    out->self = "denied";
  else if (is_form(c, trig, THREAT))
    out->self = "threat";
  else if (is_form(c, trig, ACCUSE))
    out->self = "alleged";
  const char *g = NULL;
  const actor_m *agent = NULL;
  if (c->n && tok_is(c, c->n - 1, "?")) {
    out->modality = "hypothetical"; /* "Did Pakistan strike Iran?" */
    return;
  }
  g = gerund_governor(c, trig, &agent);
  if (!g)
    g = infinitive_governor(c, cs, trig);
  if (!g && (in_condition(c, trig)))
    g = "conditional";
  if (!g)
    g = clause_governor(c, cs);
  const char *modal = modal_before(c, cs, trig);
  if (g && !strcmp(g, "threat") && !modal &&
      !infinitive_governor(c, cs, trig) && !tok_is(c, cs, "that"))
    g = NULL; /* "warned that X attacked": a report, not a threat */
  if (!g && modal) /* "warned it would strike X if provoked" */
    for (uint32_t k = cs; k < trig && !g; k++)
      if (is_form(c, k, THREAT))
        g = "threat";
  if (!g && modal && conditional_sentence(c))
    g = "conditional"; /* "If X, Y will strike" (but "Y will boycott X
                          unless" is a threat, 13x, as stated) */
  if (!g)
    g = modal;
  if (!g) /* "allegedly struck", but "reportedly struck" stays actual */
    for (uint32_t k = cs; k < trig; k++)
      if (tok_is(c, k, "allegedly") || tok_is(c, k, "purportedly"))
        g = "alleged";
  if (g) {
    out->modality = g;
    out->agent = agent;
    if (!strcmp(g, "alleged") && agent)
      out->patient = first_actor(c, cs, trig);
  }
  if (!strcmp(out->modality, "denied"))
    out->polarity = "negated";
}

/* The modality of an event of CAMEO root ROOT under claim CL: threats and
 * intents are what codes 13 and 03 code, accusations 11, denials 01/12;
 * a governing anchor ("denied any role in the attack") gives its own. */
const char *casus__claim_for_root(const claim *cl, int root) {
  if (cl->self) {
    bool own = (!strcmp(cl->self, "denied") && (root == 1 || root == 12)) ||
               (!strcmp(cl->self, "threat") && root == 13) ||
               (!strcmp(cl->self, "alleged") && root == 11);
    if (!own)
      return cl->self;
  }
  if ((!strcmp(cl->modality, "intent") || !strcmp(cl->modality, "threat")) &&
      (root == 3 || root == 13))
    return "actual";
  /* "tried to hack|storm|kill X": the coercion or attack was made. */
  if (!strcmp(cl->modality, "intent") && cl->attempt && root >= 17)
    return "actual";
  return cl->modality;
}
