// suites/schema/suite.schema.json describes exactly the keys the loader accepts.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/suite/suite_keys.h"
#include "tests/support/test_support.h"

namespace {

nlohmann::json load_schema() {
  auto path = perfgate::testing::source_dir() / "suites" / "schema" / "suite.schema.json";
  return nlohmann::json::parse(perfgate::testing::read_file(path));
}

// Where each object of suite_keys lives in the schema.
const std::map<std::string, std::string> kSchemaPointerByObject = {
    {"suite", "/properties"},
    {"service", "/$defs/service/properties"},
    {"ready", "/$defs/ready/properties"},
    {"scenario", "/$defs/tool_scenario/properties"},
    {"native_scenario", "/$defs/native_scenario/properties"},
    {"stage", "/$defs/stage/properties"},
    {"request", "/$defs/request/properties"},
};

std::set<std::string> schema_keys(const nlohmann::json& schema, const std::string& pointer) {
  std::set<std::string> keys;
  for (const auto& [key, value] : schema.at(nlohmann::json::json_pointer(pointer)).items()) {
    keys.insert(key);
  }
  return keys;
}

}  // namespace

TEST_CASE("the JSON Schema lists exactly the keys the loader accepts", "[suite][schema]") {
  nlohmann::json schema = load_schema();
  CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  REQUIRE(kSchemaPointerByObject.size() == perfgate::suite_keys::all.size());
  for (const auto& key_set : perfgate::suite_keys::all) {
    std::string object(key_set.object);
    INFO("object: " << object);
    REQUIRE(kSchemaPointerByObject.count(object) == 1);
    std::set<std::string> loader_keys(key_set.keys.begin(), key_set.keys.end());
    CHECK(loader_keys.size() == key_set.keys.size());  // no key listed twice
    CHECK(schema_keys(schema, kSchemaPointerByObject.at(object)) == loader_keys);
  }
}

TEST_CASE("the schema closes every object the loader closes", "[suite][schema]") {
  nlohmann::json schema = load_schema();
  for (const auto& [object, pointer] : kSchemaPointerByObject) {
    INFO("object: " << object);
    std::string object_pointer =
        pointer.substr(0, pointer.size() - std::string("/properties").size());
    const auto& definition = schema.at(nlohmann::json::json_pointer(object_pointer));
    // Tool scenarios carry adapter-specific keys; every other object rejects unknown keys.
    bool open = object == "scenario";
    CHECK(definition.at("additionalProperties") == open);
  }
  // No other object in the schema declares properties, apart from the gate (see suite_keys::all).
  std::set<std::string> described;
  for (const auto& [name, definition] : schema.at("$defs").items()) {
    if (definition.contains("properties") && name != "scenario") described.insert(name);
  }
  CHECK(described == std::set<std::string>{"service", "ready", "gate", "tool_scenario",
                                           "native_scenario", "stage", "request"});
}

TEST_CASE("every property in the schema has a description or a described reference",
          "[suite][schema]") {
  nlohmann::json schema = load_schema();
  for (const auto& [object, pointer] : kSchemaPointerByObject) {
    for (const auto& [key, property] : schema.at(nlohmann::json::json_pointer(pointer)).items()) {
      INFO(object << "." << key);
      bool described = property.contains("description") || property.contains("const");
      if (!described && property.contains("$ref")) {
        std::string target = property.at("$ref").get<std::string>().substr(1);
        described = schema.at(nlohmann::json::json_pointer(target)).contains("description");
      }
      CHECK(described);
    }
  }
}
