/*
 * sort_search: quicksort of pseudo-random 64-bit keys, then many binary searches.
 *
 * The sort is a hand-written introsort-free quicksort (median-of-three pivot, Hoare
 * partition, insertion sort below 16 elements, recursion on the smaller side only), so
 * its branches are data-dependent and mispredict about half the time. The searches are
 * lower-bound binary searches for 2 x size keys, half of them present and half random,
 * whose loads jump across the whole array: unpredictable branches and cache misses.
 * The output proves the array is sorted and checksums the positions found.
 *
 * Size argument: number of keys (default 1500000; small 20000).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_KEYS 1500000
#define INSERTION_SORT_MAX 16

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

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

static void swap(uint64_t* a, uint64_t* b) {
  uint64_t t = *a;
  *a = *b;
  *b = t;
}

static void insertion_sort(uint64_t* v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint64_t key = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1] > key; j--) v[j] = v[j - 1];
    v[j] = key;
  }
}

static void quicksort(uint64_t* v, size_t n) {
  while (n > INSERTION_SORT_MAX) {
    /* Median of three moved to v[0]; v[0] <= pivot <= v[n - 1] bounds the scans. */
    size_t mid = n / 2;
    if (v[mid] < v[0]) swap(&v[mid], &v[0]);
    if (v[n - 1] < v[0]) swap(&v[n - 1], &v[0]);
    if (v[n - 1] < v[mid]) swap(&v[n - 1], &v[mid]);
    uint64_t pivot = v[mid];

    size_t i = 0, j = n - 1;
    for (;;) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i >= j) break;
      swap(&v[i], &v[j]);
      i++;
      j--;
    }
    /* Hoare partition: v[0..j] <= pivot <= v[j+1..n-1]. Recurse on the smaller part. */
    size_t left = j + 1;
    if (left < n - left) {
      quicksort(v, left);
      v += left;
      n -= left;
    } else {
      quicksort(v + left, n - left);
      n = left;
    }
  }
  insertion_sort(v, n);
}

/* Index of the first element >= key, or n if there is none. */
static size_t lower_bound(const uint64_t* v, size_t n, uint64_t key) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int main(int argc, char** argv) {
  size_t n = (size_t)parse_size(argc, argv, DEFAULT_KEYS, 1L << 28);
  uint64_t* keys = malloc(n * sizeof *keys);
  if (!keys) return 1;
  uint64_t key_sum = 0;
  for (size_t i = 0; i < n; i++) {
    keys[i] = splitmix64();
    key_sum += keys[i];
  }

  quicksort(keys, n);

  size_t inversions = 0;
  uint64_t sorted_sum = keys[0];
  for (size_t i = 1; i < n; i++) {
    inversions += keys[i - 1] > keys[i];
    sorted_sum += keys[i];
  }

  size_t lookups = 2 * n, found = 0;
  uint64_t checksum = 0;
  for (size_t i = 0; i < lookups; i++) {
    uint64_t r = splitmix64();
    /* Even lookups pick an existing key (by a random index), odd ones a random value. */
    uint64_t key = (i & 1) ? r : keys[r % n];
    size_t pos = lower_bound(keys, n, key);
    if (pos < n && keys[pos] == key) found++;
    checksum = checksum * 0x100000001b3ull + pos;
  }
  free(keys);

  printf("keys: %zu\n", n);
  printf("sorted: %s\n", inversions == 0 && sorted_sum == key_sum ? "yes" : "no");
  printf("found: %zu of %zu\n", found, lookups);
  printf("checksum: 0x%016llx\n", (unsigned long long)checksum);
  return 0;
}
