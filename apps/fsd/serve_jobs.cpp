#include "serve_jobs.hpp"

#include <nlohmann/json.hpp>

#include <vector>

#include "fsd/core/error.hpp"
#include "serve_error.hpp"

namespace fsdserve {

SolveSlot& SolveSlot::operator=(SolveSlot&& other) noexcept {
    if (this != &other) {
        if (limiter_) limiter_->release();
        limiter_ = std::exchange(other.limiter_, nullptr);
    }
    return *this;
}

SolveSlot::~SolveSlot() {
    if (limiter_) limiter_->release();
}

SolveSlot SolveLimiter::acquire() {
    int now = running_.load();
    do {
        if (now >= max_)
            throw HttpError(429, "", "all " + std::to_string(max_) + " solve slots are busy; retry later");
    } while (!running_.compare_exchange_weak(now, now + 1));
    return SolveSlot(this);
}

SolveJobs::~SolveJobs() {
    std::vector<std::shared_ptr<Job>> all;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        for (auto& entry : jobs_) all.push_back(entry.second);
    }
    for (auto& job : all) job->cancel = true;
    for (auto& job : all)
        if (job->thread.joinable()) job->thread.join();
}

std::string SolveJobs::start(const std::string& id, const std::string& tenant, SolveSlot slot, Work work) {
    auto job = std::make_shared<Job>();
    job->id = id;
    job->tenant = tenant;
    // The thread holds the job (shared) and the slot until the solve ends.
    job->thread = std::thread([job, work = std::move(work), slot = std::move(slot)]() mutable {
        JobControl control{&job->cancel, [&job](const fsd::Progress& p) {
                               const std::lock_guard<std::mutex> lock(job->mutex);
                               job->progress = p;
                           }};
        std::string result, error, status;
        try {
            result = work(control);
            status = job->cancel.load() ? "cancelled" : "done";
        } catch (const fsd::InputError& e) {
            error = error_json(400, e.path(), e.what());
            status = "failed";
        } catch (const std::exception& e) {
            error = error_json(500, "", e.what());
            status = "failed";
        }
        SolveSlot released = std::move(slot);  // give the slot back before saying "done"
        (void)released;
        {
            const std::lock_guard<std::mutex> lock(job->mutex);
            job->result = std::move(result);
            job->error = std::move(error);
            job->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - job->started).count();
            job->status = status;
        }
    });
    // Listed only once its thread is set, so forget_old_finished never joins a thread being assigned.
    const std::lock_guard<std::mutex> lock(mutex_);
    forget_old_finished();
    jobs_[id] = job;
    order_[started_++] = id;
    return id;
}

void SolveJobs::forget_old_finished() {
    std::size_t finished = 0;
    for (const auto& entry : jobs_) {
        const std::lock_guard<std::mutex> lock(entry.second->mutex);
        if (entry.second->status != "running") ++finished;
    }
    for (auto it = order_.begin(); finished >= keep_finished_ && it != order_.end();) {
        auto job = jobs_.find(it->second);
        bool done = false;
        {
            const std::lock_guard<std::mutex> lock(job->second->mutex);
            done = job->second->status != "running";
        }
        if (!done) {
            ++it;
            continue;
        }
        if (job->second->thread.joinable()) job->second->thread.join();  // finished: returns at once
        jobs_.erase(job);
        it = order_.erase(it);
        --finished;
    }
}

std::optional<std::string> SolveJobs::status_json(const std::string& tenant, const std::string& id) const {
    std::shared_ptr<Job> job;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        const auto it = jobs_.find(id);
        if (it == jobs_.end() || it->second->tenant != tenant) return std::nullopt;
        job = it->second;
    }
    const std::lock_guard<std::mutex> lock(job->mutex);
    nlohmann::json doc = {{"id", job->id}, {"status", job->status}};
    doc["seconds"] = job->status == "running"
                         ? std::chrono::duration<double>(std::chrono::steady_clock::now() - job->started).count()
                         : job->seconds;
    if (job->progress) {
        const fsd::Progress& p = *job->progress;
        doc["progress"] = {{"seconds", p.seconds},
                           {"iteration", p.iteration},
                           {"best_cost", p.objective.total()},
                           {"unassigned", p.unassigned}};
    } else {
        doc["progress"] = nullptr;
    }
    if (!job->result.empty()) doc["result"] = nlohmann::json::parse(job->result);
    if (!job->error.empty()) doc["error"] = nlohmann::json::parse(job->error)["error"];
    return doc.dump();
}

bool SolveJobs::cancel(const std::string& tenant, const std::string& id) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->tenant != tenant) return false;
    it->second->cancel = true;
    return true;
}

std::int64_t SolveJobs::size() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<std::int64_t>(jobs_.size());
}

}  // namespace fsdserve
