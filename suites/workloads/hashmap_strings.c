/*
 * hashmap_strings: word counting in an open-addressing hash map keyed by strings.
 *
 * A stream of `size` words is generated with snprintf from skewed pseudo-random numbers
 * (a few very frequent words, a long tail of rare ones). Each word is hashed with
 * FNV-1a, looked up by linear probing with strcmp, and either counted or copied onto
 * the heap; the table doubles when it is half full, rehashing every entry. Afterwards
 * the table is scanned for the most frequent word and probed with words that are
 * absent. This exercises byte-wise string code (snprintf, strlen, strcmp, memcpy in the
 * guest C library), many small heap allocations and irregular memory accesses.
 *
 * Size argument: number of words counted (default 1500000; small 20000).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_WORDS 1500000
#define INITIAL_CAPACITY 64
#define WORD_MAX 32

static uint64_t rng_state = 0xb7e151628aed2a6aull;

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

struct entry {
  char* key; /* NULL marks an empty slot */
  uint64_t hash;
  uint64_t count;
};

struct map {
  struct entry* slots;
  size_t capacity; /* a power of two */
  size_t size;
};

static uint64_t fnv1a(const char* s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}

static void* checked_calloc(size_t n, size_t size) {
  void* p = calloc(n, size);
  if (!p) {
    fputs("out of memory\n", stderr);
    exit(1);
  }
  return p;
}

static void map_init(struct map* m, size_t capacity) {
  m->slots = checked_calloc(capacity, sizeof *m->slots);
  m->capacity = capacity;
  m->size = 0;
}

/* The slot holding key, or the empty slot where it would be inserted. */
static struct entry* map_slot(const struct map* m, const char* key, uint64_t hash) {
  size_t mask = m->capacity - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    struct entry* e = &m->slots[i];
    if (!e->key || (e->hash == hash && strcmp(e->key, key) == 0)) return e;
  }
}

static void map_grow(struct map* m) {
  struct map bigger;
  map_init(&bigger, m->capacity * 2);
  for (size_t i = 0; i < m->capacity; i++)
    if (m->slots[i].key) *map_slot(&bigger, m->slots[i].key, m->slots[i].hash) = m->slots[i];
  bigger.size = m->size;
  free(m->slots);
  *m = bigger;
}

static void map_count(struct map* m, const char* word) {
  uint64_t hash = fnv1a(word);
  struct entry* e = map_slot(m, word, hash);
  if (e->key) {
    e->count++;
    return;
  }
  size_t len = strlen(word);
  e->key = checked_calloc(len + 1, 1);
  memcpy(e->key, word, len);
  e->hash = hash;
  e->count = 1;
  if (++m->size * 2 > m->capacity) map_grow(m);
}

static const char* const syllables[] = {"ka", "lo", "mi", "nu", "re", "sa", "to", "vi"};

/* Word number `id` as text, e.g. "lo-1f3a.mi". Distinct ids give distinct words. */
static void make_word(char* buf, uint64_t id) {
  snprintf(buf, WORD_MAX, "%s-%" PRIx64 ".%s", syllables[id % 8], id, syllables[(id >> 3) % 8]);
}

int main(int argc, char** argv) {
  long words = parse_size(argc, argv, DEFAULT_WORDS, 1L << 30);
  uint64_t vocabulary = (uint64_t)words / 4 + 16;
  char word[WORD_MAX];
  struct map m;
  map_init(&m, INITIAL_CAPACITY);

  for (long i = 0; i < words; i++) {
    /* Nested modulo skews the distribution towards small ids, like word frequencies. */
    uint64_t r = splitmix64();
    make_word(word, r % ((r >> 32) % vocabulary + 1));
    map_count(&m, word);
  }

  const struct entry* top = NULL;
  uint64_t checksum = 0, total = 0;
  for (size_t i = 0; i < m.capacity; i++) {
    const struct entry* e = &m.slots[i];
    if (!e->key) continue;
    total += e->count;
    checksum += e->hash * e->count; /* order-independent */
    if (!top || e->count > top->count || (e->count == top->count && strcmp(e->key, top->key) < 0))
      top = e;
  }

  size_t absent_found = 0;
  for (uint64_t id = vocabulary; id < vocabulary + (uint64_t)words / 4; id++) {
    make_word(word, id);
    absent_found += map_slot(&m, word, fnv1a(word))->key != NULL;
  }

  printf("words: %" PRIu64 ", distinct: %zu\n", total, m.size);
  printf("most frequent: %s (%" PRIu64 ")\n", top->key, top->count);
  printf("absent words found: %zu\n", absent_found);
  printf("checksum: 0x%016" PRIx64 "\n", checksum);

  for (size_t i = 0; i < m.capacity; i++) free(m.slots[i].key);
  free(m.slots);
  return 0;
}
