/* corridor-bench-igraph: the igraph (C API, 0.10) peer of corridor-bench.
 *
 * Same command line and the same CSV line as corridor-bench, with library=igraph, so the
 * harness can run both on one edge list with one set of parameters:
 *
 *   corridor-bench-igraph --edges g.txt --weighted --algorithm leiden --repeat 3
 *
 * Mapping (igraph 0.10):
 *   pagerank / ppr      igraph_personalized_pagerank, PRPACK. PRPACK solves to its own fixed
 *                       tolerance (1e-10, L1); --tolerance is accepted and not used; quality empty
 *                       (PRPACK reports no iteration count).
 *   betweenness         igraph_betweenness; --weighted uses the weights as lengths (as
 *                       corridor's PathWeights::distance); scores normalised as networkx
 *                       (2 / ((n-1)(n-2)) undirected) so dumps compare directly.
 *   closeness           igraph_closeness, normalised, over reachable vertices.
 *   leiden              igraph_community_leiden with the modularity objective: node weights =
 *                       strengths and resolution / (2m), as igraph requires; beta 0.01, 2 iterations.
 *   louvain             igraph_community_multilevel, resolution 1.
 *   labelprop           igraph_community_label_propagation.
 *   components          igraph_connected_components (weak).
 * Quality of partitions is igraph_modularity (resolution 1). igraph is single-threaded: the
 * threads column always says 1.
 */
#include <igraph.h>
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
  fprintf(stderr, "corridor-bench-igraph: %s%s\n", msg, arg ? arg : "");
  exit(2);
}

typedef struct {
  const char *edges, *algorithm, *graph, *seeds, *out;
  int weighted, directed, threads, repeat, iterations;
  double damping, tolerance, resolution;
  unsigned long seed;
} options_t;

/* Reads `u v [w]` lines (blanks or commas) into edge and weight vectors; returns vertex count. */
static igraph_integer_t read_edges(const char* path, int weighted, igraph_vector_int_t* ev,
                                   igraph_vector_t* wv) {
  FILE* f = fopen(path, "rb");
  if (!f) die("cannot open ", path);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* buf = malloc((size_t)size + 1);
  if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) die("cannot read ", path);
  fclose(f);
  buf[size] = '\0';
  igraph_vector_int_init(ev, 0);
  igraph_vector_int_reserve(ev, size / 6);
  igraph_vector_init(wv, 0);
  igraph_vector_reserve(wv, size / 12);
  igraph_integer_t max_id = -1;
  char* p = buf;
  char* end = buf + size;
  while (p < end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r')) ++p;
    if (p == end) break;
    if (*p == '\n') { ++p; continue; }
    if (*p == '#' || *p == '%') { while (p < end && *p != '\n') ++p; continue; }
    igraph_integer_t id[2];
    for (int k = 0; k < 2; ++k) {
      while (p < end && (*p == ' ' || *p == '\t' || *p == ',')) ++p;
      if (p == end || *p < '0' || *p > '9') die("bad id in ", path);
      igraph_integer_t x = 0;
      while (p < end && *p >= '0' && *p <= '9') x = x * 10 + (*p++ - '0');
      id[k] = x;
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
    igraph_vector_int_push_back(ev, id[0]);
    igraph_vector_int_push_back(ev, id[1]);
    igraph_vector_push_back(wv, weighted ? w : 1.0);
  }
  free(buf);
  return max_id + 1;
}

static void write_vector(const char* file, const igraph_vector_t* v) {
  FILE* f = fopen(file, "w");
  if (!f) die("cannot write ", file);
  for (igraph_integer_t i = 0; i < igraph_vector_size(v); ++i) fprintf(f, "%.17g\n", VECTOR(*v)[i]);
  fclose(f);
}

static void write_membership(const char* file, const igraph_vector_int_t* v) {
  FILE* f = fopen(file, "w");
  if (!f) die("cannot write ", file);
  for (igraph_integer_t i = 0; i < igraph_vector_int_size(v); ++i)
    fprintf(f, "%lld\n", (long long)VECTOR(*v)[i]);
  fclose(f);
}

int main(int argc, char** argv) {
  options_t o = {0};
  o.threads = 1;
  o.repeat = 1;
  o.iterations = 2;
  o.damping = 0.85;
  o.tolerance = 1e-10;
  o.resolution = 1.0;
  o.seed = 1;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
#define VALUE() (i + 1 < argc ? argv[++i] : (die("missing value for ", a), (char*)0))
    if (!strcmp(a, "--edges")) o.edges = VALUE();
    else if (!strcmp(a, "--algorithm")) o.algorithm = VALUE();
    else if (!strcmp(a, "--graph")) o.graph = VALUE();
    else if (!strcmp(a, "--seeds")) o.seeds = VALUE();
    else if (!strcmp(a, "--out")) o.out = VALUE();
    else if (!strcmp(a, "--weighted")) o.weighted = 1;
    else if (!strcmp(a, "--directed")) o.directed = 1;
    else if (!strcmp(a, "--threads")) o.threads = atoi(VALUE());
    else if (!strcmp(a, "--repeat")) o.repeat = atoi(VALUE());
    else if (!strcmp(a, "--iterations")) o.iterations = atoi(VALUE());
    else if (!strcmp(a, "--damping")) o.damping = atof(VALUE());
    else if (!strcmp(a, "--tolerance")) o.tolerance = atof(VALUE());
    else if (!strcmp(a, "--resolution")) o.resolution = atof(VALUE());
    else if (!strcmp(a, "--seed")) o.seed = strtoul(VALUE(), NULL, 10);
    else if (!strcmp(a, "--epsilon") || !strcmp(a, "--delta")) (void)VALUE();
    else die("unknown option ", a);
#undef VALUE
  }
  if (!o.edges || !o.algorithm) die("usage: --edges FILE --algorithm NAME [--weighted] [--directed] [--repeat R]", NULL);
  char name[256];
  if (o.graph) {
    snprintf(name, sizeof name, "%s", o.graph);
  } else {
    const char* s = strrchr(o.edges, '/');
    snprintf(name, sizeof name, "%s", s ? s + 1 : o.edges);
    char* dot = strchr(name, '.');
    if (dot) *dot = '\0';
  }
  igraph_set_attribute_table(NULL);
  const char* alg = o.algorithm;
  for (int rep = 0; rep < o.repeat; ++rep) {
    double t0 = now_s();
    igraph_vector_int_t ev;
    igraph_vector_t wv;
    igraph_integer_t n = read_edges(o.edges, o.weighted, &ev, &wv);
    igraph_t g;
    igraph_create(&g, &ev, n, o.directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&ev);
    const igraph_vector_t* weights = o.weighted ? &wv : NULL;
    igraph_vector_t reset;
    int have_reset = 0;
    if (!strcmp(alg, "ppr")) {
      if (!o.seeds) die("ppr needs --seeds FILE", NULL);
      igraph_vector_init(&reset, n);
      FILE* f = fopen(o.seeds, "r");
      if (!f) die("cannot open ", o.seeds);
      long long s;
      while (fscanf(f, "%lld%*[^\n]", &s) == 1) {
        if (s < 0 || s >= n) die("seed out of range in ", o.seeds);
        VECTOR(reset)[s] += 1.0;
      }
      fclose(f);
      have_reset = 1;
    }
    double load = now_s() - t0;
    igraph_rng_seed(igraph_rng_default(), o.seed);
    char quality[64] = "";
    igraph_vector_t scores;
    igraph_vector_int_t membership;
    int is_scores = 0, is_membership = 0;
    double t1 = now_s();
    if (!strcmp(alg, "pagerank") || !strcmp(alg, "ppr")) {
      igraph_vector_init(&scores, 0);
      igraph_real_t value;
      igraph_personalized_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &scores, &value, igraph_vss_all(),
                                   o.directed, o.damping, have_reset ? &reset : NULL, weights, NULL);
      is_scores = 1;
    } else if (!strcmp(alg, "betweenness")) {
      igraph_vector_init(&scores, 0);
      igraph_betweenness(&g, &scores, igraph_vss_all(), o.directed, weights);
      is_scores = 1;
    } else if (!strcmp(alg, "closeness")) {
      igraph_vector_init(&scores, 0);
      igraph_closeness(&g, &scores, NULL, NULL, igraph_vss_all(), IGRAPH_ALL, weights, 1);
      is_scores = 1;
    } else if (!strcmp(alg, "leiden")) {
      igraph_vector_int_init(&membership, 0);
      igraph_vector_t strength;
      igraph_vector_init(&strength, 0);
      igraph_strength(&g, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, weights);
      double two_m = igraph_vector_sum(&strength);
      igraph_integer_t clusters;
      igraph_real_t q;
      igraph_community_leiden(&g, weights, &strength, o.resolution / two_m, 0.01, 0, o.iterations,
                              &membership, &clusters, &q);
      igraph_vector_destroy(&strength);
      is_membership = 1;
    } else if (!strcmp(alg, "louvain")) {
      igraph_vector_int_init(&membership, 0);
      igraph_community_multilevel(&g, weights, o.resolution, &membership, NULL, NULL);
      is_membership = 1;
    } else if (!strcmp(alg, "labelprop")) {
      igraph_vector_int_init(&membership, 0);
      igraph_community_label_propagation(&g, &membership, IGRAPH_ALL, weights, NULL, NULL);
      is_membership = 1;
    } else if (!strcmp(alg, "components")) {
      igraph_vector_int_init(&membership, 0);
      igraph_integer_t no;
      igraph_connected_components(&g, &membership, NULL, &no, IGRAPH_WEAK);
      snprintf(quality, sizeof quality, "%lld", (long long)no);
      is_membership = 1;
    } else {
      die("unknown or unsupported algorithm ", alg);
    }
    double compute = now_s() - t1;
    if (is_membership && strcmp(alg, "components")) {
      igraph_real_t q;
      igraph_modularity(&g, &membership, weights, o.resolution, o.directed, &q);
      snprintf(quality, sizeof quality, "%.6f", q);
    }
    if (is_scores && !strcmp(alg, "betweenness") && n > 2) {
      double scale = (o.directed ? 1.0 : 2.0) / ((double)(n - 1) * (double)(n - 2));
      igraph_vector_scale(&scores, scale);
    }
    printf("igraph,%s,%s,1,%.4f,%.4f,%.1f,%s\n", alg, name, load, compute, peak_rss_mb(), quality);
    fflush(stdout);
    if (rep == 0 && o.out) {
      if (is_scores) write_vector(o.out, &scores);
      if (is_membership) write_membership(o.out, &membership);
    }
    if (is_scores) igraph_vector_destroy(&scores);
    if (is_membership) igraph_vector_int_destroy(&membership);
    if (have_reset) igraph_vector_destroy(&reset);
    igraph_vector_destroy(&wv);
    igraph_destroy(&g);
  }
  return 0;
}
