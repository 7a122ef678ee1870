#include "precheck/item.h"

#include "precheck/context.h"

namespace image_agent::precheck {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::kOk:
      return "OK";
    case Status::kWarning:
      return "WARNING";
    case Status::kFailed:
      return "FAILED";
    case Status::kSkipped:
      return "SKIPPED";
  }
  return "FAILED";
}

Verdict ok(std::string comment, std::vector<Evidence> evidence) {
  return Verdict{Status::kOk, "0", std::move(comment), {}, std::move(evidence)};
}

Verdict skipped(std::string why, std::vector<Evidence> evidence) {
  // The runner gives SKIPPED the item's code_base + 99, so pipelines can tell it from OK.
  return Verdict{Status::kSkipped, "", std::move(why), {}, std::move(evidence)};
}

Verdict problem_at(const ItemContext& context, Status level, int cause, std::string comment,
                   std::string remediation, std::vector<Evidence> evidence) {
  return Verdict{level, std::to_string(context.item().code_base + cause), std::move(comment),
                 std::move(remediation), std::move(evidence)};
}

Verdict problem(const ItemContext& context, int cause, std::string comment, std::string remediation,
                std::vector<Evidence> evidence) {
  return problem_at(context, context.severity(), cause, std::move(comment), std::move(remediation),
                    std::move(evidence));
}

void Problems::add(int cause, std::string_view what, std::string_view fix) {
  if (cause_ == 0) cause_ = cause;
  if (!comment_.empty()) comment_ += "; ";
  comment_ += what;
  if (!remediation_.empty()) remediation_ += " ";
  remediation_ += fix;
}

Verdict Problems::verdict(const ItemContext& context, std::vector<Evidence> evidence) && {
  return problem(context, cause_, std::move(comment_), std::move(remediation_), std::move(evidence));
}

Verdict percent_verdict(const ItemContext& context, double used_percent, std::string comment,
                        std::string remediation, std::vector<Evidence> evidence) {
  if (used_percent >= context.threshold("fail_percent", 98))
    return problem_at(context, Status::kFailed, 2, std::move(comment), std::move(remediation),
                      std::move(evidence));
  if (used_percent >= context.threshold("warn_percent", 90))
    return problem_at(context, Status::kWarning, 1, std::move(comment), std::move(remediation),
                      std::move(evidence));
  return ok(std::move(comment), std::move(evidence));
}

}  // namespace image_agent::precheck
