// Runs a libFuzzer target without libFuzzer, so every `make test` exercises each parser:
// first every seed in the corpus folder, then seeded random mutations of them for a time
// budget. Real coverage-guided fuzzing: configure with -DPERFGATE_BUILD_FUZZERS=ON and clang
// (see CONTRIBUTING.md, "Fuzzing").
//
// usage: <fuzz-target> CORPUS_DIR [SECONDS]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

std::vector<Bytes> read_corpus(const std::filesystem::path& dir) {
  std::vector<Bytes> seeds;
  if (std::filesystem::is_directory(dir))
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  if (seeds.empty()) seeds.push_back({});
  return seeds;
}

// One random edit: flip a bit, insert, delete, duplicate a slice, or splice another seed.
void mutate(Bytes& input, const std::vector<Bytes>& seeds, std::mt19937_64& random) {
  auto pick = [&](size_t bound) { return bound ? random() % bound : 0; };
  switch (random() % 6) {
    case 0:
      if (!input.empty()) input[pick(input.size())] ^= static_cast<uint8_t>(1u << pick(8));
      break;
    case 1:
      input.insert(input.begin() + pick(input.size() + 1), static_cast<uint8_t>(random()));
      break;
    case 2:
      if (!input.empty()) input.erase(input.begin() + pick(input.size()));
      break;
    case 3: {
      if (input.empty()) break;
      size_t from = pick(input.size()),
             length = pick(std::min<size_t>(64, input.size() - from) + 1);
      Bytes slice(input.begin() + from, input.begin() + from + length);
      input.insert(input.begin() + pick(input.size() + 1), slice.begin(), slice.end());
      break;
    }
    case 4: {
      const Bytes& other = seeds[pick(seeds.size())];
      input.resize(pick(input.size() + 1));
      input.insert(input.end(), other.begin() + pick(other.size() + 1), other.end());
      break;
    }
    default:
      if (!input.empty()) input[pick(input.size())] = "{}[]:,\"'-\n 0%/\\"[pick(16)];
  }
  if (input.size() > 65536) input.resize(65536);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS]\n", argv[0]);
    return 2;
  }
  double budget_s = argc > 2 ? std::atof(argv[2]) : 5.0;
  std::vector<Bytes> seeds = read_corpus(argv[1]);
  for (const Bytes& seed : seeds) LLVMFuzzerTestOneInput(seed.data(), seed.size());

  std::mt19937_64 random(20261127);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(budget_s);
  uint64_t executions = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    Bytes input = seeds[random() % seeds.size()];
    for (int edits = 1 + static_cast<int>(random() % 8); edits > 0; --edits)
      mutate(input, seeds, random);
    LLVMFuzzerTestOneInput(input.data(), input.size());
    ++executions;
  }
  std::printf("%zu seeds, %llu mutated inputs, no crash\n", seeds.size(),
              static_cast<unsigned long long>(executions));
  return 0;
}
