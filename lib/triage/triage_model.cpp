#include "fsd/triage/triage_model.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <unordered_set>

#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"
#include "fsd/triage/utf8.hpp"

namespace fsd::triage {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "fsdispatch-triage-model";
constexpr int kVersion = 1;

// Maps labels to dense class indices in sorted order, so that a model does
// not depend on the order of the training tickets' labels.
std::vector<std::string> label_set(const std::vector<Ticket>& tickets, std::string Ticket::*field) {
    std::vector<std::string> labels;
    for (const Ticket& t : tickets) labels.push_back(t.*field);
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    return labels;
}

std::vector<Index> encode(const std::vector<Ticket>& tickets, std::string Ticket::*field,
                          const std::vector<std::string>& labels) {
    std::vector<Index> out;
    out.reserve(tickets.size());
    for (const Ticket& t : tickets)
        out.push_back(static_cast<Index>(std::lower_bound(labels.begin(), labels.end(), t.*field) - labels.begin()));
    return out;
}

json rules_to_json(const std::vector<KeywordRule>& rules) {
    json out = json::array();
    for (const auto& r : rules) out.push_back({{"keyword", r.keyword}, {"label", r.label}});
    return out;
}

json softmax_to_json(const SoftmaxRegression& model, const std::vector<std::string>& labels) {
    const Eigen::MatrixXd& w = model.weights();
    std::vector<double> flat(static_cast<std::size_t>(w.size()));
    // Row-major: one term's weights for all classes together.
    for (Eigen::Index r = 0; r < w.rows(); ++r)
        for (Eigen::Index c = 0; c < w.cols(); ++c) flat[static_cast<std::size_t>(r * w.cols() + c)] = w(r, c);
    std::vector<double> bias(model.bias().data(), model.bias().data() + model.bias().size());
    return {{"labels", labels}, {"weights", flat}, {"bias", bias}};
}

// Checked access to the saved model: every failure names the field.
const json& field(const json& parent, const std::string& key, const std::string& path) {
    if (!parent.is_object() || !parent.contains(key)) throw InputError(path + "/" + key, "is missing");
    return parent.at(key);
}

template <typename T>
T get_as(const json& value, const std::string& path, const char* what) {
    try {
        return value.get<T>();
    } catch (const json::exception&) {
        throw InputError(path, std::string("must be ") + what);
    }
}

// An object with only the keys the format defines: a misspelt key would
// otherwise be ignored and the value it meant to set silently left out.
const json& object_of(const json& value, std::initializer_list<std::string_view> keys, const std::string& path) {
    if (!value.is_object()) throw InputError(path, "must be an object");
    for (const auto& item : value.items())
        if (std::find(keys.begin(), keys.end(), item.key()) == keys.end())
            throw InputError(path + "/" + item.key(), "is not a field of a triage model");
    return value;
}

// A whole number in [lo, hi]. get<int> would wrap 4294967299 to 3 and
// truncate 2.5 to 2 without a word.
int integer_in(const json& value, const std::string& path, int lo, int hi) {
    const auto refuse = [&] {
        return InputError(path, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    };
    if (value.is_number_unsigned()) {
        if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) throw refuse();
    } else if (!value.is_number_integer()) {
        throw refuse();
    }
    const auto n = value.get<std::int64_t>();
    if (n < lo || n > hi) throw refuse();
    return static_cast<int>(n);
}

// Labels name the classifier's columns: a repeated one would be two classes
// no prediction can tell apart, an empty one a prediction with no label.
void check_labels(const std::vector<std::string>& labels, const std::string& path) {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].empty()) throw InputError(path + "/" + std::to_string(i), "is empty");
        if (!seen.insert(labels[i]).second)
            throw InputError(path + "/" + std::to_string(i), "repeats the label \"" + labels[i] + "\"");
    }
}

std::vector<KeywordRule> rules_from_json(const json& value, const std::string& path) {
    if (!value.is_array()) throw InputError(path, "must be an array of rules");
    std::vector<KeywordRule> rules;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string p = path + "/" + std::to_string(i);
        const json& rule = object_of(value[i], {"keyword", "label"}, p);
        rules.push_back({get_as<std::string>(field(rule, "keyword", p), p + "/keyword", "a string"),
                         get_as<std::string>(field(rule, "label", p), p + "/label", "a string")});
    }
    check_rules(rules, path);
    return rules;
}

SoftmaxRegression softmax_from_json(const json& value, const std::string& path, Index features,
                                    std::vector<std::string>& labels) {
    object_of(value, {"labels", "weights", "bias"}, path);
    labels = get_as<std::vector<std::string>>(field(value, "labels", path), path + "/labels", "an array of strings");
    const auto flat = get_as<std::vector<double>>(field(value, "weights", path), path + "/weights",
                                                  "an array of numbers");
    const auto bias = get_as<std::vector<double>>(field(value, "bias", path), path + "/bias", "an array of numbers");
    const auto k = static_cast<Eigen::Index>(labels.size());
    if (k == 0) throw InputError(path + "/labels", "must name at least one label");
    check_labels(labels, path + "/labels");
    if (static_cast<Eigen::Index>(flat.size()) != k * features)
        throw InputError(path + "/weights", "must hold " + std::to_string(k * features) + " numbers (terms x labels), found " +
                                                std::to_string(flat.size()));
    if (static_cast<Eigen::Index>(bias.size()) != k)
        throw InputError(path + "/bias", "must hold one number per label");
    Eigen::MatrixXd w(features, k);
    for (Eigen::Index r = 0; r < features; ++r)
        for (Eigen::Index c = 0; c < k; ++c) w(r, c) = flat[static_cast<std::size_t>(r * k + c)];
    return SoftmaxRegression::from_parts(std::move(w), Eigen::Map<const Eigen::VectorXd>(bias.data(), k));
}

}  // namespace

TriageModel TriageModel::fit(const std::vector<Ticket>& tickets, const TriageOptions& options) {
    if (tickets.empty()) throw InputError("/tickets", "there are no tickets to train on");
    std::size_t with_skill = 0;
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        const std::string p = "/tickets/" + std::to_string(i);
        if (tickets[i].text.empty()) throw InputError(p + "/text", "is empty");
        if (tickets[i].category.empty()) throw InputError(p + "/category", "is empty: every training ticket needs a label");
        if (!tickets[i].skill.empty()) ++with_skill;
        // The kept fields go into the saved model, which must be valid JSON.
        require_utf8(tickets[i].id, p + "/id");
        require_utf8(tickets[i].text, p + "/text");
        require_utf8(tickets[i].category, p + "/category");
        require_utf8(tickets[i].skill, p + "/skill");
        require_utf8(tickets[i].resolution, p + "/resolution");
    }
    if (with_skill != 0 && with_skill != tickets.size()) {
        for (std::size_t i = 0; i < tickets.size(); ++i)
            if (tickets[i].skill.empty())
                throw InputError("/tickets/" + std::to_string(i) + "/skill",
                                 "is empty while other tickets have a skill: give all or none");
    }
    if (options.top_terms < 0) throw InputError("/top_terms", "must not be negative");
    check_term_options(options.features.terms, "");
    check_rules(options.category_rules, "/category_rules");
    check_rules(options.skill_rules, "/skill_rules");

    TriageModel model;
    model.options_ = options;
    std::vector<std::string> texts;
    texts.reserve(tickets.size());
    for (const Ticket& t : tickets) texts.push_back(t.text);
    TfidfOptions features = options.features;
    features.min_df = training_min_df(features.min_df, tickets.size(), "/min_df");
    auto [vectorizer, rows] = TfidfVectorizer::fit_transform(texts, features);
    model.vectorizer_ = std::move(vectorizer);
    model.options_.features = features;

    model.categories_ = label_set(tickets, &Ticket::category);
    model.category_model_ = SoftmaxRegression::fit(rows, encode(tickets, &Ticket::category, model.categories_),
                                                   static_cast<Index>(model.categories_.size()), options.classifier);
    if (with_skill > 0) {
        model.skills_ = label_set(tickets, &Ticket::skill);
        model.skill_model_ = SoftmaxRegression::fit(rows, encode(tickets, &Ticket::skill, model.skills_),
                                                    static_cast<Index>(model.skills_.size()), options.classifier);
    }
    if (options.keep_history) {
        model.history_.reserve(tickets.size());
        for (const Ticket& t : tickets) {
            Ticket kept;
            kept.id = t.id;
            kept.text = t.text;
            kept.category = t.category;
            kept.resolution = t.resolution;
            model.history_.push_back(std::move(kept));
        }
        model.history_columns_ = rows;
    }
    return model;
}

LabelPrediction TriageModel::label_from(const SparseRows& rows, Index row, const Eigen::MatrixXd& proba,
                                        const SoftmaxRegression& model, const std::vector<std::string>& labels,
                                        const std::vector<KeywordRule>& rules, std::string_view text) const {
    LabelPrediction out;
    if (auto rule = match_rule(text, rules)) {
        out.label = rule->label;
        out.probability = 1.0;
        out.rule = rule->keyword;
        out.top_terms.push_back({rule->keyword, 1.0});
        return out;
    }
    Eigen::Index best = 0;
    proba.row(row).maxCoeff(&best);
    out.label = labels[static_cast<std::size_t>(best)];
    out.probability = proba(row, best);
    // A term's contribution is its feature value times how much more its
    // weight favours the chosen label than the average label.
    const Eigen::MatrixXd& w = model.weights();
    std::vector<TermContribution> contributions;
    for (SparseRows::InnerIterator it(rows, row); it; ++it) {
        const Eigen::Index term = it.col();
        const double lift = w(term, best) - w.row(term).mean();
        const double c = it.value() * lift;
        if (c > 0.0) contributions.push_back({vectorizer_.terms()[static_cast<std::size_t>(term)], c});
    }
    const auto keep = std::min<std::size_t>(contributions.size(), static_cast<std::size_t>(options_.top_terms));
    std::partial_sort(contributions.begin(), contributions.begin() + static_cast<std::ptrdiff_t>(keep),
                      contributions.end(), [](const TermContribution& a, const TermContribution& b) {
                          return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                      });
    contributions.resize(keep);
    out.top_terms = std::move(contributions);
    return out;
}

std::vector<TriagePrediction> TriageModel::predict(const std::vector<std::string>& texts) const {
    if (categories_.empty()) throw InputError("/model", "the model has not been trained");
    std::vector<TriagePrediction> out(texts.size());
    if (texts.empty()) return out;
    const SparseRows rows = vectorizer_.transform(texts);
    const Eigen::MatrixXd category_proba = category_model_.predict_proba(rows);
    Eigen::MatrixXd skill_proba;
    if (!skills_.empty()) skill_proba = skill_model_.predict_proba(rows);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const auto row = static_cast<Index>(i);
        out[i].category = label_from(rows, row, category_proba, category_model_, categories_,
                                     options_.category_rules, texts[i]);
        if (!skills_.empty())
            out[i].skill = label_from(rows, row, skill_proba, skill_model_, skills_, options_.skill_rules, texts[i]);
        else if (auto rule = match_rule(texts[i], options_.skill_rules))
            out[i].skill = LabelPrediction{rule->label, 1.0, {{rule->keyword, 1.0}}, rule->keyword};
    }
    return out;
}

TriagePrediction TriageModel::predict(std::string_view text) const {
    return predict(std::vector<std::string>{std::string(text)}).front();
}

std::vector<SimilarTicket> TriageModel::similar(std::string_view text, int k) const {
    if (k < 0) throw InputError("/k", "must not be negative");
    if (history_.empty() || k == 0) return {};
    const SparseRows query = vectorizer_.transform({std::string(text)});
    // Rows and query are unit vectors: the dot product is the cosine.
    Eigen::VectorXd scores = Eigen::VectorXd::Zero(history_columns_.rows());
    for (SparseRows::InnerIterator q(query, 0); q; ++q)
        for (Eigen::SparseMatrix<double>::InnerIterator h(history_columns_, q.col()); h; ++h)
            scores[h.row()] += q.value() * h.value();
    std::vector<Index> order;
    for (Eigen::Index i = 0; i < scores.size(); ++i)
        if (scores[i] > 1e-12) order.push_back(static_cast<Index>(i));
    const auto keep = std::min<std::size_t>(order.size(), static_cast<std::size_t>(k));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](Index a, Index b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; });
    std::vector<SimilarTicket> out;
    for (std::size_t j = 0; j < keep; ++j) {
        const Ticket& t = history_[static_cast<std::size_t>(order[j])];
        out.push_back({order[j], t.id, std::min(1.0, scores[order[j]]), t.text, t.category, t.resolution});
    }
    return out;
}

void TriageModel::rebuild_history_matrix() {
    std::vector<std::string> texts;
    texts.reserve(history_.size());
    for (const Ticket& t : history_) texts.push_back(t.text);
    history_columns_ = vectorizer_.transform(texts);
}

std::string TriageModel::to_json() const {
    const TfidfOptions& f = vectorizer_.options();
    json history = json::array();
    for (const Ticket& t : history_)
        history.push_back({{"id", t.id}, {"text", t.text}, {"category", t.category}, {"resolution", t.resolution}});
    json doc = {
        {"format", kFormat},
        {"version", kVersion},
        {"vectorizer",
         {{"cjk_min_n", f.terms.cjk_min_n},
          {"cjk_max_n", f.terms.cjk_max_n},
          {"word_bigrams", f.terms.word_bigrams},
          {"min_df", f.min_df},
          {"sublinear_tf", f.sublinear_tf},
          {"terms", vectorizer_.terms()},
          {"idf", vectorizer_.idf()}}},
        {"category", softmax_to_json(category_model_, categories_)},
        {"category_rules", rules_to_json(options_.category_rules)},
        {"skill_rules", rules_to_json(options_.skill_rules)},
        {"top_terms", options_.top_terms},
        {"history", history},
    };
    if (!skills_.empty()) doc["skill"] = softmax_to_json(skill_model_, skills_);
    return doc.dump();
}

TriageModel TriageModel::from_json(std::string_view text) {
    json doc;
    check_json_limits(text);
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        throw InputError("", std::string("the model is not valid JSON (") + e.what() + ")");
    }
    if (!doc.is_object()) throw InputError("", "the model must be a JSON object");
    object_of(doc, {"format", "version", "vectorizer", "category", "skill", "category_rules", "skill_rules",
                    "top_terms", "history"}, "");
    if (get_as<std::string>(field(doc, "format", ""), "/format", "a string") != kFormat)
        throw InputError("/format", std::string("is not \"") + kFormat + "\": this is not a triage model");
    const json& version = field(doc, "version", "");
    if (!version.is_number_integer() || version != kVersion)
        throw InputError("/version", "is not a version this build can read (" + std::to_string(kVersion) + ")");

    TriageModel model;
    const std::string vp = "/vectorizer";
    const json& v = object_of(field(doc, "vectorizer", ""),
                              {"cjk_min_n", "cjk_max_n", "word_bigrams", "min_df", "sublinear_tf", "terms", "idf"}, vp);
    TfidfOptions f;
    f.terms.cjk_min_n = integer_in(field(v, "cjk_min_n", vp), vp + "/cjk_min_n", 1, kMaxCjkN);
    f.terms.cjk_max_n = integer_in(field(v, "cjk_max_n", vp), vp + "/cjk_max_n", 1, kMaxCjkN);
    f.terms.word_bigrams = get_as<bool>(field(v, "word_bigrams", vp), vp + "/word_bigrams", "true or false");
    f.min_df = integer_in(field(v, "min_df", vp), vp + "/min_df", 1, INT_MAX);
    f.sublinear_tf = get_as<bool>(field(v, "sublinear_tf", vp), vp + "/sublinear_tf", "true or false");
    // from_parts refuses cjk_min_n above cjk_max_n, unsorted terms and negative idf.
    model.vectorizer_ = TfidfVectorizer::from_parts(
        get_as<std::vector<std::string>>(field(v, "terms", vp), vp + "/terms", "an array of strings"),
        get_as<std::vector<double>>(field(v, "idf", vp), vp + "/idf", "an array of numbers"), f);
    model.options_.features = f;
    model.category_model_ =
        softmax_from_json(field(doc, "category", ""), "/category", model.vectorizer_.size(), model.categories_);
    if (doc.contains("skill"))
        model.skill_model_ = softmax_from_json(doc["skill"], "/skill", model.vectorizer_.size(), model.skills_);
    model.options_.category_rules = rules_from_json(field(doc, "category_rules", ""), "/category_rules");
    model.options_.skill_rules = rules_from_json(field(doc, "skill_rules", ""), "/skill_rules");
    model.options_.top_terms = integer_in(field(doc, "top_terms", ""), "/top_terms", 0, INT_MAX);
    const json& history = field(doc, "history", "");
    if (!history.is_array()) throw InputError("/history", "must be an array of tickets");
    for (std::size_t i = 0; i < history.size(); ++i) {
        const std::string p = "/history/" + std::to_string(i);
        const json& h = object_of(history[i], {"id", "text", "category", "resolution"}, p);
        Ticket t;
        t.id = get_as<std::string>(field(h, "id", p), p + "/id", "a string");
        t.text = get_as<std::string>(field(h, "text", p), p + "/text", "a string");
        t.category = get_as<std::string>(field(h, "category", p), p + "/category", "a string");
        t.resolution = get_as<std::string>(field(h, "resolution", p), p + "/resolution", "a string");
        model.history_.push_back(std::move(t));
    }
    model.options_.keep_history = !model.history_.empty();
    model.rebuild_history_matrix();
    return model;
}

int training_min_df(int min_df, std::size_t tickets, const std::string& path) {
    if (min_df < 1) throw InputError(path, "is " + std::to_string(min_df) + ", must be at least 1");
    // Hardly a term recurs in a handful of tickets: a tiny set keeps them all
    // rather than failing for want of a vocabulary.
    if (tickets < 4) return 1;
    if (static_cast<std::size_t>(min_df) > tickets)
        throw InputError(path, "is " + std::to_string(min_df) + ", but there are only " + std::to_string(tickets) +
                                   " training tickets: no term can occur in more tickets than that");
    return min_df;
}

double accuracy(const std::vector<std::string>& predicted, const std::vector<std::string>& truth) {
    if (predicted.size() != truth.size())
        throw InputError("/predicted", "has " + std::to_string(predicted.size()) + " labels for " +
                                           std::to_string(truth.size()) + " true labels");
    if (truth.empty()) return 0.0;
    std::size_t hits = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) hits += predicted[i] == truth[i] ? 1 : 0;
    return static_cast<double>(hits) / static_cast<double>(truth.size());
}

}  // namespace fsd::triage
