#include "fsd/triage/ticket_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd::triage {

namespace {

struct Bilingual {
    const char* en;
    const char* zh;
};

struct Product {
    Bilingual name;
    const char* skill;
};

struct Fault {
    Bilingual symptom;
    Bilingual fix;
};

constexpr std::array<Product, 8> kProducts{{
    {{"air conditioner", "空调"}, "hvac"},
    {{"water heater", "热水器"}, "plumbing"},
    {{"boiler", "锅炉"}, "hvac"},
    {{"refrigerator", "冰箱"}, "refrigeration"},
    {{"washing machine", "洗衣机"}, "appliance"},
    {{"elevator", "电梯"}, "elevator"},
    {{"solar inverter", "光伏逆变器"}, "electrical"},
    {{"router", "路由器"}, "network"},
}};

constexpr std::array<Fault, 8> kFaults{{
    {{"is leaking water", "漏水"}, {"Replaced the drain seal and checked for leaks.", "更换排水密封圈，试机无渗漏。"}},
    {{"does not start", "无法启动"}, {"Replaced the control board fuse; unit starts normally.", "更换控制板保险丝，开机正常。"}},
    {{"makes a loud noise", "噪音很大"}, {"Tightened the fan mount and replaced a worn bearing.", "紧固风机支架并更换磨损轴承。"}},
    {{"shows error code E4", "显示故障代码E4"}, {"Reset the controller and replaced the faulty sensor.", "复位控制器并更换故障传感器。"}},
    {{"stopped working", "不工作了"}, {"Found a loose power connector and fixed it.", "发现电源接头松动，已重新接好。"}},
    {{"keeps tripping the breaker", "一开就跳闸"}, {"Found a shorted cable and replaced it.", "查到短路线缆并更换。"}},
    {{"smells of burning", "有烧焦味"}, {"Replaced the burnt motor capacitor.", "更换烧毁的电机电容。"}},
    {{"is very slow", "运行很慢"}, {"Updated the firmware and cleaned the unit.", "升级固件并清洁设备。"}},
}};

constexpr std::array<Bilingual, 4> kPlaces{{{"office", "办公室"}, {"kitchen", "厨房"}, {"basement", "地下室"}, {"shop", "店里"}}};
constexpr std::array<Bilingual, 2> kSeasons{{{"winter", "冬季"}, {"summer", "夏季"}}};

// Templates per category: {p} product, {f} fault, {l} place, {s} season.
struct CategoryText {
    const char* name;
    std::array<const char*, 5> en;
    std::array<const char*, 5> zh;
    Bilingual resolution;  ///< {p} product
};

constexpr std::array<CategoryText, 5> kCategories{{
    {"installation",
     {"Please install the new {p} at our {l}", "New {p} delivered, need installation and commissioning",
      "Request to mount and connect a {p} in the {l}", "Need a technician to set up the {p} we bought",
      "Booking an installation visit for a second {p}"},
     {"新买的{p}需要上门安装", "请安排师傅到{l}安装{p}", "{p}已送到，需要安装调试", "申请新装一台{p}",
      "预约安装第二台{p}"},
     {"Installed and commissioned the {p}; customer signed off.", "已完成{p}安装调试，客户签收。"}},
    {"repair",
     {"The {p} {f} since yesterday", "Our {p} {f}, please send someone", "{p} broken: it {f}",
      "Urgent: the {p} in the {l} {f}", "Need repair, {p} {f}"},
     {"{p}{f}，请尽快派人维修", "家里的{p}昨天开始{f}", "{p}坏了，{f}", "报修：{l}的{p}{f}", "{p}{f}，需要维修"},
     {"", ""}},
    {"maintenance",
     {"Annual service due for the {p}", "Please schedule routine maintenance of the {p}",
      "Filter cleaning and inspection for the {p}", "Preventive check of the {p} before {s}",
      "Service contract visit: inspect the {p} in the {l}"},
     {"{p}年度保养到期，请预约", "预约{p}定期维护保养", "{p}需要清洗滤网和例行检查", "{s}前给{p}做一次保养检查",
      "保养合同上门：检查{l}的{p}"},
     {"Cleaned filters, checked pressure and safety devices of the {p}.", "清洗滤网，检查{p}压力和安全装置。"}},
    {"complaint",
     {"The engineer was late and the {p} still {f}", "Very unhappy with the last visit to fix the {p}",
      "I was charged twice for the {p} service", "Your technician was rude and left a mess in the {l}",
      "Nobody came for the {p} appointment, I want a refund"},
     {"师傅迟到了，{p}还是{f}", "对上次{p}维修服务非常不满意", "{p}服务重复收费，要求退款", "维修人员态度很差，{l}弄得一团糟",
      "预约了{p}上门但没人来，要求赔偿"},
     {"Apologised, scheduled a senior engineer and issued a voucher.", "致歉并安排资深工程师回访，发放代金券。"}},
    {"consultation",
     {"How do I reset the {p}?", "Is the {p} still under warranty?", "What is the price to replace a {p}?",
      "Question about the {p} settings in the manual", "Which {p} model fits a small {l}?"},
     {"请问{p}怎么重置？", "{p}还在保修期内吗？", "咨询更换{p}的价格", "想了解{p}的使用说明和设置", "{l}面积小，适合哪款{p}？"},
     {"Explained by phone and sent the manual link.", "电话解答并发送说明书链接。"}},
}};

std::string fill(std::string text, const std::string& p, const std::string& f, const std::string& l,
                 const std::string& s) {
    const auto replace = [&](const std::string& key, const std::string& value) {
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
            text.replace(pos, key.size(), value);
    };
    replace("{p}", p);
    replace("{f}", f);
    replace("{l}", l);
    replace("{s}", s);
    return text;
}

}  // namespace

const std::vector<std::string>& generator_categories() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& c : kCategories) out.emplace_back(c.name);
        return out;
    }();
    return names;
}

const std::vector<std::string>& generator_skills() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out{"customer_service"};
        for (const auto& p : kProducts) out.emplace_back(p.skill);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    return names;
}

std::vector<Ticket> generate_tickets(const TicketGeneratorOptions& options) {
    if (options.count < 0) throw InputError("/count", "must not be negative");
    if (options.customers < 1) throw InputError("/customers", "must be at least 1");
    if (options.span < 1) throw InputError("/span", "must be at least one second");
    for (auto [name, share] : {std::pair{"/chinese_share", options.chinese_share},
                               std::pair{"/duplicate_share", options.duplicate_share},
                               std::pair{"/label_noise", options.label_noise}})
        if (!(share >= 0.0 && share <= 1.0)) throw InputError(name, "must be between 0 and 1");

    std::mt19937_64 rng(options.seed);
    // Plain modulo / division draws instead of std::*_distribution: those
    // differ between standard libraries, and the history must not.
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const auto chance = [&](double p) { return static_cast<double>(rng() >> 11) * 0x1.0p-53 < p; };

    // Each customer owns one to three assets.
    struct Asset {
        std::string id;
        std::size_t product;
    };
    std::vector<std::vector<Asset>> assets(static_cast<std::size_t>(options.customers));
    for (std::size_t c = 0; c < assets.size(); ++c) {
        const std::size_t n = 1 + pick(3);
        for (std::size_t k = 0; k < n; ++k)
            assets[c].push_back({fmt::format("A{:04}-{}", c + 1, k + 1), pick(kProducts.size())});
    }

    std::vector<Ticket> tickets;
    tickets.reserve(static_cast<std::size_t>(options.count));
    for (int i = 0; i < options.count; ++i) {
        if (!tickets.empty() && chance(options.duplicate_share)) {
            // A re-report of a recent ticket: same customer and asset, hours later.
            const Ticket& original = tickets[tickets.size() - 1 - pick(std::min<std::size_t>(tickets.size(), 20))];
            Ticket t = original;
            const bool zh = (static_cast<unsigned char>(original.text[0]) & 0x80) != 0;
            static constexpr std::array<Bilingual, 3> kPrefixes{
                {{"Again: ", "再次报修："}, {"Follow-up: ", "跟进："}, {"Still waiting: ", "还在等："}}};
            const Bilingual& prefix = kPrefixes[pick(kPrefixes.size())];
            t.text = std::string(zh ? prefix.zh : prefix.en) + original.text;
            t.created = original.created + 3600 + static_cast<Time>(pick(47 * 3600));
            tickets.push_back(std::move(t));
            continue;
        }
        const std::size_t customer = pick(assets.size());
        const Asset& asset = assets[customer][pick(assets[customer].size())];
        const Product& product = kProducts[asset.product];
        const std::size_t category = pick(kCategories.size());
        const CategoryText& cat = kCategories[category];
        const Fault& fault = kFaults[pick(kFaults.size())];
        const Bilingual& place = kPlaces[pick(kPlaces.size())];
        const Bilingual& season = kSeasons[pick(kSeasons.size())];
        const bool zh = chance(options.chinese_share);
        const std::size_t form = pick(cat.en.size());

        Ticket t;
        t.created = options.start + static_cast<Time>(pick(static_cast<std::size_t>(options.span)));
        t.customer = fmt::format("C{:04}", customer + 1);
        t.asset = asset.id;
        if (zh) {
            t.text = fill(cat.zh[form], product.name.zh, fault.symptom.zh, place.zh, season.zh);
        } else {
            t.text = fill(cat.en[form], product.name.en, fault.symptom.en, place.en, season.en);
        }
        if (chance(0.15))  // model numbers mix Latin into Chinese text too
            t.text = fmt::format("{}{}-{}{}{}", zh ? "型号" : "Model ", "KXRM"[pick(4)], 100 + pick(900),
                                 zh ? "，" : ": ", t.text);
        t.category = cat.name;
        const bool field_work = category <= 2;
        t.skill = field_work ? product.skill : "customer_service";
        if (category == 1) {
            t.resolution = zh ? fault.fix.zh : fault.fix.en;
        } else {
            t.resolution = fill(zh ? cat.resolution.zh : cat.resolution.en, zh ? product.name.zh : product.name.en, "", "", "");
        }
        if (chance(options.label_noise)) t.category = kCategories[pick(kCategories.size())].name;
        tickets.push_back(std::move(t));
    }
    std::stable_sort(tickets.begin(), tickets.end(), [](const Ticket& a, const Ticket& b) { return a.created < b.created; });
    for (std::size_t i = 0; i < tickets.size(); ++i) tickets[i].id = fmt::format("T{:06}", i + 1);
    return tickets;
}

}  // namespace fsd::triage
