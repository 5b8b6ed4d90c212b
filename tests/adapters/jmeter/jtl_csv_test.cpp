// JTL reading rules on small hand-written files: header-driven columns in any order, quoting,
// CRLF, headerless files, sub-result rows, transaction rows, batched samples, chunk boundaries,
// timelines, warm-up, date-time timestamps.
#include <catch2/catch.hpp>

#include <string>

#include "adapters/jmeter/jtl_csv.h"
#include "adapters/jmeter/jtl_import.h"
#include "core/errors.h"

using namespace perfgate;
using perfgate::jmeter::import_jtl_text;

namespace {

double value_of(const RunResult& run, const std::string& name, const Tags& tags = {}) {
  const Metric* found = run.find(name, tags);
  INFO(name);
  REQUIRE(found);
  REQUIRE(found->value);
  return *found->value;
}

const std::string kHeader =
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,success,bytes,Latency\n";

}  // namespace

TEST_CASE("jtl csv: columns are found by header name, in any order", "[jmeter]") {
  RunResult run = import_jtl_text(
      "success,Latency,label,elapsed,timeStamp\n"
      "true,3,a,10,1000\n"
      "false,4,a,30,1010\n"
      "true,5,b,20,1020\n",
      "reordered.jtl");
  CHECK(value_of(run, "requests", {{"request", "a"}}) == 2);
  CHECK(value_of(run, "errors", {{"request", "a"}}) == 1);
  CHECK(run.find("latency", {{"request", "a"}})->histogram->max() == 30'000'000);
  CHECK(run.find("ttfb", {{"request", "b"}})->histogram->max() == 5'000'000);
}

TEST_CASE("jtl csv: quoted fields with delimiters, doubled quotes, line breaks and CRLF",
          "[jmeter]") {
  RunResult run =
      import_jtl_text(kHeader + "1000,5,\"a,b\",200,\"say \"\"hi\"\"\",T 1-1,true,10,1\r\n" +
                          "1001,7,plain,200,\"two\nlines\",T 1-1,false,10,1\r\n" +
                          "1002,9,plain,200,OK,T 1-1,true,10,1",
                      "quoted.jtl");
  CHECK(value_of(run, "requests", {{"request", "a,b"}}) == 1);
  CHECK(value_of(run, "requests", {{"request", "plain"}}) == 2);
  CHECK(value_of(run, "errors") == 1);
}

TEST_CASE("jtl csv: sub-result rows after their parent are not counted", "[jmeter]") {
  RunResult run = import_jtl_text(
      kHeader + "1000,50,page,200,OK,T 1-1,true,300,5\n" +  // parent: 1000..1050
          "1000,20,page-0,302,Found,T 1-1,true,100,5\n" +
          "1020,30,page-1,200,OK,T 1-1,true,200,5\n" +
          "1060,10,page-1,200,OK,T 1-2,true,200,5\n" +  // another thread: a sampler of its own
          "1100,10,step,200,OK,T 1-1,true,1,1\n",
      "subresults.jtl");
  CHECK(value_of(run, "requests", {{"request", "page"}}) == 1);
  CHECK(value_of(run, "requests", {{"request", "page-1"}}) == 1);
  CHECK(!run.find("requests", {{"request", "page-0"}}));
  CHECK(value_of(run, "requests") == 3);
  CHECK(value_of(run, "bytes_received") == 501);
}

TEST_CASE("jtl csv: transaction controller rows are kept apart from requests", "[jmeter]") {
  RunResult run = import_jtl_text(
      kHeader + "1000,10,get,200,OK,T 1-1,true,10,1\n" +
          "1010,20,put,500,Error,T 1-1,false,10,1\n" +
          "1000,30,checkout,,\"Number of samples in transaction : 2, number of failing samples : "
          "1\",T 1-1,false,20,0\n",
      "tc.jtl");
  CHECK(value_of(run, "requests") == 2);
  CHECK(value_of(run, "errors") == 1);
  CHECK(value_of(run, "requests", {{"transaction", "checkout"}}) == 1);
  CHECK(value_of(run, "errors", {{"transaction", "checkout"}}) == 1);
  CHECK(value_of(run, "errors", {{"kind", "http_5xx"}}) == 1);
  CHECK(value_of(run, "bytes_received") == 20);
}

TEST_CASE("jtl csv: a headerless file is read with JMeter 2.13's default columns", "[jmeter]") {
  // timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,
  // grpThreads,allThreads,Latency; the transaction row's quoted message holds a comma.
  RunResult run = import_jtl_text(
      "1431534938725,264,items,200,OK,Thread Group 1-1,text,true,1140,1,1,200\n"
      "1431534938734,998,TC,200,\"Number of samples in transaction : 1, number of failing "
      "samples : 1\",Thread Group 1-1,,false,1140,1,1,0\n"
      "1431534939000,100,items,500,Error,Thread Group 1-1,text,false,1140,1,1,90\n",
      "headerless.jtl");
  CHECK(value_of(run, "requests", {{"request", "items"}}) == 2);
  CHECK(value_of(run, "errors") == 1);
  CHECK(value_of(run, "requests", {{"transaction", "TC"}}) == 1);
  CHECK(run.find("ttfb", {{"request", "items"}})->histogram->max() == 200'000'000);
}

TEST_CASE("jtl csv: batched samples count SampleCount requests and ErrorCount failures",
          "[jmeter]") {
  RunResult run = import_jtl_text(
      "timeStamp,elapsed,label,success,SampleCount,ErrorCount\n"
      "1000,10,batch,false,5,2\n"
      "1000,10,one,true,1,0\n",
      "batched.jtl");
  CHECK(value_of(run, "requests", {{"request", "batch"}}) == 5);
  CHECK(value_of(run, "errors", {{"request", "batch"}}) == 2);
  CHECK(value_of(run, "requests") == 6);
}

TEST_CASE("jtl csv: records split across chunks read the same", "[jmeter]") {
  std::string text = kHeader;
  for (int i = 0; i < 500; ++i)
    text += std::to_string(1000 + i) + "," + std::to_string(i % 17) + ",\"lab,el\"," +
            (i % 5 ? "200" : "503") + ",\"m \"\"x\"\"\",T 1-1," + (i % 5 ? "true" : "false") +
            ",10,1\n";
  RunResult whole = import_jtl_text(text, "whole.jtl");
  for (size_t chunk : {1, 2, 3, 7, 64}) {
    INFO(chunk);
    int64_t samples = 0, failed = 0;
    jmeter::JtlCsvReader reader("chunks.jtl", {}, [&](const jmeter::JtlSample& sample, int64_t) {
      ++samples;
      failed += sample.success ? 0 : 1;
      CHECK(sample.label == "lab,el");
    });
    for (size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
    reader.finish();
    CHECK(samples == 500);
    CHECK(failed == 100);
  }
  CHECK(value_of(whole, "requests") == 500);
  CHECK(value_of(whole, "errors") == 100);
}

TEST_CASE("jtl csv: throughput over the span, timeline of whole seconds", "[jmeter]") {
  // Samples end at 10.5 s, 11.2 s, 11.9 s, 12.4 s, 13.1 s; span 10.0 s .. 13.1 s.
  RunResult run = import_jtl_text(
      "timeStamp,elapsed,label,success\n"
      "10000,500,a,true\n11000,200,a,true\n11500,400,a,true\n12000,400,a,true\n13000,100,a,true\n",
      "timeline.jtl");
  CHECK(run.duration_s == Approx(3.1));
  const Metric& throughput = *run.find("throughput");
  CHECK(*throughput.value == Approx(5 / 3.1));
  CHECK(throughput.timeline == std::vector<double>{1, 2, 1});  // seconds 10, 11, 12
  CHECK(run.started_at == "1970-01-01T00:00:10Z");
}

TEST_CASE("jtl csv: the warm-up drops samples that start within it", "[jmeter]") {
  RunResult run = import_jtl_text(
      "timeStamp,elapsed,label,success\n"
      "10000,5,a,false\n10900,5,a,true\n11000,5,a,true\n12000,5,a,true\n",
      "warmup.jtl", {.warmup_ms = 1000});
  CHECK(value_of(run, "requests") == 2);
  CHECK(value_of(run, "errors") == 0);
}

TEST_CASE("jtl csv: date-time timestamps are read", "[jmeter]") {
  RunResult run = import_jtl_text(
      "timeStamp,elapsed,label,success\n"
      "2024/01/02 03:04:05.100,100,a,true\n2024/01/02 03:04:07.000,100,a,true\n",
      "dates.jtl");
  CHECK(run.started_at == "2024-01-02T03:04:05Z");
  CHECK(run.duration_s == Approx(2.0));
}
