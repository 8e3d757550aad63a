/*
 * nbody: the Computer Language Benchmarks Game n-body simulation of the Jovian planets.
 *
 * A symplectic integrator over five bodies; every step evaluates the ten pairwise forces
 * with a sqrt and a division each. The FP work is a short dependent chain of fadd/fmul/
 * fdiv/fsqrt on doubles in registers and a small array of structs: latency-bound scalar
 * floating point. The energy before and after the run is printed with %.9f as in the
 * benchmark, followed by a hash of the raw bits of the final state.
 *
 * a*b+c must not be contracted into a fused multiply-add (GCC does so by default on
 * RISC-V, not on x86-64 without -mfma), or guest and native results would differ; the
 * pragma below keeps this file independent of -ffp-contract flags.
 *
 * Size argument: number of simulation steps (default 5000000; small 1000).
 */
#pragma GCC optimize("fp-contract=off")

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_STEPS 5000000
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NUM_BODIES 5

struct body {
  double x, y, z;
  double vx, vy, vz;
  double mass;
};

static struct body bodies[NUM_BODIES] = {
    /* Sun */
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    /* Jupiter */
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    /* Saturn */
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    /* Uranus */
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    /* Neptune */
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
};

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

static void offset_momentum(void) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NUM_BODIES; i++) {
    px += bodies[i].vx * bodies[i].mass;
    py += bodies[i].vy * bodies[i].mass;
    pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < NUM_BODIES; i++) {
    const struct body* b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < NUM_BODIES; j++) {
      const struct body* o = &bodies[j];
      double dx = b->x - o->x, dy = b->y - o->y, dz = b->z - o->z;
      e -= (b->mass * o->mass) / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(double dt) {
  for (int i = 0; i < NUM_BODIES; i++) {
    struct body* b = &bodies[i];
    for (int j = i + 1; j < NUM_BODIES; j++) {
      struct body* o = &bodies[j];
      double dx = b->x - o->x, dy = b->y - o->y, dz = b->z - o->z;
      double distance2 = dx * dx + dy * dy + dz * dz;
      double magnitude = dt / (distance2 * sqrt(distance2));
      b->vx -= dx * o->mass * magnitude;
      b->vy -= dy * o->mass * magnitude;
      b->vz -= dz * o->mass * magnitude;
      o->vx += dx * b->mass * magnitude;
      o->vy += dy * b->mass * magnitude;
      o->vz += dz * b->mass * magnitude;
    }
  }
  for (int i = 0; i < NUM_BODIES; i++) {
    bodies[i].x += dt * bodies[i].vx;
    bodies[i].y += dt * bodies[i].vy;
    bodies[i].z += dt * bodies[i].vz;
  }
}

int main(int argc, char** argv) {
  long steps = parse_size(argc, argv, DEFAULT_STEPS, 2000000000L);

  offset_momentum();
  printf("%.9f\n", energy());
  for (long i = 0; i < steps; i++) advance(0.01);
  printf("%.9f\n", energy());

  uint64_t hash = 0xcbf29ce484222325ull; /* FNV-1a over the bit patterns of the state */
  for (int i = 0; i < NUM_BODIES; i++) {
    const struct body* b = &bodies[i];
    const double fields[6] = {b->x, b->y, b->z, b->vx, b->vy, b->vz};
    for (int f = 0; f < 6; f++) {
      uint64_t bits;
      memcpy(&bits, &fields[f], sizeof bits);
      hash = (hash ^ bits) * 0x100000001b3ull;
    }
  }
  printf("steps: %ld\n", steps);
  printf("checksum: 0x%016llx\n", (unsigned long long)hash);
  return 0;
}
