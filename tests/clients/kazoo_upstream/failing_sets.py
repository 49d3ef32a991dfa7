#!/usr/bin/python3
"""Compares the failing sets of runs of kazoo's own test suite (pytest JUnit XML reports).

usage: failing_sets.py REFERENCE_XML CANDIDATE_XML [LABEL_REF LABEL_CAND]

Prints each side's counts and failing set (failed or errored tests, as file::class::name), then the tests that
fail only on the candidate and only on the reference. A test that never ran on one side (the run was cut short)
is listed as missing there. Exits 0: the suite is noisy on a loaded machine, the reader judges the sets.
"""
import sys
import xml.etree.ElementTree as ET


def outcomes(path):
    """{test id: 'passed' | 'failed' | 'skipped'} from a pytest --junitxml report."""
    result = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        # classname is test_x.Class (pytest --pyargs kazoo.tests, run from outside the package)
        module, _, cls = case.get("classname", "").rpartition(".")
        module = module.rpartition(".")[2] if module else cls
        test_id = f"{module}.py::{cls}::{case.get('name')}" if module != cls else f"{module}.py::{case.get('name')}"
        kinds = {child.tag for child in case}
        if kinds & {"failure", "error"}:
            result[test_id] = "failed"
        elif "skipped" in kinds:
            result[test_id] = "skipped"
        else:
            result[test_id] = "passed"
    return result


def summary(label, runs):
    counts = {k: sum(1 for v in runs.values() if v == k) for k in ("passed", "failed", "skipped")}
    print(f"{label}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
    for test in sorted(t for t, v in runs.items() if v == "failed"):
        print(f"  FAIL {test}")


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    ref_label, cand_label = (sys.argv[3], sys.argv[4]) if len(sys.argv) == 5 else ("reference", "candidate")
    ref, cand = outcomes(sys.argv[1]), outcomes(sys.argv[2])
    summary(ref_label, ref)
    summary(cand_label, cand)
    only_cand = sorted(t for t, v in cand.items() if v == "failed" and ref.get(t) != "failed")
    only_ref = sorted(t for t, v in ref.items() if v == "failed" and cand.get(t) != "failed")
    print(f"failing only on {cand_label}: {len(only_cand)}")
    for test in only_cand:
        print(f"  {test}" + ("" if test in ref else f" (did not run on {ref_label})"))
    print(f"failing only on {ref_label}: {len(only_ref)}")
    for test in only_ref:
        print(f"  {test}" + ("" if test in cand else f" (did not run on {cand_label})"))


if __name__ == "__main__":
    main()
