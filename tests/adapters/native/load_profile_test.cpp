#include <catch2/catch.hpp>

#include <cmath>

#include "adapters/native/load_profile.h"
#include "adapters/native/load_shape.h"
#include "core/errors.h"
#include "tests/adapters/native/test_loads.h"

using namespace perfgate;
using namespace perfgate::native;
using std::chrono::seconds;

namespace {

// Arrivals n = 0, 1, ... are due when the area reaches n + 0.5; counts those before `until_ns`.
uint64_t arrivals_before(const LoadProfile& profile, uint64_t until_ns) {
  uint64_t count = 0;
  for (;;) {
    const auto due = profile.time_of_area(static_cast<double>(count) + 0.5);
    if (!due || *due >= until_ns) return count;
    ++count;
  }
}

}  // namespace

TEST_CASE("a constant profile spaces arrivals evenly") {
  const LoadProfile profile = LoadProfile::constant(500, 2'000'000'000);
  CHECK(profile.length_ns() == 2'000'000'000);
  CHECK(profile.level_at(1'500'000'000) == 500);
  CHECK(*profile.time_of_area(0.5) == 1'000'000);
  CHECK(*profile.time_of_area(10.5) == 21'000'000);
  CHECK(arrivals_before(profile, profile.length_ns()) == 1000);
  CHECK_FALSE(profile.time_of_area(1000.5).has_value());
}

TEST_CASE("stages ramp linearly from the previous level, then hold") {
  const LoadProfile profile =
      LoadProfile::staged({Stage{seconds(2), 100}, Stage{seconds(1), 100}, Stage{seconds(1), 0}});
  CHECK(profile.length_ns() == 4'000'000'000);
  CHECK(profile.peak_level() == 100);
  CHECK(profile.level_at(0) == 0);
  CHECK(profile.level_at(1'000'000'000) == Approx(50));
  CHECK(profile.level_at(2'500'000'000) == Approx(100));
  CHECK(profile.level_at(3'500'000'000) == Approx(50));
  // Areas: ramp 100, hold 100, ramp down 50.
  CHECK(arrivals_before(profile, 2'000'000'000) == 100);
  CHECK(arrivals_before(profile, 3'000'000'000) == 200);
  CHECK(arrivals_before(profile, profile.length_ns()) == 250);
  CHECK(profile.area_until(1'000'000'000) == Approx(25));
  CHECK(profile.area_until(2'500'000'000) == Approx(150));
  CHECK(profile.area_until(9'000'000'000) == Approx(250));
  // On the ramp, area(t) = 25 t^2: the area 25 is reached at t = 1 s.
  CHECK(static_cast<double>(*profile.time_of_area(25)) == Approx(1e9).epsilon(1e-9));
}

TEST_CASE("the load is spread over workers by striding") {
  NativeLoad load = testing::load_for(80, seconds(1));
  load.threads = 3;
  load.connections = 8;
  load.max_requests = 10;
  const LoadShape shape = shape_load(load);
  CHECK(shape.connections_per_worker == std::vector<size_t>{3, 3, 2});
  CHECK(shape.budget_per_worker == std::vector<uint64_t>{4, 3, 3});

  load.threads = 4;
  load.connections = 2;  // never more workers than connections
  CHECK(shape_load(load).connections_per_worker.size() == 2);

  load.stages = {Stage{seconds(1), 5.5}};  // closed model: stages decide the connections
  CHECK(shape_load(load).connections_per_worker == std::vector<size_t>{2, 2, 1, 1});
}

TEST_CASE("loads that cannot run are refused with the field named") {
  NativeLoad load = testing::load_for(80, seconds(1));
  load.model = LoadModel::open;
  load.rate_per_s = 0;
  CHECK_THROWS_WITH(shape_load(load), Catch::Contains("rate"));
  load.model = LoadModel::closed;
  load.duration = seconds(0);
  CHECK_THROWS_WITH(shape_load(load), Catch::Contains("duration"));
  load.duration = seconds(1);
  load.threads = 0;
  CHECK_THROWS_AS(shape_load(load), InputError);
}
