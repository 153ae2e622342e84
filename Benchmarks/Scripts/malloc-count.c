// malloc-count.c: an LD_PRELOAD library that counts allocations (Benchmarks/Scripts/count-per-request.sh).
// Each SIGUSR2 appends one line to the file named by MALLOC_COUNT_OUT:
//   malloc=N calloc=N realloc=N memalign=N bytes=N
// so the counts of a fixed number of requests are the difference of two lines. The counters are
// relaxed atomics; the allocation itself is glibc's (__libc_*).
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static _Atomic unsigned long mallocs, callocs, reallocs, memaligns, bytes;

static void count(_Atomic unsigned long *counter, size_t size) {
    atomic_fetch_add_explicit(counter, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&bytes, size, memory_order_relaxed);
}

void *malloc(size_t size) { count(&mallocs, size); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { count(&callocs, n * size); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { count(&reallocs, 0); return __libc_realloc(p, size); }
void *memalign(size_t alignment, size_t size) { count(&memaligns, size); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { return memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    void *p = memalign(alignment, size);
    if (!p) return 12;  // ENOMEM
    *out = p;
    return 0;
}

static void dump(int signal) {
    (void)signal;
    const char *path = getenv("MALLOC_COUNT_OUT");
    int fd = path ? open(path, O_WRONLY | O_APPEND | O_CREAT, 0644) : 2;
    char line[200];
    int n = snprintf(line, sizeof line, "malloc=%lu calloc=%lu realloc=%lu memalign=%lu bytes=%lu\n",
                     atomic_load(&mallocs), atomic_load(&callocs), atomic_load(&reallocs),
                     atomic_load(&memaligns), atomic_load(&bytes));
    if (n > 0) (void)!write(fd, line, (size_t)n);
    if (path) close(fd);
}

__attribute__((constructor)) static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dump;
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &action, 0);
}
