/*
 * The cheapest milter we could write, to measure Postfix's own share of a milter's cost: a thread
 * per connection, TCP_NODELAY, TCP_QUICKACK after each read, every step but end of message
 * switched off at negotiation, CONTINUE to end of message. No filtering, no limits: a measuring
 * tool for bench/run-milter-overhead.sh on loopback, never a server to deploy.
 * Build: cc -O2 -o noop-minimal noop-minimal.c -lpthread. Run: noop-minimal PORT
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* SMFIP_NOCONNECT..SMFIP_NODATA without SMFIP_NR_*: every step but end of message off. */
#define STEPS_OFF 0x37Fu
#define MAX_FRAME (1u << 20)

static int read_fully(int fd, void *buffer, size_t length) {
  size_t done = 0;
  while (done < length) {
    ssize_t n = read(fd, (char *)buffer + done, length - done);
    if (n <= 0) {
      return -1;
    }
    done += (size_t)n;
  }
  return 0;
}

static int reply(int fd, const unsigned char *frame, size_t length) {
  return write(fd, frame, length) == (ssize_t)length ? 0 : -1;
}

static void *serve(void *argument) {
  int fd = (int)(intptr_t)argument;
  int on = 1;
  unsigned char *frame = malloc(MAX_FRAME);
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  while (frame != NULL) {
    uint32_t length;
    if (read_fully(fd, &length, 4) != 0) {
      break;
    }
    length = ntohl(length);
    if (length == 0 || length > MAX_FRAME || read_fully(fd, frame, length) != 0) {
      break;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    if (frame[0] == 'O' && length >= 13) {
      uint32_t offered;
      memcpy(&offered, frame + 9, 4);
      uint32_t fields[4] = {htonl(13), htonl(6), htonl(0), htonl(ntohl(offered) & STEPS_OFF)};
      unsigned char out[17];
      memcpy(out, &fields[0], 4);
      out[4] = 'O';
      memcpy(out + 5, &fields[1], 12);
      if (reply(fd, out, sizeof out) != 0) {
        break;
      }
    } else if (frame[0] == 'Q') {
      break;
    } else if (frame[0] != 'D' && frame[0] != 'A' && frame[0] != 'K') {
      static const unsigned char proceed[5] = {0, 0, 0, 1, 'c'};
      if (reply(fd, proceed, sizeof proceed) != 0) {
        break;
      }
    }
  }
  free(frame);
  close(fd);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    return 2;
  }
  int server = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((uint16_t)atoi(argv[1]));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 128) != 0) {
    return 1;
  }
  for (;;) {
    int client = accept(server, NULL, NULL);
    pthread_t thread;
    if (client < 0) {
      continue;
    }
    if (pthread_create(&thread, NULL, serve, (void *)(intptr_t)client) != 0) {
      close(client);
      continue;
    }
    pthread_detach(thread);
  }
}
