"""bench/nist_duc2006.py's comparison catches a wrong digit (its run on tiny input: tests/test_bench_smoke.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench():
    spec = importlib.util.spec_from_file_location("nist_duc2006", ROOT / "bench" / "nist_duc2006.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compare_flags_any_value_off_in_the_fifth_decimal():
    stat = {"mean": 0.1326, "ci_low": 0.12, "ci_high": 0.14}
    result = {"ranking": [{"system": "C", "aggregate": {f"rouge2_{x}": stat for x in "rpf"}}]}
    official = {"system_averages": {"C": {**{f"rouge2_{x}": 0.1326 for x in "rpf"},
                                          **{f"rouge2_{x}_ci": [0.12, 0.14] for x in "rpf"}}}}
    bad, counts = bench().compare(result, official, ["rouge2"])
    assert not bad and counts == {"rouge2": {"checked": 9, "equal": 9}}
    official["system_averages"]["C"]["rouge2_p_ci"] = [0.12001, 0.14]
    bad, _ = bench().compare(result, official, ["rouge2"])
    assert bad == ["C rouge2_p CI low: ours 0.12000, NIST 0.12001"]
