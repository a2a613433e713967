/* cmd_info.c -- `casus info`: what the engine loaded and how fast. */
#include "cli.h"

#include <string.h>

int cmd_info(int argc, char **argv) {
  const char *datadir = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      puts("usage: casus info [--data DIR]\n\n"
           "Loads the engine and prints what it holds: countries, admin1\n"
           "units, cities, actor forms, roles, patterns, and load time.");
      return EXIT_OK;
    }
    if (!strcmp(argv[i], "--data") && i + 1 < argc)
      datadir = argv[++i];
  }
  casus_error err;
  casus_engine *e = NULL;
  if (casus_engine_open(datadir, &e, &err)) {
    cli_report(&err);
    return EXIT_FATAL;
  }
  casus_engine_stats st;
  casus_engine_get_stats(e, &st);
  printf("casus %s\n", CASUS_VERSION);
  printf("countries    %zu\nadmin1       %zu\ncities       %zu\n"
         "actor forms  %zu\nroles        %zu\npatterns     %zu\n",
         st.countries, st.admin1, st.cities, st.actor_forms, st.roles,
         st.patterns);
  /* The compiled gazetteer, or why the text tables were read instead. */
  printf("image        %s\n", st.lexicon_image ? "gen/lexicon.img"
                                                 : st.image_note);
  printf("load time    %.1f ms\n", st.load_ms);
  casus_engine_close(e);
  return EXIT_OK;
}
