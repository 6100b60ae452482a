/* Plans a service day through the C interface and prints a summary of the plan.
 * Usage: plan_day [problem.json] (default: examples/data/service_day.json from
 * the working directory).
 *
 * A real program hands the plan to its JSON library (cJSON, jansson, or its
 * own language's); to stay free of dependencies this one picks the few fields
 * it prints out of the plan's text, whose layout docs/format.md fixes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsd/fsd_c.h"

/* Reads a whole file; NULL when it cannot be read. The caller frees it. */
static char* read_file(const char* path) {
    FILE* f = fopen(path, "rb");
    if (f == NULL) return NULL;
    char* text = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        const long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1)) != NULL) {
            if (fread(text, 1, (size_t)size, f) == (size_t)size) {
                text[size] = '\0';
            } else {
                free(text);
                text = NULL;
            }
        }
    }
    fclose(f);
    return text;
}

/* The integer after `"key": ` at or after `from`, before `end`; -1 when absent. */
static long long number_after(const char* from, const char* end, const char* key) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\": ", key);
    const char* at = strstr(from, pattern);
    if (at == NULL || (end != NULL && at >= end)) return -1;
    return strtoll(at + strlen(pattern), NULL, 10);
}

/* How often `part` occurs in [from, end). */
static int count_between(const char* from, const char* end, const char* part) {
    int n = 0;
    for (const char* at = strstr(from, part); at != NULL && at < end; at = strstr(at + 1, part)) ++n;
    return n;
}

/* One line per route (engineer, jobs, travel) and the plan's totals. */
static void print_summary(const char* plan) {
    const char* routes = strstr(plan, "\"routes\": [");
    const char* unassigned = strstr(plan, "\"unassigned\": [");
    const char* stats = strstr(plan, "\"stats\": {");
    if (routes == NULL || unassigned == NULL || stats == NULL) {
        printf("%s\n", plan);
        return;
    }
    int total_jobs = 0;
    int used = 0;
    const char* route = strstr(routes, "\"engineer\": \"");
    while (route != NULL && route < unassigned) {
        const char* next = strstr(route + 1, "\"engineer\": \"");
        const char* route_end = (next != NULL && next < unassigned) ? next : unassigned;
        const char* id = route + strlen("\"engineer\": \"");
        const int id_length = (int)strcspn(id, "\"");
        const int jobs = count_between(route, route_end, "\"type\": \"job\"");
        printf("  %-10.*s %2d jobs, travel %5lld s, working %6lld s\n", id_length, id, jobs,
               number_after(route, route_end, "travel_time"), number_after(route, route_end, "working_time"));
        total_jobs += jobs;
        ++used;
        route = next;
    }
    printf("%d routes serve %d jobs; %d left out; objective %lld\n", used, total_jobs,
           count_between(unassigned, stats, "\"reason\": "), number_after(plan, routes, "total"));
}

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "examples/data/service_day.json";
    char* problem = read_file(path);
    if (problem == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    printf("fsdispatch %s: planning %s\n", fsd_version(), path);

    char* plan = NULL;
    char* error = NULL;
    const int status = fsd_solve(problem, "{\"time_limit\": 2, \"seed\": 1}", &plan, &error);
    free(problem);
    if (status != FSD_OK) {
        /* The error names the field: {"status": 2, "kind": "input_error", "path": "/jobs/3/...", ...}. */
        fprintf(stderr, "fsd_solve failed (%d): %s\n", status, error != NULL ? error : "no details");
        fsd_free(error);
        return status;
    }
    print_summary(plan);
    fsd_free(plan);
    return 0;
}
