/* corridor-bench-graphblas: the SuiteSparse:GraphBLAS peer of corridor-bench, for PageRank.
 *
 * GraphBLAS writes graph algorithms as sparse linear algebra over semirings; SuiteSparse's
 * implementation is the engine high-performance graph work is measured against. Same command
 * line and CSV line as corridor-bench, with library=graphblas:
 *
 *   corridor-bench-graphblas --edges g.txt --weighted --algorithm pagerank --repeat 3
 *
 * pagerank / ppr: the same power (Jacobi) iteration corridor runs, written in GraphBLAS
 * operations as LAGraph's PageRank is: t = r ./ out-strength (dangling vertices have no entry),
 * w = t' A (vxm, PLUS_TIMES on FP64), r' = d w + ((1 - d) + d * dangling mass) p, and stop when
 * |r' - r|_1 < tolerance (1e-10: the accuracy PRPACK in igraph solves to, and corridor's
 * pagerank-l1 row). quality = iterations. One thread (GxB_NTHREADS = 1) unless --threads says.
 * Load covers parsing the file and GrB_Matrix_build (duplicates summed).
 * Other algorithms exit with status 3 ("not provided"), which the harness shows as n/a.
 */
#include <GraphBLAS.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_mb(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return (double)u.ru_maxrss / 1024.0;
}

static void die(const char* msg, const char* arg) {
  fprintf(stderr, "corridor-bench-graphblas: %s%s\n", msg, arg ? arg : "");
  exit(2);
}

#define OK(call)                                                                     \
  do {                                                                               \
    GrB_Info info_ = (call);                                                         \
    if (info_ != GrB_SUCCESS) {                                                      \
      fprintf(stderr, "corridor-bench-graphblas: %s failed (%d)\n", #call, info_); \
      exit(1);                                                                       \
    }                                                                                \
  } while (0)

/* Reads `u v [w]` lines (blanks or commas; '#' and '%' comments) into I, J, X; each undirected
 * edge becomes both arcs. Returns the vertex count. */
static GrB_Index read_edges(const char* path, int weighted, int directed, GrB_Index** I, GrB_Index** J, double** X,
                            GrB_Index* nvals) {
  FILE* f = fopen(path, "rb");
  if (!f) die("cannot open ", path);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* buf = malloc((size_t)size + 1);
  if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) die("cannot read ", path);
  fclose(f);
  buf[size] = '\0';
  size_t cap = (size_t)size / 6 + 16, k = 0;
  *I = malloc(cap * sizeof(GrB_Index));
  *J = malloc(cap * sizeof(GrB_Index));
  *X = malloc(cap * sizeof(double));
  if (!*I || !*J || !*X) die("out of memory reading ", path);
  GrB_Index max_id = 0;
  int any = 0;
  char *p = buf, *end = buf + size;
  while (p < end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r')) ++p;
    if (p == end) break;
    if (*p == '\n') { ++p; continue; }
    if (*p == '#' || *p == '%') { while (p < end && *p != '\n') ++p; continue; }
    GrB_Index id[2];
    for (int c = 0; c < 2; ++c) {
      while (p < end && (*p == ' ' || *p == '\t' || *p == ',')) ++p;
      if (p == end || *p < '0' || *p > '9') die("bad id in ", path);
      GrB_Index x = 0;
      while (p < end && *p >= '0' && *p <= '9') x = x * 10 + (GrB_Index)(*p++ - '0');
      id[c] = x;
      if (x > max_id) max_id = x;
    }
    double w = 1.0;
    while (p < end && (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r')) ++p;
    if (p < end && *p != '\n') {
      char* q;
      w = strtod(p, &q);
      if (q == p) die("bad weight in ", path);
      p = q;
      while (p < end && *p != '\n') ++p;
    }
    if (p < end) ++p;
    any = 1;
    if (id[0] == id[1]) continue;
    if (k + 2 > cap) {
      cap *= 2;
      *I = realloc(*I, cap * sizeof(GrB_Index));
      *J = realloc(*J, cap * sizeof(GrB_Index));
      *X = realloc(*X, cap * sizeof(double));
      if (!*I || !*J || !*X) die("out of memory reading ", path);
    }
    if (!weighted) w = 1.0;
    (*I)[k] = id[0], (*J)[k] = id[1], (*X)[k] = w, ++k;
    if (!directed) (*I)[k] = id[1], (*J)[k] = id[0], (*X)[k] = w, ++k;
  }
  free(buf);
  *nvals = k;
  return any ? max_id + 1 : 0;
}

int main(int argc, char** argv) {
  const char *edges = NULL, *alg = NULL, *graph = NULL, *seeds = NULL, *out = NULL;
  int weighted = 0, directed = 0, repeat = 1, threads = 1;
  double damping = 0.85, tolerance = 1e-10;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
#define VALUE() (i + 1 < argc ? argv[++i] : (die("missing value for ", a), (char*)0))
    if (!strcmp(a, "--edges")) edges = VALUE();
    else if (!strcmp(a, "--algorithm")) alg = VALUE();
    else if (!strcmp(a, "--graph")) graph = VALUE();
    else if (!strcmp(a, "--seeds")) seeds = VALUE();
    else if (!strcmp(a, "--out")) out = VALUE();
    else if (!strcmp(a, "--weighted")) weighted = 1;
    else if (!strcmp(a, "--directed")) directed = 1;
    else if (!strcmp(a, "--threads")) threads = atoi(VALUE());
    else if (!strcmp(a, "--repeat")) repeat = atoi(VALUE());
    else if (!strcmp(a, "--damping")) damping = atof(VALUE());
    else if (!strcmp(a, "--tolerance")) tolerance = atof(VALUE());
    else if (!strcmp(a, "--iterations") || !strcmp(a, "--resolution") || !strcmp(a, "--seed") ||
             !strcmp(a, "--epsilon") || !strcmp(a, "--delta"))
      (void)VALUE();
    else die("unknown option ", a);
#undef VALUE
  }
  if (!edges || !alg) die("usage: --edges FILE --algorithm pagerank|ppr [--weighted] [--directed] [--repeat R]", NULL);
  if (strcmp(alg, "pagerank") && strcmp(alg, "ppr")) return 3;
  char name[256];
  if (graph) {
    snprintf(name, sizeof name, "%s", graph);
  } else {
    const char* s = strrchr(edges, '/');
    snprintf(name, sizeof name, "%s", s ? s + 1 : edges);
    char* dot = strchr(name, '.');
    if (dot) *dot = '\0';
  }
  OK(GrB_init(GrB_NONBLOCKING));
  OK(GxB_Global_Option_set(GxB_NTHREADS, threads));
  for (int rep = 0; rep < repeat; ++rep) {
    double t0 = now_s();
    GrB_Index *I, *J, nvals;
    double* X;
    GrB_Index n = read_edges(edges, weighted, directed, &I, &J, &X, &nvals);
    GrB_Matrix A;
    OK(GrB_Matrix_new(&A, GrB_FP64, n, n));
    OK(GrB_Matrix_build_FP64(A, I, J, X, nvals, GrB_PLUS_FP64));
    OK(GrB_Matrix_wait(A, GrB_MATERIALIZE));
    free(I);
    free(J);
    free(X);
    /* Teleport vector p: uniform, or the seeds (each seed line adds 1), normalised. */
    GrB_Vector p;
    OK(GrB_Vector_new(&p, GrB_FP64, n));
    int uniform = strcmp(alg, "ppr") != 0;
    if (uniform) {
      OK(GrB_Vector_assign_FP64(p, NULL, NULL, 1.0 / (double)n, GrB_ALL, n, NULL));
    } else {
      if (!seeds) die("ppr needs --seeds FILE", NULL);
      FILE* f = fopen(seeds, "r");
      if (!f) die("cannot open ", seeds);
      long long s;
      double count = 0;
      while (fscanf(f, "%lld%*[^\n]", &s) == 1) {
        if (s < 0 || (GrB_Index)s >= n) die("seed out of range in ", seeds);
        OK(GrB_Vector_setElement_FP64(p, 1.0, (GrB_Index)s));
        count += 1;
      }
      fclose(f);
      OK(GrB_Vector_apply_BinaryOp2nd_FP64(p, NULL, NULL, GrB_DIV_FP64, p, count, NULL));
    }
    double load = now_s() - t0;

    double t1 = now_s();
    /* 1 / out-strength, only where a vertex has out-arcs; the others are dangling. */
    GrB_Vector s, invs, r, rn, t, w, diff;
    OK(GrB_Vector_new(&s, GrB_FP64, n));
    OK(GrB_Matrix_reduce_Monoid(s, NULL, NULL, GrB_PLUS_MONOID_FP64, A, NULL));
    OK(GrB_Vector_new(&invs, GrB_FP64, n));
    OK(GrB_Vector_apply(invs, NULL, NULL, GrB_MINV_FP64, s, NULL));
    OK(GrB_Vector_new(&r, GrB_FP64, n));
    OK(GrB_Vector_assign_FP64(r, NULL, NULL, 1.0 / (double)n, GrB_ALL, n, NULL));
    OK(GrB_Vector_new(&rn, GrB_FP64, n));
    OK(GrB_Vector_new(&t, GrB_FP64, n));
    OK(GrB_Vector_new(&w, GrB_FP64, n));
    OK(GrB_Vector_new(&diff, GrB_FP64, n));
    GrB_Vector dang;
    OK(GrB_Vector_new(&dang, GrB_FP64, n));
    int it = 0;
    for (it = 1; it <= 1000; ++it) {
      /* Dangling mass: r where s has no entry (structural complement mask). */
      double dmass = 0;
      OK(GrB_Vector_apply(dang, s, NULL, GrB_IDENTITY_FP64, r, GrB_DESC_RSC));
      OK(GrB_Vector_reduce_FP64(&dmass, NULL, GrB_PLUS_MONOID_FP64, dang, NULL));
      OK(GrB_Vector_eWiseMult_BinaryOp(t, NULL, NULL, GrB_TIMES_FP64, r, invs, NULL));
      OK(GrB_vxm(w, NULL, NULL, GrB_PLUS_TIMES_SEMIRING_FP64, t, A, NULL));
      const double base = (1.0 - damping) + damping * dmass;
      OK(GrB_Vector_apply_BinaryOp2nd_FP64(rn, NULL, NULL, GrB_TIMES_FP64, p, base, NULL));
      OK(GrB_Vector_apply_BinaryOp2nd_FP64(rn, NULL, GrB_PLUS_FP64, GrB_TIMES_FP64, w, damping, NULL));
      OK(GrB_Vector_eWiseAdd_BinaryOp(diff, NULL, NULL, GrB_MINUS_FP64, rn, r, NULL));
      OK(GrB_Vector_apply(diff, NULL, NULL, GrB_ABS_FP64, diff, NULL));
      double err = 0;
      OK(GrB_Vector_reduce_FP64(&err, NULL, GrB_PLUS_MONOID_FP64, diff, NULL));
      GrB_Vector tmp = r;
      r = rn;
      rn = tmp;
      if (err < tolerance) break;
    }
    if (it > 1000) it = 1000;
    double compute = now_s() - t1;
    printf("graphblas,%s,%s,%d,%.4f,%.4f,%.1f,%d\n", alg, name, threads, load, compute, peak_rss_mb(), it);
    fflush(stdout);
    if (rep == 0 && out) {
      double* dense = calloc(n ? n : 1, sizeof(double));
      GrB_Index got = 0;
      OK(GrB_Vector_nvals(&got, r));
      GrB_Index* idx = malloc((got ? got : 1) * sizeof(GrB_Index));
      double* val = malloc((got ? got : 1) * sizeof(double));
      OK(GrB_Vector_extractTuples_FP64(idx, val, &got, r));
      double total = 0;
      for (GrB_Index k = 0; k < got; ++k) dense[idx[k]] = val[k], total += val[k];
      FILE* f = fopen(out, "w");
      if (!f) die("cannot write ", out);
      for (GrB_Index v = 0; v < n; ++v) fprintf(f, "%.17g\n", total > 0 ? dense[v] / total : 0.0);
      fclose(f);
      free(dense);
      free(idx);
      free(val);
    }
    GrB_free(&A);
    GrB_free(&p);
    GrB_free(&s);
    GrB_free(&invs);
    GrB_free(&r);
    GrB_free(&rn);
    GrB_free(&t);
    GrB_free(&w);
    GrB_free(&diff);
    GrB_free(&dang);
  }
  GrB_finalize();
  return 0;
}
