/* html.c -- an HTML page -> one article, with libxml2's HTML parser.
 *
 * Metadata: title from og:title, else <title>, else the first <h1>; date
 * from article:published_time, else JSON-LD "datePublished" (searched
 * through nested objects, arrays and @graph), else other date metas, else
 * the first <time datetime>; outlet from og:site_name; url from the
 * canonical link, else og:url; language from <html lang>.
 *
 * Text: the paragraphs (<p>, and in <article>/<main> also <h2>-<h6> and
 * <li>) of the first <article>, else of <main>, else of <body>, skipping
 * script, style, nav, header, footer, aside, form and the like.  Each
 * paragraph has its white space collapsed; paragraphs are joined with
 * "\n".  A page with no <p> at all gives the container's text, broken at
 * block elements.  Trees are walked iteratively, so deep nesting cannot
 * overflow the stack. */
#include "read/read_int.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <string.h>

#define LD_DEPTH 32  /* how deep to look for "datePublished" */

/* What the metadata pass found; xmlChar strings are xmlFree'd. */
typedef struct meta {
  xmlChar *og_title, *site_name, *og_url, *canonical, *lang;
  xmlChar *pub_meta;    /* article:published_time */
  xmlChar *pub_other;   /* other date metas */
  xmlChar *time_dt;     /* first <time datetime> */
  char *ld_date;        /* JSON-LD datePublished, casus__malloc'd */
  xmlNode *title, *h1, *article, *main, *body;
} meta;

/* Collects paragraphs of text. */
typedef struct walker {
  casus_buf out;     /* paragraphs joined with '\n' */
  casus_buf para;    /* the paragraph being read */
  bool ws;           /* white space pending in para */
  bool all;          /* every text node counts, blocks break paragraphs */
  bool rich;         /* h2-h6 and li are paragraphs too */
  xmlNode *target;   /* the paragraph element we are in, or NULL */
  int rc;            /* first error */
} walker;

static bool name_in(const xmlNode *n, const char *const *names) {
  for (size_t i = 0; names[i]; i++)
    if (xmlStrcasecmp(n->name, (const xmlChar *)names[i]) == 0)
      return true;
  return false;
}

static bool is_el(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE &&
         xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static const char *const SKIP[] = {
  "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
  "template", "svg", "iframe", "button", "select", "head", NULL};
static const char *const RICH[] = {"h2", "h3", "h4", "h5", "h6", "li", NULL};
static const char *const BLOCK[] = {
  "div", "section", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li",
  "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote", "pre",
  "article", "main", "figure", "figcaption", "hr", NULL};

/* The next node in document order under TOP, not descending into N. */
static xmlNode *skip_subtree(xmlNode *n, const xmlNode *top) {
  while (n && n != top) {
    if (n->next)
      return n->next;
    n = n->parent;
  }
  return NULL;
}

/* The next node in document order under TOP. */
static xmlNode *next_node(xmlNode *n, const xmlNode *top) {
  if (n->children)
    return n->children;
  return skip_subtree(n, top);
}

/* ------------------------------------------------------------- text */

/* Appends text S to the paragraph with white space (ASCII and U+00A0)
 * collapsed. */
static void add_text(walker *w, const char *s) {
  for (size_t i = 0; s[i] && !w->rc; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xc2 && (unsigned char)s[i + 1] == 0xa0) {
      w->ws = true;
      i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      w->ws = true;
      continue;
    }
    if (w->ws && w->para.len)
      w->rc = casus__buf_append(&w->para, " ", 1);
    w->ws = false;
    if (!w->rc)
      w->rc = casus__buf_append(&w->para, s + i, 1);
  }
}

/* Ends the current paragraph. */
static void flush(walker *w) {
  if (w->para.len && !w->rc) {
    if (w->out.len)
      w->rc = casus__buf_append(&w->out, "\n", 1);
    if (!w->rc)
      w->rc = casus__buf_append(&w->out, w->para.data, w->para.len);
  }
  w->para.len = 0;
  w->ws = false;
}

static bool is_target(const walker *w, const xmlNode *n) {
  return is_el(n, "p") || (w->rich && name_in(n, RICH));
}

/* Handles entering N; returns whether to walk its children. */
static bool enter(walker *w, xmlNode *n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if ((w->all || w->target) && n->content)
      add_text(w, (const char *)n->content);
    return false;
  }
  if (n->type != XML_ELEMENT_NODE || name_in(n, SKIP))
    return false;
  if (is_el(n, "br")) {
    w->ws = true;
    return false;
  }
  if (!w->target && !w->all && is_target(w, n)) {
    flush(w);
    w->target = n;
  } else if (w->all && name_in(n, BLOCK)) {
    flush(w);
  }
  return true;
}

static void leave(walker *w, xmlNode *n) {
  if (n == w->target) {
    flush(w);
    w->target = NULL;
  } else if (w->all && name_in(n, BLOCK)) {
    flush(w);
  }
}

/* Walks the subtree of TOP (exclusive), calling enter/leave. */
static void walk(walker *w, xmlNode *top) {
  xmlNode *n = top->children;
  while (n && !w->rc) {
    bool down = enter(w, n);
    if (down && n->children) {
      n = n->children;
      continue;
    }
    if (down)
      leave(w, n);
    while (n) {
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (!n || n == top) {
        n = NULL;
        break;
      }
      leave(w, n);
    }
  }
  flush(w);
}

/* Extracts the body text of the page into W->out. */
static void extract_text(walker *w, const meta *m, xmlNode *root) {
  xmlNode *top = m->article ? m->article : m->main ? m->main : m->body;
  if (!top)
    top = root;
  w->rich = top == m->article || top == m->main;
  walk(w, top);
  if (!w->rc && w->out.len == 0) {
    w->all = true;
    walk(w, top);
  }
}

/* Returns a new copy of STR with white space collapsed and trimmed, NULL
 * when empty or on OOM. */
static char *collapse(const xmlChar *str) {
  walker w = {0};
  if (!str)
    return NULL;
  add_text(&w, (const char *)str);
  char *s = NULL;
  if (!w.rc && w.para.len)
    s = casus__strndup(w.para.data, w.para.len);
  casus__buf_free(&w.para);
  return s;
}

/* Returns the collapsed text content of N (new string) or NULL. */
static char *node_text(xmlNode *n) {
  if (!n)
    return NULL;
  xmlChar *c = xmlNodeGetContent(n);
  char *s = collapse(c);
  xmlFree(c);
  return s;
}

/* ------------------------------------------------------------ metadata */

/* Stores V in *SLOT unless it already holds a value (first one wins). */
static void keep(xmlChar **slot, xmlChar *v) {
  if (*slot || !v || !v[0])
    xmlFree(v);
  else
    *slot = v;
}

static bool attr_is(xmlNode *n, const char *attr, const char *const *vals) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
  bool hit = false;
  for (size_t i = 0; v && vals[i] && !hit; i++)
    hit = xmlStrcasecmp(v, (const xmlChar *)vals[i]) == 0;
  xmlFree(v);
  return hit;
}

static const char *const DATE_METAS[] = {
  "datePublished", "og:published_time", "pubdate", "publishdate",
  "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
  "parsely-pub-date", "sailthru.date", NULL};

static void scan_meta(meta *m, xmlNode *n) {
  static const char *const OG_TITLE[] = {"og:title", NULL};
  static const char *const SITE[] = {"og:site_name", NULL};
  static const char *const OG_URL[] = {"og:url", NULL};
  static const char *const PUB[] = {"article:published_time", NULL};
  xmlChar **slot = NULL;
  for (size_t i = 0; i < 3 && !slot; i++) {
    const char *attr = i == 0 ? "property" : i == 1 ? "name" : "itemprop";
    if (attr_is(n, attr, OG_TITLE))
      slot = &m->og_title;
    else if (attr_is(n, attr, SITE))
      slot = &m->site_name;
    else if (attr_is(n, attr, OG_URL))
      slot = &m->og_url;
    else if (attr_is(n, attr, PUB))
      slot = &m->pub_meta;
    else if (attr_is(n, attr, DATE_METAS))
      slot = &m->pub_other;
  }
  if (slot)
    keep(slot, xmlGetProp(n, (const xmlChar *)"content"));
}

/* Returns the first string "datePublished" in J (depth-limited). */
static const char *ld_find(json_t *j, int depth) {
  if (depth > LD_DEPTH)
    return NULL;
  if (json_is_object(j)) {
    json_t *v = json_object_get(j, "datePublished");
    if (json_is_string(v))
      return json_string_value(v);
    const char *key;
    json_t *val;
    json_object_foreach(j, key, val) {
      const char *s = ld_find(val, depth + 1);
      if (s)
        return s;
    }
  } else if (json_is_array(j)) {
    size_t i;
    json_t *val;
    json_array_foreach(j, i, val) {
      const char *s = ld_find(val, depth + 1);
      if (s)
        return s;
    }
  }
  return NULL;
}

static void scan_ld(meta *m, xmlNode *n) {
  static const char *const LD[] = {"application/ld+json", NULL};
  if (m->ld_date || !attr_is(n, "type", LD))
    return;
  xmlChar *c = xmlNodeGetContent(n);
  if (!c)
    return;
  json_t *j = json_loads((const char *)c, 0, NULL);
  const char *d = ld_find(j, 0);
  if (d)
    m->ld_date = casus__strdup(d);
  json_decref(j);
  xmlFree(c);
}

static void scan_link(meta *m, xmlNode *n) {
  static const char *const CANON[] = {"canonical", NULL};
  if (attr_is(n, "rel", CANON))
    keep(&m->canonical, xmlGetProp(n, (const xmlChar *)"href"));
}

/* One pass over the whole document for metadata and containers. */
static void scan(meta *m, xmlDoc *doc) {
  xmlNode *top = (xmlNode *)doc;
  for (xmlNode *n = top->children; n; n = next_node(n, top)) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (is_el(n, "meta"))
      scan_meta(m, n);
    else if (is_el(n, "link"))
      scan_link(m, n);
    else if (is_el(n, "script"))
      scan_ld(m, n);
    else if (is_el(n, "title") && !m->title)
      m->title = n;
    else if (is_el(n, "h1") && !m->h1)
      m->h1 = n;
    else if (is_el(n, "article") && !m->article)
      m->article = n;
    else if (is_el(n, "main") && !m->main)
      m->main = n;
    else if (is_el(n, "body") && !m->body)
      m->body = n;
    else if (is_el(n, "time") && !m->time_dt)
      keep(&m->time_dt, xmlGetProp(n, (const xmlChar *)"datetime"));
    else if (is_el(n, "html"))
      keep(&m->lang, xmlGetProp(n, (const xmlChar *)"lang"));
  }
}

static void meta_free(meta *m) {
  xmlFree(m->og_title);
  xmlFree(m->site_name);
  xmlFree(m->og_url);
  xmlFree(m->canonical);
  xmlFree(m->lang);
  xmlFree(m->pub_meta);
  xmlFree(m->pub_other);
  xmlFree(m->time_dt);
  casus__free(m->ld_date);
}

/* ------------------------------------------------------------- article */

/* Picks the page's date into DAY; *BAD gets the first candidate that is
 * not a date (for the message).  Returns true when one parsed. */
static bool page_date(const meta *m, char day[11], const char **bad) {
  const char *cand[] = {(const char *)m->pub_meta, m->ld_date,
                        (const char *)m->pub_other,
                        (const char *)m->time_dt};
  *bad = NULL;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cand); i++) {
    if (!cand[i])
      continue;
    if (casus__read_date(cand[i], day))
      return true;
    if (!*bad)
      *bad = cand[i];
  }
  return false;
}

/* Returns a new ISO 639 code from a lang attribute ("en-US" -> "en"), or
 * NULL when it does not look like one. */
static char *lang_code(const xmlChar *lang) {
  char code[4];
  size_t n = 0;
  if (!lang)
    return NULL;
  for (; lang[n] && lang[n] != '-' && lang[n] != '_'; n++) {
    char c = (char)lang[n];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (n >= 3 || c < 'a' || c > 'z')
      return NULL;
    code[n] = c;
  }
  if (n < 2)
    return NULL;
  code[n] = '\0';
  return casus__strdup(code);
}

static char *dup_x(const xmlChar *s) {
  return s ? casus__strdup((const char *)s) : NULL;
}

/* Fills the metadata fields of A; returns CASUS_OK or CASUS_ENOMEM. */
static int fill_meta(const casus_rctx *c, const meta *m, casus_article *a) {
  a->title = collapse(m->og_title);
  if (!a->title)
    a->title = node_text(m->title);
  if (!a->title)
    a->title = node_text(m->h1);
  a->source = m->site_name ? collapse(m->site_name) : casus__strdup(c->source);
  a->url = dup_x(m->canonical ? m->canonical : m->og_url);
  a->language = lang_code(m->lang);
  if (!a->language)
    a->language = casus__strdup(c->language);
  a->id = casus__read_path_id(c->root, c->name);
  if (!a->id)
    a->id = casus__read_hash_id(a->text, a->text_len);
  a->origin = casus__read_origin(c->name, 1);
  if (!a->language || !a->id || !a->origin)
    return CASUS_ENOMEM;
  return CASUS_OK;
}

/* Builds the article from the parsed page. */
static int build(const casus_rctx *c, xmlDoc *doc, casus_article **out,
                 casus_error *err) {
  meta m = {0};
  walker w = {0};
  casus_article *a = NULL;
  const char *bad;
  char day[11];
  int rc = CASUS_OK;
  scan(&m, doc);
  extract_text(&w, &m, xmlDocGetRootElement(doc));
  if (w.rc) {
    rc = casus__err(err, w.rc, c->name, 0, "out of memory");
    goto done;
  }
  if (w.out.len == 0) {
    rc = casus__err(err, CASUS_EEMPTY, c->name, 0, "no article text in page");
    goto done;
  }
  if (!page_date(&m, day, &bad)) {
    if (!c->published) {
      if (bad)
        rc = casus__err(err, CASUS_EDATE, c->name, 0,
                        "page date \"%.60s\" is not a valid date; pass "
                        "--published YYYY-MM-DD", bad);
      else
        rc = casus__err(err, CASUS_EDATE, c->name, 0,
                        "no publication date in page: pass --published "
                        "YYYY-MM-DD");
      goto done;
    }
    snprintf(day, sizeof day, "%s", c->published);
  }
  a = casus_article_new();
  if (a) {
    a->text = w.out.data;
    a->text_len = w.out.len;
    w.out.data = NULL;
    a->published = casus__strdup(day);
  }
  if (!a || !a->published || fill_meta(c, &m, a)) {
    rc = casus__err(err, CASUS_ENOMEM, c->name, 0, "out of memory");
    goto done;
  }
  *out = a;
  a = NULL;
done:
  casus_article_free(a);
  casus__buf_free(&w.out);
  casus__buf_free(&w.para);
  meta_free(&m);
  return rc;
}

/* True when the first bytes declare a character set; libxml2 then picks
 * it, otherwise the page is read as UTF-8. */
/* True when offset I of S lies inside a <meta ...> tag (not, say, in
 * <script charset="utf-8" src=...>). */
static bool in_meta_tag(const char *s, size_t i) {
  while (i > 0 && s[i - 1] != '<' && s[i - 1] != '>')
    i--;
  if (i == 0 || s[i - 1] != '<')
    return false;
  static const char tag[] = "meta";
  for (size_t k = 0; k < sizeof tag - 1; k++)
    if ((s[i + k] | 0x20) != tag[k])
      return false;
  return true;
}

static bool declares_charset(const char *s, size_t n) {
  static const char key[] = "charset";
  size_t lim = n < 4096 ? n : 4096;
  for (size_t i = 0; i + sizeof key - 1 <= lim; i++) {
    size_t k = 0;
    while (k < sizeof key - 1 && (s[i + k] | 0x20) == key[k])
      k++;
    if (k == sizeof key - 1 && in_meta_tag(s, i))
      return true;
  }
  return false;
}

/* libxml2 reports some encoding errors despite HTML_PARSE_NOERROR; the
 * library never prints, so its handlers are silenced around a parse. */
static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e) {
  (void)ctx;
  (void)e;
}

int casus__html_article(const casus_rctx *c, const char *s, size_t n,
                        casus_article **out, casus_error *err) {
  *out = NULL;
  if (casus__read_blank(s, n))
    return casus__err(err, CASUS_EEMPTY, c->name, 0, "empty file");
  if (memchr(s, '\0', n) || casus__looks_binary(s, n))
    return casus__err(err, CASUS_EBINARY, c->name, 0,
                      "binary data, not HTML");
  if (n > INT_MAX)
    return casus__err(err, CASUS_ETOOBIG, c->name, 0, "page too big");
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET;
  xmlSetGenericErrorFunc(NULL, silent);
  xmlSetStructuredErrorFunc(NULL, silent_structured);
  xmlDoc *doc = htmlReadMemory(s, (int)n, NULL,
                               declares_charset(s, n) ? NULL : "UTF-8", opts);
  xmlSetGenericErrorFunc(NULL, NULL);
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (!doc || !xmlDocGetRootElement(doc)) {
    xmlFreeDoc(doc);
    return casus__err(err, CASUS_EPARSE, c->name, 0, "cannot parse HTML");
  }
  int rc = build(c, doc, out, err);
  xmlFreeDoc(doc);
  return rc;
}
