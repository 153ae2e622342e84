// The glibc pieces Swift's Glibc module does not expose (epoll, eventfd, timerfd, CPU sets),
// plus tiny wrappers for macros Swift cannot import.
#ifndef ROOM619_CTRANSPORT_H
#define ROOM619_CTRANSPORT_H

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <stdint.h>

/// The number of CPUs this process may run on (its affinity mask, so `taskset` counts), or 0.
int ct_affinity_cpu_count(void);

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (glibc declares it only under _GNU_SOURCE).
int ct_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length);

/// Names the calling thread (visible in `top -H`, gdb); truncated to 15 bytes.
void ct_set_thread_name(const char *name);

/// epoll_event is packed on x86-64; these keep Swift away from its layout.
int ct_epoll_add(int epfd, int fd, uint32_t events, uint64_t data);
int ct_epoll_modify(int epfd, int fd, uint32_t events, uint64_t data);
int ct_epoll_remove(int epfd, int fd);
/// Waits for up to `capacity` events; fills `events` and `data` side by side.
int ct_epoll_wait(int epfd, uint32_t *events, uint64_t *data, int capacity, int timeout_ms);

static const uint32_t CT_EPOLLIN = EPOLLIN;
static const uint32_t CT_EPOLLOUT = EPOLLOUT;
static const uint32_t CT_EPOLLERR = EPOLLERR;
static const uint32_t CT_EPOLLHUP = EPOLLHUP;
static const uint32_t CT_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CT_EPOLLET = EPOLLET;

#endif
