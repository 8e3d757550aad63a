/*
 * pointer_chase: dependent loads around one random cycle through a large node array.
 *
 * Each node is 64 bytes (one cache line) and holds a pointer to the next node. Sattolo's
 * algorithm turns the nodes into a single random cycle, so a walk visits every node once
 * per lap in an order with no locality: at the default size (64 MiB) nearly every step is
 * a cache miss and a TLB miss, and the next address is unknown until the load completes.
 * This measures memory latency through the guest memory path (address translation,
 * software TLB) rather than instruction throughput. The walk must return to its start
 * after each lap, which the output confirms.
 *
 * Size argument: number of nodes, 64 bytes each (default 1048576 = 64 MiB; small 4096).
 * The walk makes 8 laps.
 *
 * Optional second argument, the cycle's layout: "random" (the default, above) or "sweep":
 * the cycle visits one node in every 4 KiB page in page order, then the next node of every
 * page, and so on. Page by page that is a cyclic sweep, the pattern on which LRU-like TLB
 * replacement fails completely once the pages outnumber the TLB's entries while random and
 * insertion-adaptive policies keep part of the working set: it shows policy differences
 * that the random layout (uniform over pages, so every policy hits capacity / pages) cannot.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_NODES (1L << 20)
#define LAPS 8

struct node {
  struct node* next;
  uint64_t payload;
  uint64_t padding[6];
};
_Static_assert(sizeof(struct node) == 64, "a node must fill one cache line");

static uint64_t rng_state = 0x853c49e6748fea9bull;

static uint64_t splitmix64(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static long parse_size(int argc, char** argv, long fallback, long max) {
  if (argc < 2) return fallback;
  char* end;
  long size = strtol(argv[1], &end, 10);
  if (*end != '\0' || size < 1 || size > max) {
    fprintf(stderr, "usage: %s [size 1..%ld]\n", argv[0], max);
    exit(2);
  }
  return size;
}

#define NODES_PER_PAGE (4096 / sizeof(struct node))

int main(int argc, char** argv) {
  size_t n = (size_t)parse_size(argc, argv, DEFAULT_NODES, 1L << 26);
  const int sweep = argc > 2 && strcmp(argv[2], "sweep") == 0;
  if (argc > 3 || (argc > 2 && !sweep && strcmp(argv[2], "random") != 0) ||
      (sweep && n % NODES_PER_PAGE != 0)) {
    fprintf(stderr, "usage: %s [size 1..%ld] [random|sweep (size a multiple of %zu)]\n", argv[0],
            1L << 26, NODES_PER_PAGE);
    return 2;
  }
  /* The sweep needs nodes i * NODES_PER_PAGE to start pages; the random layout keeps 64. */
  struct node* nodes = aligned_alloc(sweep ? 4096 : 64, n * sizeof *nodes);
  uint32_t* cycle = malloc(n * sizeof *cycle);
  if (!nodes || !cycle) return 1;

  if (sweep) {
    /* Position k of the walk is node (k mod pages) * NODES_PER_PAGE + k / pages. */
    const size_t pages = n / NODES_PER_PAGE;
    for (size_t k = 0; k < n; k++) {
      const size_t from = (k % pages) * NODES_PER_PAGE + k / pages;
      const size_t k2 = (k + 1) % n;
      cycle[from] = (uint32_t)((k2 % pages) * NODES_PER_PAGE + k2 / pages);
    }
  } else {
    /* Sattolo's algorithm: a uniformly random permutation consisting of one n-cycle. */
    for (size_t i = 0; i < n; i++) cycle[i] = (uint32_t)i;
    for (size_t i = n - 1; i > 0; i--) {
      size_t j = splitmix64() % i;
      uint32_t t = cycle[i];
      cycle[i] = cycle[j];
      cycle[j] = t;
    }
  }
  for (size_t i = 0; i < n; i++) {
    nodes[i].next = &nodes[cycle[i]];
    nodes[i].payload = splitmix64();
  }
  free(cycle);

  const struct node* p = &nodes[0];
  uint64_t checksum = 0;
  int laps_closed = 0;
  for (int lap = 0; lap < LAPS; lap++) {
    for (size_t step = 0; step < n; step++) {
      checksum = (checksum ^ p->payload) * 0x100000001b3ull;
      p = p->next;
    }
    laps_closed += p == &nodes[0];
  }
  free(nodes);

  if (sweep) printf("layout: sweep\n");
  printf("nodes: %zu\n", n);
  printf("laps closed: %d of %d\n", laps_closed, LAPS);
  printf("checksum: 0x%016llx\n", (unsigned long long)checksum);
  return 0;
}
