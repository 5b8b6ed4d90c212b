# The two fresh-machine commands: `make demo` and `make test`.
# Both install missing Debian packages first (ci/install-deps.sh), then build with CMake.

PRESET ?= default
BUILD_DIR := $(if $(filter default,$(PRESET)),build,build-$(PRESET))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps configure build test demo bench compare-wrk format clean

all: build

deps:
	./ci/install-deps.sh

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

demo: build
	./suites/demo.sh $(BUILD_DIR)/perfgate

# Microbenchmarks (Google Benchmark), on the release build.
bench:
	$(MAKE) build PRESET=release
	./build-release/tests/bench/perfgate_bench

# perfgate vs wrk against a local nginx (see README, "Generator speed").
compare-wrk:
	$(MAKE) build PRESET=release
	./tests/bench/compare_wrk.sh ./build-release

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-release build-asan-ubsan
