/* fsd_c.h: the C interface of fsdispatch, for languages that bind C (Go cgo,
 * Rust, Java FFM/JNA, C itself). Every function takes JSON text and gives JSON
 * text back, in the formats the CLI reads and writes (docs/format.md,
 * docs/vroom.md, docs/assign.md, docs/sla.md, docs/dispatch.md, docs/evaluate.md);
 * docs/c_api.md describes each call.
 *
 * Conventions shared by every call:
 * - The return value is an fsd_status. Only FSD_OK fills the result pointers.
 * - Inputs are NUL-terminated UTF-8 text; the library never keeps or changes them.
 * - Result and error texts are allocated by the library. The caller owns them
 *   and releases each with fsd_free (never with another allocator's free).
 * - On entry every result pointer and *error_json are set to NULL. When a call
 *   fails and error_json is not NULL, *error_json receives
 *   {"status": N, "kind": "...", "path": "...", "message": "..."}
 *   ("path" names the offending field of the input, "" when there is none).
 *   error_json may be NULL when the caller only wants the status.
 * - No C++ exception leaves a call; nothing is kept between calls, so calls
 *   from several threads at once are safe.
 * The header is plain C99 and needs nothing beyond the C standard library. */
#ifndef FSD_FSD_C_H
#define FSD_FSD_C_H

#if defined(_WIN32)
#if defined(FSD_C_BUILDING)
#define FSD_C_API __declspec(dllexport)
#else
#define FSD_C_API __declspec(dllimport)
#endif
#else
#define FSD_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** What a call returns. The values are the exit codes of the `fsd` CLI. */
typedef enum fsd_status {
    FSD_OK = 0,             /**< success: the result pointers hold the answer */
    FSD_INTERNAL_ERROR = 1, /**< a bug in fsdispatch, never the caller's fault */
    FSD_INPUT_ERROR = 2,    /**< bad input (or a NULL argument): the error names the field */
    FSD_OUT_OF_MEMORY = 3   /**< memory or a system resource was refused; *error_json may stay NULL */
} fsd_status;

/** The library's version, "MAJOR.MINOR.PATCH"; a static string, not to be freed. */
FSD_C_API const char* fsd_version(void);

/** Releases a text returned by any fsd_* call; NULL is allowed and ignored. */
FSD_C_API void fsd_free(char* text);

/** Plans a day: a problem (fsdispatch-problem) in, the verified plan
 * (fsdispatch-solution) out. options_json may be NULL or an object with any of
 * "time_limit" (seconds, default 1), "seed" (default 1), "threads" (default 1),
 * "iteration_limit" (-1: none), "stagnation_limit" (-1: automatic, 0: never),
 * "algorithm" ("auto", "ils", "hgs"), "decompose" (default true),
 * "initial" (a plan to start from). */
FSD_C_API int fsd_solve(const char* problem_json, const char* options_json, char** plan_json, char** error_json);

/** Checks a plan against its problem. The report is
 * {"ok": bool, "violations": [{"kind", "route", "step", "job", "message"}], "objective": {...}};
 * a plan with violations is still FSD_OK (the report says "ok": false). */
FSD_C_API int fsd_verify(const char* problem_json, const char* plan_json, char** report_json, char** error_json);

/** Times a plan arranged by hand as given and states each broken rule
 * (fsdispatch-evaluation). options_json may be NULL or an object with
 * "compare" (default false: also solve the problem and set both plans side
 * by side), "time_limit" and "seed" for that solve. */
FSD_C_API int fsd_evaluate(const char* problem_json, const char* plan_json, const char* options_json,
                           char** evaluation_json, char** error_json);

/** Solves a VROOM input and answers in VROOM's output format (docs/vroom.md);
 * options_json as for fsd_solve (without "initial"). */
FSD_C_API int fsd_solve_vroom(const char* vroom_json, const char* options_json, char** output_json, char** error_json);

/** Matches a batch of waiting tickets to engineers now (fsdispatch-assign in,
 * fsdispatch-assign-result out); the batch carries its own options. */
FSD_C_API int fsd_assign(const char* batch_json, char** result_json, char** error_json);

/** SLA clocks of tickets at one instant. policy_json is an SLA policy
 * (docs/sla.md); events_json an array of {"ticket", "time", "event"} objects,
 * with "priority", "tier", "impact", "urgency" on a ticket's "created" event,
 * times as Unix seconds or ISO-8601 text with an offset; at_time the reading
 * instant in the same two forms. The answer is an array with one object per
 * ticket and metric: ticket, metric, cycle, priority, tier, state, elapsed,
 * paused, remaining, deadline, breached. */
FSD_C_API int fsd_sla_status(const char* policy_json, const char* events_json, const char* at_time,
                             char** status_json, char** error_json);

/** Starts a live day (fsdispatch-live-plan) from a problem and a plan; with
 * plan_json NULL the problem is solved first. options_json may be NULL or an
 * object with "now" (the plan's clock, Unix seconds or ISO-8601; default the
 * earliest shift start) and the options of fsd_solve for that solve. */
FSD_C_API int fsd_live_plan_init(const char* problem_json, const char* plan_json, const char* options_json,
                                 char** live_json, char** error_json);

/** Applies one event (docs/dispatch.md) to a live plan: new_live_json receives
 * the plan after the event, outcome_json what changed. A refused event
 * returns FSD_INPUT_ERROR and fills neither. */
FSD_C_API int fsd_live_plan_apply(const char* live_json, const char* event_json, char** new_live_json,
                                  char** outcome_json, char** error_json);

#ifdef __cplusplus
}
#endif

#endif /* FSD_FSD_C_H */
