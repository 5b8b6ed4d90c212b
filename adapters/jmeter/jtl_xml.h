// Streaming reader of JMeter's XML JTL (save/converters/SampleResultConverter.java), through
// expat: `<testResults>` holds one element per sample (`<httpSample>`, `<sample>` or a plugin's
// element: any element with an `lb` attribute), with attributes t (elapsed ms), lt (latency),
// ct (connect), ts (start, epoch ms), s (success), lb (label), rc (code; `rs` in old files),
// by / sby (bytes received / sent), sc / ec (sample / error count), tn (thread).
//
// Nesting: the children of a transaction controller's sample (responseMessage "Number of
// samples in transaction ...", "generate parent sample" mode) are its requests; the children
// of any other sample (redirects, embedded resources) are sub-results, never counted. Response
// data, headers and assertion elements are skipped without being held.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/jmeter/jtl_sample.h"

namespace perfgate::jmeter {

class JtlXmlReader {
 public:
  using Sink = std::function<void(const JtlSample&, int64_t line)>;

  JtlXmlReader(std::string source, Sink sink);
  ~JtlXmlReader();

  // Both throw InputError(source, "line L, column C", what is wrong) for malformed or
  // truncated XML, another root element than testResults, or a sample without lb or s.
  void feed(std::string_view bytes);
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace perfgate::jmeter
