/* cmd_show.c -- `casus show`: the stored events as a readable table. */
#include "cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char SHOW_HELP[] =
    "usage: casus show [options]\n\n"
    "Prints the fused events stored in the database (one per real-world\n"
    "event), ordered by date: date, actor1 -> actor2, CAMEO code and name,\n"
    "place, fatalities, number of sources, and the supporting quote.\n\n"
    "  --db PATH    database file (default casus.db)\n"
    "  --no-fuse    the events of each article instead\n"
    "  --limit N    print at most N events\n"
    "  --json       print the stored event JSON instead of the table\n"
    "  --wide       print whole quotes (default: cut to 80 columns)\n";

typedef struct show_ctx {
  int json;
  int wide;  /* the whole quote, not its first QUOTE_COLS columns */
  size_t n;
} show_ctx;

#define QUOTE_COLS 80

/* Prints S cut to W columns (one per UTF-8 character; "…" marks a cut),
 * then, when PAD, spaces up to W and one more. */
static void cell_text(const char *s, int w, bool pad) {
  if (!s)
    s = "";
  size_t left = strlen(s);
  int cols = 0;
  while (left && cols < w) {
    unsigned char b = (unsigned char)*s;
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (len > left)
      len = left;
    if (cols == w - 1 && left > len) {
      fputs("\xE2\x80\xA6", stdout);
      cols++;
      break;
    }
    fwrite(s, 1, len, stdout);
    s += len;
    left -= len;
    cols++;
  }
  for (; pad && cols <= w; cols++)
    putchar(' ');
}

static void cell(const char *s, int w) { cell_text(s, w, true); }

static int show_row(const casus_row *row, void *ctx) {
  show_ctx *c = ctx;
  c->n++;
  if (c->json) {
    puts(row->json ? row->json : "{}");
    return 0;
  }
  char dyad[64], code[96], fat[24];
  snprintf(dyad, sizeof dyad, "%s -> %s", row->actor1 ? row->actor1 : "?",
           row->actor2 ? row->actor2 : "?");
  snprintf(code, sizeof code, "%s %s", row->cameo ? row->cameo : "",
           row->cameo_name ? row->cameo_name : "");
  if (row->fatalities >= 0)
    snprintf(fat, sizeof fat, "%ld", row->fatalities);
  else
    snprintf(fat, sizeof fat, "-");
  cell(row->date, 10);
  cell(dyad, 18);
  cell(code, 30);
  cell(row->place, 36);
  cell(fat, 4);
  char src[16];
  snprintf(src, sizeof src, "%d", row->num_sources);
  cell(src, 3);
  putchar('"');
  const char *q = row->quote ? row->quote : "";
  if (c->wide) {
    fputs(q, stdout);
  } else {
    /* Show the words that were coded: start a little before them when
     * they lie beyond the column. */
    long at = row->quote_trigger;
    if (at > QUOTE_COLS / 2 && (size_t)at < strlen(q)) {
      const char *p = q + at - QUOTE_COLS / 4;
      while (p > q && p[-1] != ' ')
        p--; /* the start of a word */
      fputs("\xE2\x80\xA6", stdout);
      q = p;
    }
    cell_text(q, QUOTE_COLS, false);
  }
  puts("\"");
  return 0;
}

int cmd_show(int argc, char **argv) {
  static const struct option opts[] = {{"db", required_argument, 0, 'b'},
                                       {"limit", required_argument, 0, 'n'},
                                       {"json", no_argument, 0, 'j'},
                                       {"wide", no_argument, 0, 'w'},
                                       {"no-fuse", no_argument, 0, 'F'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *db = "casus.db";
  size_t limit = 0;
  show_ctx c = {0, 0, 0};
  int no_fuse = 0;
  optind = 1;
  opterr = 0;
  int ch;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
    case 'b': db = optarg; break;
    case 'n': limit = (size_t)strtoul(optarg, NULL, 10); break;
    case 'j': c.json = 1; break;
    case 'w': c.wide = 1; break;
    case 'F': no_fuse = 1; break;
    case 'h': fputs(SHOW_HELP, stdout); return EXIT_OK;
    default: cli_bad_option(argv[0], argv[optind - 1]); return EXIT_FATAL;
    }
  }
  if (access(db, F_OK) != 0) {
    fprintf(stderr, "casus: %s: no such database; create it with "
                    "'casus ingest --db %s FILE...'\n", db, db);
    return EXIT_FATAL;
  }
  casus_error err;
  casus_store *s = NULL;
  if (casus_store_open(db, &s, &err)) {
    cli_report(&err);
    return EXIT_FATAL;
  }
  if (!c.json) {
    cell("date", 10);
    cell("actor1 -> actor2", 18);
    cell("CAMEO", 30);
    cell("place", 36);
    cell("dead", 4);
    cell("src", 3);
    printf("quote\n");
  }
  /* A store that was never fused (written by the library alone) shows
   * its per-article events. */
  casus_store_stats stats;
  if (!no_fuse && !casus_store_get_stats(s, &stats, &err) &&
      !stats.fused_events && stats.events)
    no_fuse = 1;
  int rc = no_fuse ? casus_store_each(s, limit, show_row, &c, &err)
                   : casus_store_each_fused(s, limit, show_row, &c, &err);
  if (rc)
    cli_report(&err);
  else if (!c.json)
    printf("(%zu event%s)\n", c.n, c.n == 1 ? "" : "s");
  casus_store_close(s);
  if (!cli_output_ok())
    return EXIT_FATAL;
  return rc ? EXIT_FATAL : EXIT_OK;
}
