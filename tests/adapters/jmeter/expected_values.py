#!/usr/bin/env python3
"""Prints the values jtl_fixture_test.cpp expects of each JMeter fixture, computed here with
Python's csv and xml modules, independently of perfgate's readers: per label the request count,
failures and the nearest-rank p50 of elapsed (ms); transaction controller samples apart; CSV
sub-result rows (`<parent>-<n>` right after their parent) and XML children of non-transaction
samples are not counted. Run: python3 expected_values.py tests/fixtures/jmeter"""
import collections, csv, math, os, re, sys
import xml.etree.ElementTree as ET

TC = "Number of samples in transaction"
BUG52968_COLUMNS = ["label", "responseCode", "responseMessage", "threadName", "dataType",
                    "success", "grpThreads", "allThreads", "SampleCount", "ErrorCount"]


def nearest_rank(values, p):
    values = sorted(values)
    return values[max(1, math.ceil(p / 100 * len(values))) - 1] if values else None


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        first = f.readline()
        f.seek(0)
        delimiter = "\t" if "\t" in first else ","
        if "label" in first.split(delimiter):
            return list(csv.DictReader(f, delimiter=delimiter))
        return [dict(zip(BUG52968_COLUMNS, row)) for row in csv.reader(f)]


def from_csv(path):
    samples, parent = [], None
    for row in csv_rows(path):
        label = row["label"]
        if parent and re.fullmatch(re.escape(parent) + r"-\d+", label):
            continue
        parent = label
        tc = row.get("responseMessage", "").startswith(TC)
        samples.append((label, tc, row["success"] == "true",
                        int(row["elapsed"]) if row.get("elapsed") else None))
    return samples


def from_xml(path):
    samples = []

    def visit(element, counted):
        if "lb" not in element.attrib:
            return
        tc = element.get("rm", "").startswith(TC)
        if counted:
            samples.append((element.get("lb"), tc, element.get("s") == "true",
                            int(element.get("t")) if element.get("t") else None))
        for child in element:
            visit(child, counted and tc)

    for element in ET.parse(path).getroot():
        visit(element, True)
    return samples


for name in sorted(os.listdir(sys.argv[1])):
    path = os.path.join(sys.argv[1], name)
    xml = open(path, "rb").read(64).lstrip().startswith(b"<")
    samples = from_xml(path) if xml else from_csv(path)
    by_label = collections.defaultdict(list)
    for label, tc, ok, elapsed in samples:
        by_label[(tc, label)].append((ok, elapsed))
    requests = sum(len(v) for (tc, _), v in by_label.items() if not tc)
    errors = sum(not ok for (tc, _), v in by_label.items() if not tc for ok, _ in v)
    print(f"{name}: requests={requests} errors={errors} labels={len(by_label)}")
    for (tc, label), values in sorted(by_label.items()):
        times = [e for _, e in values if e is not None]
        print(f"  {'transaction' if tc else 'request'} {label!r}: n={len(values)} "
              f"errors={sum(not ok for ok, _ in values)} p50_ms={nearest_rank(times, 50)} "
              f"p90_ms={nearest_rank(times, 90)}")
