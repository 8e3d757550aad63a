/*
 * recursion: call-heavy code, from very many shallow calls to one very deep chain.
 *
 * Every round runs
 *   - naive Fibonacci: two recursive calls per invocation, ~10^5 calls of tiny bodies;
 *   - Ackermann A(3, n): nested recursion up to ~1000 frames deep, ~10^5..10^6 calls;
 *   - Hofstadter's Female and Male sequences: mutual recursion through two functions;
 *   - a binary search tree of 4096 random keys, inserted, walked in order, measured,
 *     mirrored and freed, all recursively, with malloc/free per node;
 *   - a linear non-tail recursion 50000 frames deep (about 1.5 MiB of stack).
 * The functions are marked noinline so the compiler keeps the calls, which stresses
 * call/return prediction (the return-address stack), stack-pointer arithmetic, and
 * register spills to the stack around calls.
 *
 * Size argument: number of rounds (default 600; small 1).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_ROUNDS 600
#define TREE_KEYS 4096
#define DEEP_FRAMES 50000

#define NOINLINE __attribute__((noinline))

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

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

NOINLINE static uint64_t fib(unsigned n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

NOINLINE static uint64_t ackermann(uint64_t m, uint64_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static uint64_t hofstadter_male(uint64_t n);

NOINLINE static uint64_t hofstadter_female(uint64_t n) {
  return n == 0 ? 1 : n - hofstadter_male(hofstadter_female(n - 1));
}

NOINLINE static uint64_t hofstadter_male(uint64_t n) {
  return n == 0 ? 0 : n - hofstadter_female(hofstadter_male(n - 1));
}

/* Not a tail call: x is needed after the recursive call returns. */
NOINLINE static uint64_t deep(unsigned depth, uint64_t x) {
  if (depth == 0) return x;
  uint64_t below = deep(depth - 1, x * 6364136223846793005ull + depth);
  return below ^ (below >> 29) ^ x;
}

struct tree {
  struct tree* left;
  struct tree* right;
  uint64_t key;
};

NOINLINE static struct tree* tree_insert(struct tree* t, uint64_t key) {
  if (!t) {
    t = malloc(sizeof *t);
    if (!t) exit(1);
    t->left = t->right = NULL;
    t->key = key;
  } else if (key < t->key) {
    t->left = tree_insert(t->left, key);
  } else {
    t->right = tree_insert(t->right, key);
  }
  return t;
}

/* In-order hash; *ordered is cleared if the keys are not ascending. */
NOINLINE static uint64_t tree_walk(const struct tree* t, uint64_t hash, uint64_t* previous,
                                   int* ordered) {
  if (!t) return hash;
  hash = tree_walk(t->left, hash, previous, ordered);
  if (t->key < *previous) *ordered = 0;
  *previous = t->key;
  hash = (hash ^ t->key) * 0x100000001b3ull;
  return tree_walk(t->right, hash, previous, ordered);
}

NOINLINE static unsigned tree_height(const struct tree* t) {
  if (!t) return 0;
  unsigned left = tree_height(t->left), right = tree_height(t->right);
  return 1 + (left > right ? left : right);
}

NOINLINE static void tree_mirror(struct tree* t) {
  if (!t) return;
  struct tree* left = t->left;
  t->left = t->right;
  t->right = left;
  tree_mirror(t->left);
  tree_mirror(t->right);
}

NOINLINE static void tree_free(struct tree* t) {
  if (!t) return;
  tree_free(t->left);
  tree_free(t->right);
  free(t);
}

/* One round of the tree workload: a hash of the in-order walks and of the height. */
static uint64_t tree_round(int* ordered) {
  struct tree* root = NULL;
  for (int i = 0; i < TREE_KEYS; i++) root = tree_insert(root, splitmix64());
  uint64_t previous = 0;
  uint64_t hash = tree_walk(root, 0xcbf29ce484222325ull, &previous, ordered);
  tree_mirror(root);
  /* The mirror image walks in descending order: if it looks ascending, mirroring failed. */
  int mirrored_ascending = 1;
  previous = 0;
  hash = tree_walk(root, hash, &previous, &mirrored_ascending) + tree_height(root);
  if (mirrored_ascending) *ordered = 0;
  tree_free(root);
  return hash;
}

int main(int argc, char** argv) {
  long rounds = parse_size(argc, argv, DEFAULT_ROUNDS, 10000000L);

  printf("fib(20) = %" PRIu64 ", ackermann(3, 5) = %" PRIu64 ", female(20) = %" PRIu64 "\n",
         fib(20), ackermann(3, 5), hofstadter_female(20));

  uint64_t checksum = 0;
  int ordered = 1;
  for (long r = 0; r < rounds; r++) {
    uint64_t h = fib(22 + (unsigned)(r % 4));
    h = h * 31 + ackermann(3, 5 + (uint64_t)(r % 3));
    h = h * 31 + hofstadter_female(24 + (uint64_t)(r % 8));
    h = h * 31 + tree_round(&ordered);
    h = h * 31 + deep(DEEP_FRAMES, (uint64_t)r);
    checksum = (checksum ^ h) * 0x100000001b3ull;
  }

  printf("rounds: %ld, trees ordered: %s\n", rounds, ordered ? "yes" : "no");
  printf("checksum: 0x%016" PRIx64 "\n", checksum);
  return 0;
}
