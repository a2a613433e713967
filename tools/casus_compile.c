/* casus_compile.c -- compiles the gazetteer of a casus data directory into
 * the binary image casus_engine_open maps (lib/recognize/image.c).
 *
 * Usage: casus_compile DATADIR [OUT]   (OUT: DATADIR/gen/lexicon.img)
 * The build runs it after the gazetteer generator and the data copy. */
#include "engine_int.h"

#include <stdio.h>

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: casus_compile DATADIR [OUT]\n");
    return 2;
  }
  casus_error err;
  if (casus__image_compile(argv[1], argc > 2 ? argv[2] : NULL, &err)) {
    fprintf(stderr, "casus_compile: %s%s%s\n", err.file,
            err.file[0] ? ": " : "", err.msg);
    return 1;
  }
  return 0;
}
