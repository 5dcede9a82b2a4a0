"""The boot-time gate (make boot-regress) on real boots: under -icount the
same kernel gives the same times, so the gate passes on a second boot and
fails on a delay injected in a test initcall (test_initcall_delay_us=,
tests/kernel/initcall_delay.c) once it passes both thresholds."""
import os
import subprocess

import initk

BOOTREPORT = os.path.join(initk.ROOT, "scripts", "bootreport")
ARGS = "console=ttyS0,115200 initcall_debug loglevel=8"
# make boot-regress's thresholds (Makefile BOOT_GATE_US, BOOT_GATE_PCT)
GATE = ["--fail-above", "10", "--fail-above-us", "50"]


def log(tmp_path, name, append):
    b = initk.boot(append=append)
    path = tmp_path / name
    path.write_text(b.raw)
    return str(path)


def gate(before, after):
    r = subprocess.run([BOOTREPORT, "--diff", before, after, *GATE], capture_output=True, text=True)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def test_gate_passes_on_the_same_kernel_twice(tmp_path):
    first, second = log(tmp_path, "a.log", ARGS), log(tmp_path, "b.log", ARGS)
    r = gate(first, second)
    assert r.returncode == 0, r.stdout
    # deterministic: every initcall took the same time
    assert "per initcall, largest growth first (usecs):\n     delta        %    before     after  function\n  (" \
        in r.stdout, r.stdout


def test_gate_fails_on_an_injected_delay(tmp_path):
    base = log(tmp_path, "base.log", ARGS)
    slow = log(tmp_path, "slow.log", ARGS + " test_initcall_delay_us=2000")
    r = gate(base, slow)
    assert r.returncode == 1, r.stdout
    last = r.stdout.splitlines()[-1]
    assert last.startswith("gate (growth > 50 us and > 10.0%): FAIL: test_initcall_delay (+2"), last
    assert "the total (+2" in last
    first_row = r.stdout.split("largest growth first (usecs):\n", 1)[1].splitlines()[1]
    assert "test_initcall_delay" in first_row and "over the threshold" in first_row


def test_gate_lets_a_small_delay_pass(tmp_path):
    """20 us: over 10% of the initcall, under the 50 us floor."""
    base = log(tmp_path, "base.log", ARGS)
    slow = log(tmp_path, "slow.log", ARGS + " test_initcall_delay_us=20")
    r = gate(base, slow)
    assert r.returncode == 0, r.stdout
    assert "test_initcall_delay" in r.stdout  # reported, not failed


def test_make_boot_regress_fails_and_prints_the_diff(tmp_path):
    """make boot-regress against a baseline where the slowest initcall took a
    tenth of its time: the current (identical, icount) boot is then 90% of it
    slower there."""
    import re
    with open(os.path.join(initk.ROOT, "tests", "bootreport", "baseline", "initk-default.log")) as f:
        text = f.read()
    calls = re.findall(r"initcall (\w+)\+\S+ returned 0 after (\d+) usecs", text)
    name, usecs = max(calls, key=lambda c: int(c[1]))
    usecs = int(usecs)
    # the gate's absolute floor, given: the boot is fast enough now (its
    # slowest initcall ~50 us) that the default 50 us would not be passed
    floor = 10
    assert usecs - usecs // 10 > floor
    text, n = re.subn(rf"(initcall {name}\+\S+ returned 0 after ){usecs}\b",
                      lambda m: f"{m[1]}{usecs // 10}", text)
    assert n == 1
    baseline = tmp_path / "baseline.log"
    baseline.write_text(text)
    r = subprocess.run(["make", "-C", initk.ROOT, "--no-print-directory", f"O={initk.BUILD}",
                        "boot-regress", f"BOOT_BASELINE={baseline}", f"BOOT_GATE_US={floor}"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0, r.stdout + r.stderr
    assert f"FAIL: {name} (+{usecs - usecs // 10} us)" in r.stdout, r.stdout
    assert "renew the baseline: make boot-baseline" in r.stderr
