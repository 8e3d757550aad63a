/*
 * coremark_like: an integer kernel in the style of EEMBC CoreMark.
 *
 * Every iteration runs the four CoreMark ingredients on small, cache-resident data:
 *   - a linked list: searches, reversals and two merge sorts (by data, then by index);
 *   - int16 matrices multiplied into int32 results (by a constant, matrix x vector,
 *     matrix x matrix, and with bit-field extraction), summed with a clipping rule;
 *   - a character-class state machine that scans a comma-separated list of numbers and
 *     classifies each token as integer, float, scientific or invalid;
 *   - a bitwise CRC-16 over every result.
 * The seed of each iteration is the CRC of the previous one, so no work can be hoisted.
 * This exercises branchy integer code, mixed-width loads and stores, pointer updates and
 * data-dependent control flow: the typical load of an interpreter or JIT.
 *
 * Size argument: number of iterations (default 30000; small 20).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ITERATIONS 30000
#define LIST_NODES 192
#define MATRIX_N 18
#define STATE_TOKENS 64

static uint64_t rng_state = 0x0123456789abcdefull;

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

/* CRC-16/ARC (reflected polynomial 0xa001), one bit at a time as CoreMark does. */
static uint16_t crc16_u8(uint8_t data, uint16_t crc) {
  crc ^= data;
  for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xa001) : crc >> 1;
  return crc;
}

static uint16_t crc16_u16(uint16_t data, uint16_t crc) {
  return crc16_u8((uint8_t)(data >> 8), crc16_u8((uint8_t)data, crc));
}

static uint16_t crc16_u32(uint32_t data, uint16_t crc) {
  return crc16_u16((uint16_t)(data >> 16), crc16_u16((uint16_t)data, crc));
}

/* ---- linked list ---------------------------------------------------------------- */

struct list_node {
  struct list_node* next;
  int16_t data;
  int16_t idx;
};

static struct list_node list_pool[LIST_NODES];

typedef int (*list_cmp)(const struct list_node*, const struct list_node*);

static int cmp_data(const struct list_node* a, const struct list_node* b) {
  return a->data != b->data ? a->data - b->data : a->idx - b->idx;
}

static int cmp_idx(const struct list_node* a, const struct list_node* b) {
  return a->idx - b->idx;
}

static struct list_node* list_init(void) {
  for (int i = 0; i < LIST_NODES; i++) {
    list_pool[i].next = i + 1 < LIST_NODES ? &list_pool[i + 1] : NULL;
    list_pool[i].idx = (int16_t)i;
    list_pool[i].data = 0;
  }
  return &list_pool[0];
}

static struct list_node* list_find(struct list_node* list, int16_t data) {
  while (list && list->data != data) list = list->next;
  return list;
}

static struct list_node* list_reverse(struct list_node* list) {
  struct list_node* reversed = NULL;
  while (list) {
    struct list_node* next = list->next;
    list->next = reversed;
    reversed = list;
    list = next;
  }
  return reversed;
}

/* Bottom-up merge sort of a singly linked list (Simon Tatham's algorithm, as in CoreMark). */
static struct list_node* list_mergesort(struct list_node* list, list_cmp cmp) {
  for (int run = 1;; run *= 2) {
    struct list_node* p = list;
    struct list_node* tail = NULL;
    int merges = 0;
    list = NULL;
    while (p) {
      merges++;
      struct list_node* q = p;
      int psize = 0;
      while (psize < run && q) {
        psize++;
        q = q->next;
      }
      int qsize = run;
      while (psize > 0 || (qsize > 0 && q)) {
        struct list_node* e;
        if (psize == 0) {
          e = q;
          q = q->next;
          qsize--;
        } else if (qsize == 0 || !q || cmp(p, q) <= 0) {
          e = p;
          p = p->next;
          psize--;
        } else {
          e = q;
          q = q->next;
          qsize--;
        }
        if (tail)
          tail->next = e;
        else
          list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = NULL;
    if (merges <= 1) return list;
  }
}

static uint16_t list_bench(struct list_node** head, uint16_t seed) {
  uint16_t crc = 0;
  for (struct list_node* n = *head; n; n = n->next)
    n->data = (int16_t)(((seed ^ (uint32_t)n->idx * 0x9e37u) * 0x2d5u + (uint32_t)n->idx) & 0x3fff);

  int found = 0;
  for (int i = 0; i < 8; i++) {
    int16_t key = (i & 1) ? list_pool[(seed + i * 37) % LIST_NODES].data
                          : (int16_t)((seed * (i + 3)) & 0x3fff);
    struct list_node* hit = list_find(*head, key);
    if (hit) found++;
    crc = crc16_u16(hit ? (uint16_t)hit->idx : 0xffff, crc);
    *head = list_reverse(*head);
  }
  crc = crc16_u16((uint16_t)found, crc);

  *head = list_mergesort(*head, cmp_data);
  for (struct list_node* n = *head; n; n = n->next) crc = crc16_u16((uint16_t)n->data, crc);
  *head = list_mergesort(*head, cmp_idx);
  return crc16_u16((uint16_t)(*head)->next->idx, crc);
}

/* ---- matrices --------------------------------------------------------------------- */

static int16_t mat_a[MATRIX_N][MATRIX_N];
static int16_t mat_b[MATRIX_N][MATRIX_N];
static int32_t mat_c[MATRIX_N][MATRIX_N];

static void matrix_init(void) {
  for (int i = 0; i < MATRIX_N; i++)
    for (int j = 0; j < MATRIX_N; j++) {
      mat_a[i][j] = (int16_t)((splitmix64() & 0xff) - 128);
      mat_b[i][j] = (int16_t)((splitmix64() & 0xff) - 128);
    }
}

static void matrix_add_const(int16_t val) {
  for (int i = 0; i < MATRIX_N; i++)
    for (int j = 0; j < MATRIX_N; j++) mat_a[i][j] = (int16_t)(mat_a[i][j] + val);
}

static void matrix_mul_const(int16_t val) {
  for (int i = 0; i < MATRIX_N; i++)
    for (int j = 0; j < MATRIX_N; j++) mat_c[i][j] = (int32_t)mat_a[i][j] * val;
}

static void matrix_mul_vect(void) {
  for (int i = 0; i < MATRIX_N; i++) {
    int32_t sum = 0;
    for (int j = 0; j < MATRIX_N; j++) sum += (int32_t)mat_a[i][j] * mat_b[j][0];
    mat_c[i][0] = sum;
  }
}

static void matrix_mul_matrix(int bitextract) {
  for (int i = 0; i < MATRIX_N; i++)
    for (int j = 0; j < MATRIX_N; j++) {
      int32_t sum = 0;
      for (int k = 0; k < MATRIX_N; k++) {
        int32_t product = (int32_t)mat_a[i][k] * mat_b[k][j];
        sum += bitextract ? (int32_t)(((uint32_t)product >> 2) & 0xf) *
                                (int32_t)(((uint32_t)product >> 5) & 0x7f)
                          : product;
      }
      mat_c[i][j] = sum;
    }
}

/* CoreMark's clipped sum: counts rising values, with a bonus whenever the sum overflows. */
static int16_t matrix_sum(int32_t clip) {
  int32_t current = 0;
  int32_t previous = 0;
  int16_t ret = 0;
  for (int i = 0; i < MATRIX_N; i++)
    for (int j = 0; j < MATRIX_N; j++) {
      int32_t value = mat_c[i][j];
      current += value;
      if (current > clip) {
        ret = (int16_t)(ret + 10);
        current = 0;
      } else {
        ret = (int16_t)(ret + (value > previous));
      }
      previous = value;
    }
  return ret;
}

static uint16_t matrix_bench(uint16_t seed) {
  int16_t val = (int16_t)((seed & 0xff) | 1);
  int32_t clip = 0xf000 | seed;
  uint16_t crc = 0;

  matrix_add_const(val);
  matrix_mul_const(val);
  crc = crc16_u16((uint16_t)matrix_sum(clip), crc);
  matrix_mul_vect();
  crc = crc16_u16((uint16_t)matrix_sum(clip), crc);
  matrix_mul_matrix(0);
  crc = crc16_u16((uint16_t)matrix_sum(clip), crc);
  matrix_mul_matrix(1);
  crc = crc16_u16((uint16_t)matrix_sum(clip), crc);
  matrix_add_const((int16_t)-val);
  return crc16_u32((uint32_t)mat_c[seed % MATRIX_N][(seed >> 8) % MATRIX_N], crc);
}

/* ---- state machine ---------------------------------------------------------------- */

enum state {
  S_START,
  S_INVALID,
  S_SIGN,
  S_INT,
  S_FLOAT,
  S_EXP_MARK,
  S_EXP_SIGN,
  S_SCIENTIFIC,
  NUM_STATES
};

static const char* const state_tokens[] = {
    "5012",     "1234",     "-874",     "+122",     "35.54400", ".1234500", "-110.700", "+0.64400",
    "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^",
};

static unsigned char state_input[STATE_TOKENS * 9 + 1];
static size_t state_length;

static void state_init(void) {
  size_t n = sizeof state_tokens / sizeof state_tokens[0];
  unsigned char* out = state_input;
  for (int i = 0; i < STATE_TOKENS; i++) {
    const char* token = state_tokens[splitmix64() % n];
    size_t len = strlen(token);
    memcpy(out, token, len);
    out[len] = ',';
    out += len + 1;
  }
  *out = '\0';
  state_length = (size_t)(out - state_input);
}

static int is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

/* Consumes one comma-terminated token from *input and returns the state it ends in. */
static enum state state_scan(const unsigned char** input, uint32_t transitions[NUM_STATES]) {
  const unsigned char* p = *input;
  enum state state = S_START;
  for (; *p && state != S_INVALID; p++) {
    unsigned char c = *p;
    if (c == ',') {
      p++;
      break;
    }
    enum state next = state;
    switch (state) {
      case S_START:
        next = is_digit(c)              ? S_INT
               : (c == '+' || c == '-') ? S_SIGN
               : c == '.'               ? S_FLOAT
                                        : S_INVALID;
        break;
      case S_SIGN:
        next = is_digit(c) ? S_INT : c == '.' ? S_FLOAT : S_INVALID;
        break;
      case S_INT:
        next = c == '.' ? S_FLOAT : is_digit(c) ? S_INT : S_INVALID;
        break;
      case S_FLOAT:
        next = (c == 'e' || c == 'E') ? S_EXP_MARK : is_digit(c) ? S_FLOAT : S_INVALID;
        break;
      case S_EXP_MARK:
        next = (c == '+' || c == '-') ? S_EXP_SIGN : S_INVALID;
        break;
      case S_EXP_SIGN:
        next = is_digit(c) ? S_SCIENTIFIC : S_INVALID;
        break;
      case S_SCIENTIFIC:
        next = is_digit(c) ? S_SCIENTIFIC : S_INVALID;
        break;
      default:
        break;
    }
    if (next != state) transitions[state]++;
    state = next;
  }
  *input = p;
  return state;
}

static uint16_t state_bench(uint16_t seed) {
  uint32_t finals[NUM_STATES] = {0};
  uint32_t transitions[NUM_STATES] = {0};
  unsigned step = (seed & 0x1f) + 3;
  /* Every input character is >= '+', so flipping bits below 0x20 never makes a NUL. */
  unsigned char flip = (unsigned char)(seed % 31 + 1);

  /* Corrupt every step-th character, scan, then undo the corruption. */
  for (size_t i = 0; i < state_length; i += step) state_input[i] ^= flip;
  const unsigned char* p = state_input;
  while (*p) finals[state_scan(&p, transitions)]++;
  for (size_t i = 0; i < state_length; i += step) state_input[i] ^= flip;

  uint16_t crc = 0;
  for (int s = 0; s < NUM_STATES; s++) crc = crc16_u32(finals[s] << 16 | transitions[s], crc);
  return crc;
}

int main(int argc, char** argv) {
  long iterations = parse_size(argc, argv, DEFAULT_ITERATIONS, 100000000L);

  struct list_node* list = list_init();
  matrix_init();
  state_init();

  uint16_t crc = 0;
  uint16_t crc_list = 0, crc_matrix = 0, crc_state = 0;
  for (long it = 0; it < iterations; it++) {
    uint16_t seed = (uint16_t)(crc ^ (uint16_t)(it * 0x3b9b));
    crc_list = list_bench(&list, seed);
    crc_matrix = matrix_bench(seed);
    crc_state = state_bench(seed);
    crc = crc16_u16(crc_list, crc16_u16(crc_matrix, crc16_u16(crc_state, crc)));
  }

  printf("iterations: %ld\n", iterations);
  printf("list crc: 0x%04x\nmatrix crc: 0x%04x\nstate crc: 0x%04x\n", crc_list, crc_matrix,
         crc_state);
  printf("checksum: 0x%04x\n", crc);
  return 0;
}
