#include "adapters/jmeter/jtl_import.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "adapters/jmeter/jtl_csv.h"
#include "adapters/jmeter/jtl_results.h"
#include "adapters/jmeter/jtl_xml.h"
#include "core/errors.h"

namespace perfgate::jmeter {
namespace {

constexpr size_t kChunkBytes = 1u << 20;

bool looks_like_xml(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '<';
}

// Feeds bytes to the CSV or the XML reader, chosen on the first chunk, and aggregates.
class JtlStream {
 public:
  JtlStream(std::string source, const JtlReadOptions& options)
      : source_(std::move(source)), options_(options), aggregator_(source_, options.warmup_ms) {}

  void feed(std::string_view bytes) {
    if (!csv_ && !xml_) choose(bytes);
    if (csv_) csv_->feed(bytes);
    if (xml_) xml_->feed(bytes);
  }

  RunResult finish() {
    if (!csv_ && !xml_) choose({});
    if (csv_) csv_->finish();
    if (xml_) xml_->finish();
    if (aggregator_.counted_samples() == 0)
      throw InputError(source_, "", "holds no samples (JMeter wrote no results?)");
    return aggregator_.finish();
  }

 private:
  void choose(std::string_view head) {
    auto sink = [this](const JtlSample& sample, int64_t line) { aggregator_.add(sample, line); };
    if (looks_like_xml(head))
      xml_ = std::make_unique<JtlXmlReader>(source_, sink);
    else
      csv_ = std::make_unique<JtlCsvReader>(source_, options_, sink);
  }

  std::string source_;
  JtlReadOptions options_;
  JtlAggregator aggregator_;
  std::unique_ptr<JtlCsvReader> csv_;
  std::unique_ptr<JtlXmlReader> xml_;
};

}  // namespace

RunResult import_jtl_text(std::string_view text, const std::string& source,
                          const JtlReadOptions& options) {
  JtlStream stream(source, options);
  while (!text.empty()) {
    const size_t size = std::min(text.size(), kChunkBytes);
    stream.feed(text.substr(0, size));
    text.remove_prefix(size);
  }
  return stream.finish();
}

RunResult import_jtl_file(const std::filesystem::path& path, const JtlReadOptions& options) {
  const std::string source = path.string();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(source.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw InputError(source, "", std::string("cannot read: ") + std::strerror(errno));
  JtlStream stream(source, options);
  std::vector<char> chunk(kChunkBytes);
  while (true) {
    const size_t got = std::fread(chunk.data(), 1, chunk.size(), file.get());
    if (got > 0) stream.feed(std::string_view(chunk.data(), got));
    if (got < chunk.size()) break;
  }
  if (std::ferror(file.get())) throw InputError(source, "", "read error");
  return stream.finish();
}

}  // namespace perfgate::jmeter
