#include "adapters/jmeter/jtl_xml.h"

#include <expat.h>

#include <cstring>
#include <exception>
#include <vector>

#include "adapters/jmeter/jtl_fields.h"
#include "core/errors.h"

namespace perfgate::jmeter {
namespace {

// What an open element is, for deciding what its children are.
enum class Frame { root, sample_request, sample_transaction, sample_child, other };

// Expat hands the bytes through in chunks no larger than this.
constexpr size_t kChunkBytes = 1u << 20;

}  // namespace

struct JtlXmlReader::State {
  std::string source;
  Sink sink;
  XML_Parser parser = nullptr;
  std::vector<Frame> open;
  std::string failure;  // set by a callback; the parse is stopped and this is thrown
  std::string failure_where;
  std::exception_ptr sink_error;  // an InputError of the sink, rethrown as it is
  bool seen_root = false;

  std::string where() const {
    return "line " + std::to_string(XML_GetCurrentLineNumber(parser)) + ", column " +
           std::to_string(XML_GetCurrentColumnNumber(parser) + 1);
  }

  void stop(const std::string& message) {
    if (failure.empty()) {
      failure = message;
      failure_where = where();
    }
    XML_StopParser(parser, XML_FALSE);
  }

  std::optional<int64_t> number(const char* name, const char* text) {
    if (!text) return std::nullopt;
    int64_t value = 0;
    const FieldValue parsed =
        std::strcmp(name, "ts") == 0 ? parse_timestamp_ms(text, value) : parse_count(text, value);
    if (parsed == FieldValue::bad) {
      stop(std::string("attribute ") + name + ": expected a number, got " + excerpt(text));
      return std::nullopt;
    }
    return parsed == FieldValue::ok ? std::optional<int64_t>(value) : std::nullopt;
  }

  // Fills `sample` from the attributes; false (with the parse stopped) when lb or s is wrong.
  bool read_sample(const char** attributes, JtlSample& sample, std::string_view& message) {
    const char* by_name[13] = {};
    static constexpr const char* kNames[13] = {"lb", "s",  "rc",  "rs", "ts", "t", "lt",
                                               "ct", "by", "sby", "sc", "ec", "rm"};
    for (const char** attribute = attributes; *attribute; attribute += 2)
      for (size_t i = 0; i < 13; ++i)
        if (std::strcmp(attribute[0], kNames[i]) == 0) by_name[i] = attribute[1];
    sample.label = by_name[0];
    if (!by_name[1]) {
      stop("the sample '" + std::string(sample.label) + "' has no s (success) attribute");
      return false;
    }
    const std::optional<bool> success = parse_success(by_name[1]);
    if (!success) {
      stop("attribute s: expected true or false, got " + excerpt(by_name[1]));
      return false;
    }
    sample.success = *success;
    sample.response_code = by_name[2] ? by_name[2] : by_name[3] ? by_name[3] : "";
    sample.start_ms = number("ts", by_name[4]);
    sample.elapsed_ms = number("t", by_name[5]);
    sample.latency_ms = number("lt", by_name[6]);
    sample.connect_ms = number("ct", by_name[7]);
    sample.bytes_received = number("by", by_name[8]);
    sample.bytes_sent = number("sby", by_name[9]);
    sample.sample_count = number("sc", by_name[10]).value_or(1);
    sample.error_count = number("ec", by_name[11]);
    message = by_name[12] ? by_name[12] : "";
    return failure.empty();
  }

  static bool has_label(const char** attributes) {
    for (const char** attribute = attributes; *attribute; attribute += 2)
      if (std::strcmp(attribute[0], "lb") == 0) return true;
    return false;
  }

  void start(const char* name, const char** attributes) {
    if (!seen_root) {
      seen_root = true;
      if (std::strcmp(name, "testResults") != 0)
        return stop(std::string("the root element is <") + name +
                    ">, not <testResults>: not a JMeter XML JTL");
      open.push_back(Frame::root);
      return;
    }
    const Frame parent = open.back();
    const bool sample_position = parent == Frame::root || parent == Frame::sample_request ||
                                 parent == Frame::sample_transaction ||
                                 parent == Frame::sample_child;
    if (!sample_position || !has_label(attributes)) {
      open.push_back(Frame::other);
      return;
    }
    JtlSample sample;
    std::string_view message;
    if (!read_sample(attributes, sample, message)) return;
    const bool transaction =
        message.substr(0, kTransactionMessagePrefix.size()) == kTransactionMessagePrefix;
    const bool counted = parent == Frame::root || parent == Frame::sample_transaction;
    sample.kind = !counted      ? SampleKind::subresult
                  : transaction ? SampleKind::transaction
                                : SampleKind::request;
    open.push_back(!counted      ? Frame::sample_child
                   : transaction ? Frame::sample_transaction
                                 : Frame::sample_request);
    try {
      sink(sample, static_cast<int64_t>(XML_GetCurrentLineNumber(parser)));
    } catch (const InputError&) {
      sink_error = std::current_exception();
      XML_StopParser(parser, XML_FALSE);
    }
  }

  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<State*>(self)->start(name, attributes);
  }
  static void on_end(void* self, const XML_Char*) {
    auto* state = static_cast<State*>(self);
    if (!state->open.empty()) state->open.pop_back();
  }

  void parse(std::string_view bytes, bool is_final) {
    do {
      const size_t size = std::min(bytes.size(), kChunkBytes);
      const bool last = is_final && size == bytes.size();
      if (XML_Parse(parser, bytes.data(), static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
          XML_STATUS_ERROR)
        throw_failure();
      bytes.remove_prefix(size);
    } while (!bytes.empty());
  }

  [[noreturn]] void throw_failure() {
    if (sink_error) std::rethrow_exception(sink_error);
    if (!failure.empty()) throw InputError(source, failure_where, failure);
    const XML_Error code = XML_GetErrorCode(parser);
    std::string message = std::string("malformed XML: ") + XML_ErrorString(code);
    if (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
        code == XML_ERROR_PARTIAL_CHAR)
      message += " (the file is truncated?)";
    throw InputError(source, where(), message);
  }
};

JtlXmlReader::JtlXmlReader(std::string source, Sink sink) : state_(std::make_unique<State>()) {
  state_->source = std::move(source);
  state_->sink = std::move(sink);
  state_->parser = XML_ParserCreate(nullptr);
  if (!state_->parser) throw std::bad_alloc();
  XML_SetUserData(state_->parser, state_.get());
  XML_SetElementHandler(state_->parser, &State::on_start, &State::on_end);
}

JtlXmlReader::~JtlXmlReader() {
  XML_ParserFree(state_->parser);
}

void JtlXmlReader::feed(std::string_view bytes) {
  state_->parse(bytes, false);
}

void JtlXmlReader::finish() {
  state_->parse({}, true);
}

}  // namespace perfgate::jmeter
