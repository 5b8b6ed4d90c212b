# The two fresh-machine commands: `make demo` and `make test`.
# Both install missing Debian packages first (ci/install-deps.sh, with the profile each needs),
# then build with CMake: `demo` only the perfgate binary, `test` everything.

PRESET ?= default
BUILD_DIR := $(if $(filter default,$(PRESET)),build,build-$(PRESET))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps configure build lint test demo package bench compare-wrk format clean

all: build

DEPS_PROFILE ?= test

deps:
	./ci/install-deps.sh $(DEPS_PROFILE)

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

# clang-format and the include directions (ci/lint.sh); `make test` runs it first.
lint: deps
	./ci/lint.sh

test: lint build
	ctest --preset $(PRESET) -j $(JOBS)

# The demo needs the perfgate binary only, not the 300-odd test objects.
demo:
	$(MAKE) configure DEPS_PROFILE=demo
	cmake --build --preset $(PRESET) -j $(JOBS) --target perfgate
	./suites/demo.sh $(BUILD_DIR)/perfgate

# The Debian package: build-package/perfgate_<version>_amd64.deb (docs/install.md).
package:
	./ci/install-deps.sh build
	cmake --preset package
	cmake --build --preset package -j $(JOBS)

# Microbenchmarks (Google Benchmark), on the release build.
bench:
	$(MAKE) build PRESET=release
	./build-release/tests/bench/perfgate_bench

# perfgate vs wrk against a local nginx (see docs/performance.md, "Generator speed").
compare-wrk:
	$(MAKE) build PRESET=release
	./tests/bench/compare_wrk.sh ./build-release

format:
	git ls-files '*.cpp' '*.h' | xargs $$(command -v clang-format-14 || echo clang-format) -i

clean:
	rm -rf build build-release build-asan-ubsan build-package
