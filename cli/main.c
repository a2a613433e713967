/* main.c -- `casus`, the command-line tool: dispatches subcommands in the
 * style of git (casus COMMAND [options] [args]). */
#include "cli.h"

#include <errno.h>
#include <string.h>

static const struct {
  const char *name;
  int (*fn)(int, char **);
  const char *summary;
} COMMANDS[] = {
    {"code", cmd_code, "code articles and print events as JSON Lines"},
    {"ingest", cmd_ingest, "code articles and store them in the database"},
    {"show", cmd_show, "print the stored events as a table"},
    {"info", cmd_info, "show what the engine loaded"},
    {"export", cmd_export, "write events as GDELT, ACLED, UCDP, PLOVER"},
    {"dyads", cmd_dyads, "list the most escalating dyads of a period"},
};

static void usage(FILE *f) {
  fprintf(f,
          "usage: casus [--version] [--help] COMMAND [options] [args]\n\n"
          "casus turns news articles into coded political events: who did\n"
          "what to whom, where, when, how many were killed, each field\n"
          "traced to the sentence that supports it.\n\ncommands:\n");
  for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
    fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
  fprintf(f, "\n'casus COMMAND --help' documents each command.\n");
}

void cli_report(const casus_error *err) {
  fprintf(stderr, "casus: ");
  if (err->file[0]) {
    fprintf(stderr, "%s:", err->file);
    if (err->line)
      fprintf(stderr, "%ld:", err->line);
    if (err->col)
      fprintf(stderr, "%ld:", err->col);
    fprintf(stderr, " ");
  }
  fprintf(stderr, "%s\n", err->msg[0] ? err->msg : casus_strerror(err->code));
}

bool cli_output_ok(void) {
  if (fflush(stdout) == 0 && !ferror(stdout))
    return true;
  fprintf(stderr, "casus: writing the output: %s\n", strerror(errno));
  return false;
}

void cli_bad_option(const char *cmd, const char *arg) {
  fprintf(stderr, "casus: %s: unknown option or missing value: '%s'; see "
                  "'casus %s --help'\n", cmd, arg, cmd);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_FATAL;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    if (argc > 2 && strcmp(cmd, "help") == 0) {
      char *sub[] = {argv[2], "--help", NULL};
      for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(COMMANDS[i].name, argv[2]))
          return COMMANDS[i].fn(2, sub);
    }
    usage(stdout);
    return EXIT_OK;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("casus %s\n", CASUS_VERSION);
    return EXIT_OK;
  }
  for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
    if (!strcmp(COMMANDS[i].name, cmd))
      return COMMANDS[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "casus: '%s' is not a command; see 'casus --help'\n", cmd);
  return EXIT_FATAL;
}
