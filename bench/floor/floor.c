/* The physical floor: the least a Lambda custom runtime can do. exec, connect, GET /next, echo the
 * event to /response, forever. HTTP/1.1 on one kept-alive socket; bodies framed by Content-Length or
 * chunked; reconnects when the server closed the connection. No error handling beyond exiting. */
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static char host[256], port[16], prefix[256];
static int fd = -1;
static char *buf; static size_t cap, len, pos; /* receive buffer: [pos, len) unread */

static void die(const char *what) { fprintf(stderr, "floor: %s\n", what); exit(1); }

static void connect_api(void) {
    struct addrinfo hints = {0}, *res;
    hints.ai_family = AF_UNSPEC; hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) die("cannot resolve AWS_LAMBDA_RUNTIME_API");
    fd = socket(res->ai_family, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) die("cannot connect");
    int one = 1; setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    freeaddrinfo(res); len = pos = 0;
}

static int fill(void) { /* reads more bytes; 0 on EOF */
    if (pos > 0 && pos == len) pos = len = 0;
    if (len == cap) { cap = cap ? cap * 2 : 65536; if (!(buf = realloc(buf, cap))) die("out of memory"); }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n <= 0) return 0;
    len += (size_t)n; return 1;
}

static char *read_line(void) { /* returns a NUL-terminated line without CRLF, or NULL on EOF */
    for (;;) {
        char *nl = memchr(buf + pos, '\n', len - pos);
        if (nl) { char *line = buf + pos; pos = (size_t)(nl - buf) + 1; *nl = 0; if (nl > line && nl[-1] == '\r') nl[-1] = 0; return line; }
        if (pos > 0) { memmove(buf, buf + pos, len - pos); len -= pos; pos = 0; }
        if (!fill()) return NULL;
    }
}

static void read_exact(char **out, size_t *outlen, size_t n) { /* appends n body bytes to *out */
    *out = realloc(*out, *outlen + n + 1); if (!*out) die("out of memory");
    while (n > 0) {
        if (pos == len && !fill()) die("connection closed mid-body");
        size_t take = len - pos < n ? len - pos : n;
        memcpy(*out + *outlen, buf + pos, take); *outlen += take; pos += take; n -= take;
    }
}

/* Reads one response: status, the request id header, and the body. Returns 0 if the peer closed first. */
static int read_response(int *status, char *request_id, char **body, size_t *body_len, int *server_closes) {
    char *line = read_line();
    if (!line) return 0;
    if (sscanf(line, "HTTP/1.%*d %d", status) != 1) die("bad status line");
    long content_length = -1; int chunked = 0; *server_closes = 0; *body_len = 0;
    while ((line = read_line()) && *line) {
        char *colon = strchr(line, ':'); if (!colon) continue;
        *colon = 0; char *value = colon + 1; while (*value == ' ') value++;
        if (!strcasecmp(line, "Content-Length")) content_length = atol(value);
        else if (!strcasecmp(line, "Transfer-Encoding") && strstr(value, "chunked")) chunked = 1;
        else if (!strcasecmp(line, "Connection") && !strcasecmp(value, "close")) *server_closes = 1;
        else if (request_id && !strcasecmp(line, "Lambda-Runtime-Aws-Request-Id")) snprintf(request_id, 128, "%s", value);
    }
    if (!line) die("connection closed mid-headers");
    if (chunked) {
        for (;;) {
            if (!(line = read_line())) die("connection closed mid-chunk");
            size_t n = strtoul(line, NULL, 16); /* chunk extensions after ';' are ignored */
            if (n == 0) { while ((line = read_line()) && *line) {} break; } /* trailers */
            read_exact(body, body_len, n);
            if (!read_line()) die("connection closed after chunk");
        }
    } else if (content_length > 0) {
        read_exact(body, body_len, (size_t)content_length);
    }
    return 1;
}

static void send_all(const char *p, size_t n) {
    while (n > 0) { ssize_t w = write(fd, p, n); if (w <= 0) die("write failed"); p += w; n -= (size_t)w; }
}

int main(void) {
    const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
    if (!api) die("AWS_LAMBDA_RUNTIME_API is not set");
    const char *slash = strchr(api, '/'), *colon = strrchr(api, ':');
    size_t hostport = slash ? (size_t)(slash - api) : strlen(api);
    if (slash) snprintf(prefix, sizeof prefix, "%s", slash);
    if (prefix[0] && prefix[strlen(prefix) - 1] == '/') prefix[strlen(prefix) - 1] = 0;
    if (!colon || (slash && colon > slash)) die("AWS_LAMBDA_RUNTIME_API must be host:port");
    snprintf(host, sizeof host, "%.*s", (int)(colon - api), api);
    snprintf(port, sizeof port, "%.*s", (int)(hostport - (size_t)(colon - api) - 1), colon + 1);

    char next[512], head[1024], request_id[128];
    int next_len = snprintf(next, sizeof next, "GET %s/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n", prefix, host);
    char *event = NULL, *ignored = NULL; size_t event_len, ignored_len;
    int status, closes, retried = 0;
    connect_api();
    for (;;) {
        send_all(next, (size_t)next_len);
        request_id[0] = 0;
        if (!read_response(&status, request_id, &event, &event_len, &closes)) {
            if (retried) die("server closed the connection");
            close(fd); connect_api(); retried = 1; continue; /* a kept-alive connection the server dropped */
        }
        retried = 0;
        if (status != 200 || !request_id[0]) die("GET /next failed");
        if (closes) { close(fd); connect_api(); }
        int head_len = snprintf(head, sizeof head,
            "POST %s/2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nContent-Length: %zu\r\n\r\n",
            prefix, request_id, host, event_len);
        send_all(head, (size_t)head_len);
        send_all(event, event_len);
        if (!read_response(&status, NULL, &ignored, &ignored_len, &closes)) closes = 1;
        if (closes) { close(fd); connect_api(); }
    }
}
