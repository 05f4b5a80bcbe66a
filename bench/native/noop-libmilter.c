/*
 * The reference no-op milter: libmilter (Sendmail's C library, what opendkim and most milters use)
 * with only an end-of-message callback, so libmilter switches every other step off. Used by
 * bench/run-milter-overhead.sh to show what the reference implementation costs Postfix.
 * Build: cc -O2 -o noop-libmilter noop-libmilter.c -lmilter -lpthread (Debian: libmilter-dev).
 * Run: noop-libmilter inet:PORT@127.0.0.1
 */
#include <libmilter/mfapi.h>
#include <string.h>

static sfsistat end_of_message(SMFICTX *context) {
  (void)context;
  return SMFIS_CONTINUE;
}

int main(int argc, char **argv) {
  struct smfiDesc filter;
  if (argc != 2) {
    return 2;
  }
  memset(&filter, 0, sizeof filter);
  filter.xxfi_name = "noop";
  filter.xxfi_version = SMFI_VERSION;
  filter.xxfi_eom = end_of_message;
  if (smfi_setconn(argv[1]) == MI_FAILURE || smfi_register(filter) == MI_FAILURE) {
    return 1;
  }
  return smfi_main();
}
