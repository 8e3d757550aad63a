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
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

int main(int argc, char** argv) {
  size_t n = (size_t)parse_size(argc, argv, DEFAULT_NODES, 1L << 26);
  struct node* nodes = aligned_alloc(64, n * sizeof *nodes);
  uint32_t* cycle = malloc(n * sizeof *cycle);
  if (!nodes || !cycle) return 1;

  /* Sattolo's algorithm: a uniformly random permutation consisting of one n-cycle. */
  for (size_t i = 0; i < n; i++) cycle[i] = (uint32_t)i;
  for (size_t i = n - 1; i > 0; i--) {
    size_t j = splitmix64() % i;
    uint32_t t = cycle[i];
    cycle[i] = cycle[j];
    cycle[j] = t;
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

  printf("nodes: %zu\n", n);
  printf("laps closed: %d of %d\n", laps_closed, LAPS);
  printf("checksum: 0x%016llx\n", (unsigned long long)checksum);
  return 0;
}
