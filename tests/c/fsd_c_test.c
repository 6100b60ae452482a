/* Tests of the C interface (include/fsd/fsd_c.h), written in C as its users
 * write: every call, its ownership rules, input errors with their paths, NULL
 * arguments, and two solves at once on two threads.
 * Usage: fsd_c_test SOURCE_DIR (the data comes from tests/data). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsd/fsd_c.h"

static int failures = 0;
static int checks = 0;

/* Counts a failed check and goes on, so one run lists every failure. */
#define CHECK(cond)                                                          \
    do {                                                                     \
        ++checks;                                                            \
        if (!(cond)) {                                                       \
            ++failures;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                    \
    } while (0)

/* True when `text` is not NULL and holds `part`. */
static int contains(const char* text, const char* part) { return text != NULL && strstr(text, part) != NULL; }

static const char* source_dir = ".";

/* Reads tests/data/NAME whole; the caller frees the text with free(). */
static char* read_data(const char* name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/%s", source_dir, name);
    FILE* f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    text[size] = '\0';
    fclose(f);
    return text;
}

/* A short solve: the stagnation limit ends a three-job day in milliseconds. */
static const char* quick = "{\"time_limit\": 5, \"stagnation_limit\": 200, \"seed\": 3}";

static void test_version_and_free(void) {
    const char* v = fsd_version();
    CHECK(v != NULL && strlen(v) >= 5 && strchr(v, '.') != NULL);
    fsd_free(NULL); /* allowed and does nothing */
}

static void test_solve_then_verify_and_evaluate(const char* problem) {
    char* plan = NULL;
    char* error = (char*)"untouched";
    CHECK(fsd_solve(problem, quick, &plan, &error) == FSD_OK);
    CHECK(error == NULL); /* cleared on entry, left NULL on success */
    CHECK(contains(plan, "\"format\": \"fsdispatch-solution\""));
    CHECK(contains(plan, "\"T-1\""));

    char* report = NULL;
    CHECK(fsd_verify(problem, plan, &report, &error) == FSD_OK);
    CHECK(contains(report, "\"ok\": true"));
    CHECK(contains(report, "\"violations\": []"));
    fsd_free(report);

    char* evaluation = NULL;
    CHECK(fsd_evaluate(problem, plan, NULL, &evaluation, &error) == FSD_OK);
    CHECK(contains(evaluation, "fsdispatch-evaluation"));
    fsd_free(evaluation);
    evaluation = NULL;
    CHECK(fsd_evaluate(problem, plan, "{\"compare\": true, \"time_limit\": 0.2}", &evaluation, &error) == FSD_OK);
    CHECK(contains(evaluation, "fsdispatch-evaluation"));
    fsd_free(evaluation);
    fsd_free(plan);
}

static void test_verify_reports_violations(const char* problem) {
    /* The plan of tests/data with eng-2's route cost misstated by one. */
    char* plan = read_data("io_solution_small.json");
    char* cost = strstr(plan, "\"cost\": 717");
    CHECK(cost != NULL);
    if (cost != NULL) memcpy(cost, "\"cost\": 718", 11);
    char* report = NULL;
    char* error = NULL;
    const int status = fsd_verify(problem, plan, &report, &error);
    if (status != FSD_OK) fprintf(stderr, "verify of a bad plan: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(report, "\"ok\": false"));
    CHECK(contains(report, "\"kind\": "));
    CHECK(contains(report, "\"route\": 1"));
    fsd_free(report);
    fsd_free(error);
    free(plan);
}

static void test_input_error_names_the_field(const char* problem) {
    /* The same problem with the first job's duration made negative. */
    char* broken = malloc(strlen(problem) + 2);
    CHECK(broken != NULL);
    strcpy(broken, problem);
    char* duration = strstr(broken, "\"duration\": 3600");
    CHECK(duration != NULL);
    if (duration != NULL) memcpy(duration, "\"duration\": -360", 16);
    char* plan = (char*)"untouched";
    char* error = NULL;
    CHECK(fsd_solve(broken, NULL, &plan, &error) == FSD_INPUT_ERROR);
    CHECK(plan == NULL);
    CHECK(contains(error, "\"path\":\"/jobs/0/duration\""));
    CHECK(contains(error, "\"status\":2"));
    CHECK(contains(error, "\"kind\":\"input_error\""));
    fsd_free(error);
    free(broken);

    error = NULL;
    CHECK(fsd_solve("{\"format\": ", NULL, &plan, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "\"message\""));
    fsd_free(error);

    /* Options are checked as strictly as documents. */
    error = NULL;
    CHECK(fsd_solve(problem, "{\"threads\": 0}", &plan, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "\"path\":\"/options/threads\""));
    fsd_free(error);
    error = NULL;
    CHECK(fsd_solve(problem, "{\"time_limt\": 1}", &plan, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "\"path\":\"/options/time_limt\""));
    fsd_free(error);
    /* Nesting beyond the readers' limit is refused before parsing, at its path. */
    char deep[101];
    memset(deep, '[', 100);
    deep[100] = '\0';
    error = NULL;
    CHECK(fsd_solve(problem, deep, &plan, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "\"path\":\"/options/0/0/"));
    fsd_free(error);
    /* Without error_json the status alone says what happened. */
    CHECK(fsd_solve(problem, "[1, 2]", &plan, NULL) == FSD_INPUT_ERROR);
    CHECK(plan == NULL);
}

static void test_null_arguments_are_refused(const char* problem) {
    char* out = NULL;
    char* out2 = NULL;
    char* error = NULL;
    CHECK(fsd_solve(NULL, NULL, &out, &error) == FSD_INPUT_ERROR);
    CHECK(out == NULL && contains(error, "problem_json is NULL"));
    fsd_free(error);
    error = NULL;
    CHECK(fsd_solve(problem, NULL, NULL, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "plan_json is NULL"));
    fsd_free(error);
    error = NULL;
    CHECK(fsd_verify(problem, NULL, &out, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "plan_json is NULL"));
    fsd_free(error);
    CHECK(fsd_evaluate(NULL, NULL, NULL, &out, NULL) == FSD_INPUT_ERROR);
    CHECK(fsd_solve_vroom(NULL, NULL, &out, NULL) == FSD_INPUT_ERROR);
    CHECK(fsd_assign(NULL, &out, NULL) == FSD_INPUT_ERROR);
    CHECK(fsd_sla_status("{}", "[]", NULL, &out, NULL) == FSD_INPUT_ERROR);
    CHECK(fsd_live_plan_init(NULL, NULL, NULL, &out, NULL) == FSD_INPUT_ERROR);
    CHECK(fsd_live_plan_apply("{}", "{}", &out, NULL, NULL) == FSD_INPUT_ERROR);
    CHECK(fsd_live_plan_apply(NULL, "{}", &out, &out2, NULL) == FSD_INPUT_ERROR);
    CHECK(out == NULL && out2 == NULL);
}

static void test_vroom(void) {
    char* vroom = read_data("io_vroom_matrix.json");
    char* output = NULL;
    char* error = NULL;
    const int status = fsd_solve_vroom(vroom, quick, &output, &error);
    if (status != FSD_OK) fprintf(stderr, "vroom: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(output, "\"summary\""));
    CHECK(contains(output, "\"routes\""));
    fsd_free(output);
    fsd_free(error);
    free(vroom);
}

static void test_assign(void) {
    char* batch = read_data("assign_small.json");
    char* result = NULL;
    char* error = NULL;
    const int status = fsd_assign(batch, &result, &error);
    if (status != FSD_OK) fprintf(stderr, "assign: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(result, "fsdispatch-assign-result"));
    fsd_free(result);
    fsd_free(error);
    free(batch);
}

static void test_sla_status(void) {
    char* policy = read_data("sla_policy.json");
    const char* events =
        "[{\"ticket\": \"T-1\", \"time\": \"2026-11-23T09:00:00+01:00\", \"event\": \"created\", \"priority\": 1,"
        " \"tier\": \"gold\"},"
        " {\"ticket\": \"T-1\", \"time\": \"2026-11-23T09:10:00+01:00\", \"event\": \"responded\"}]";
    char* status_json = NULL;
    char* error = NULL;
    const int status = fsd_sla_status(policy, events, "2026-11-23T10:00:00+01:00", &status_json, &error);
    if (status != FSD_OK) fprintf(stderr, "sla: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(status_json, "\"ticket\": \"T-1\""));
    CHECK(contains(status_json, "\"metric\": \"response\""));
    /* Responded after 10 minutes: the response clock stopped at 600 s. */
    CHECK(contains(status_json, "\"elapsed\": 600"));
    fsd_free(status_json);
    fsd_free(error);

    error = NULL;
    status_json = NULL;
    const char* bad = "[{\"ticket\": \"T-1\", \"time\": \"yesterday\", \"event\": \"created\"}]";
    CHECK(fsd_sla_status(policy, bad, "0", &status_json, &error) == FSD_INPUT_ERROR);
    CHECK(contains(error, "\"path\":\"/events/0/time\""));
    CHECK(status_json == NULL);
    fsd_free(error);
    free(policy);
}

static void test_live_plan(const char* problem) {
    char* live = NULL;
    char* error = NULL;
    int status = fsd_live_plan_init(problem, NULL, quick, &live, &error);
    if (status != FSD_OK) fprintf(stderr, "live init: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(live, "fsdispatch-live-plan"));
    fsd_free(error);

    char* next = NULL;
    char* outcome = NULL;
    error = NULL;
    /* 1795417200 is 08:00 in Berlin that day, when the first shift starts. */
    const char* cancel = "{\"type\": \"cancel\", \"ticket\": \"T-1\", \"at\": 1795417200}";
    status = fsd_live_plan_apply(live, cancel, &next, &outcome, &error);
    if (status != FSD_OK) fprintf(stderr, "live apply: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(next, "fsdispatch-live-plan"));
    CHECK(contains(outcome, "T-1"));
    fsd_free(error);

    /* A refused event fills neither result. */
    char* again = (char*)"untouched";
    char* outcome2 = (char*)"untouched";
    error = NULL;
    const char* unknown = "{\"type\": \"cancel\", \"ticket\": \"no-such-ticket\", \"at\": 1795417200}";
    CHECK(fsd_live_plan_apply(next, unknown, &again, &outcome2, &error) == FSD_INPUT_ERROR);
    CHECK(again == NULL && outcome2 == NULL);
    CHECK(contains(error, "\"path\":\""));
    fsd_free(error);
    fsd_free(next);
    fsd_free(outcome);

    /* With a plan and a clock given, nothing is solved. */
    char* plan = read_data("io_solution_small.json");
    char* live2 = NULL;
    error = NULL;
    status = fsd_live_plan_init(problem, plan, "{\"now\": \"2026-11-23T08:30:00+01:00\"}", &live2, &error);
    if (status != FSD_OK) fprintf(stderr, "live init with plan: %s\n", error ? error : "(no error)");
    CHECK(status == FSD_OK);
    CHECK(contains(live2, "fsdispatch-live-plan"));
    fsd_free(live2);
    fsd_free(error);
    free(plan);
    fsd_free(live);
}

struct solve_job {
    const char* problem;
    int status;
    int verified;
};

static void* solve_on_thread(void* arg) {
    struct solve_job* job = arg;
    char* plan = NULL;
    job->status = fsd_solve(job->problem, quick, &plan, NULL);
    char* report = NULL;
    if (job->status == FSD_OK && fsd_verify(job->problem, plan, &report, NULL) == FSD_OK)
        job->verified = contains(report, "\"ok\": true");
    fsd_free(report);
    fsd_free(plan);
    return NULL;
}

static void test_two_threads(const char* problem) {
    struct solve_job jobs[2] = {{problem, -1, 0}, {problem, -1, 0}};
    pthread_t threads[2];
    for (int i = 0; i < 2; ++i) CHECK(pthread_create(&threads[i], NULL, solve_on_thread, &jobs[i]) == 0);
    for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
    for (int i = 0; i < 2; ++i) CHECK(jobs[i].status == FSD_OK && jobs[i].verified);
}

int main(int argc, char** argv) {
    if (argc > 1) source_dir = argv[1];
    char* problem = read_data("io_problem_small.json");
    test_version_and_free();
    test_solve_then_verify_and_evaluate(problem);
    test_verify_reports_violations(problem);
    test_input_error_names_the_field(problem);
    test_null_arguments_are_refused(problem);
    test_vroom();
    test_assign();
    test_sla_status();
    test_live_plan(problem);
    test_two_threads(problem);
    free(problem);
    printf("%d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
