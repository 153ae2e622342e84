// zlib from Debian's zlib1g-dev: gzip for gRPC message compression.
#include <zlib.h>
