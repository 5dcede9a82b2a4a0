"""The instruction profile (scripts/profile.py, `make profile`) on a real
boot of the test kernel: QEMU's exec and in_asm logs under icount, every
executed instruction given to its function and to the initcall running.

test_fault=udelay makes test_fault_device busy-wait 1 ms: at shift=0 that is
1,000,000 instructions of CPU 0 (maxcpus=1: no other CPU runs, and virtual
time only moves with instructions while one runs). One boot, about ten
seconds on an idle machine (QEMU logs every TB it runs)."""
import importlib.util
import os
import re
import sys

import pytest

from initk import ROOT, TEST_DTB, kernel_path


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts", file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sys.modules["qemu_console"] = load("qemu_console", "qemu_console.py")  # profile.py imports it
profile = load("initk_profile", "profile.py")  # not the standard library's profile
initcall_log = load("initcall_log", "initcall_log.py")

APPEND = "console=ttyS0,115200 initcall_debug loglevel=8 maxcpus=1 test_fault=udelay"


@pytest.fixture(scope="module")
def profiled():
    return profile.profile(kernel_path("test", "bin"), kernel_path("test", "elf"), TEST_DTB, APPEND,
                           window="test_fault_device", top=1000)


def test_every_initcall_the_boot_ran_is_listed(profiled):
    result, serial, _ = profiled
    ran = [c["name"] for c in initcall_log.parse(serial)]
    assert [name for name, _ in result["initcalls"]] == ran
    done = int(re.search(r"initk: boot complete: (\d+) initcalls", serial)[1])
    assert len(ran) == done


def test_every_initcall_costs_instructions(profiled):
    result, _, _ = profiled
    assert all(n > 0 for _, n in result["initcalls"]), result["initcalls"]


def test_the_counts_add_up(profiled):
    result, _, _ = profiled
    assert sum(result["functions"].values()) == result["total"] == sum(result["cpus"].values())
    assert sum(n for _, n in result["initcalls"]) + result["outside"] == result["cpus"][0]
    assert list(result["cpus"]) == [0]  # maxcpus=1
    assert all(n > 0 for n in result["functions"].values())
    # entry to next entry holds the initcall itself, and the windows tile CPU 0's count
    assert all(nxt > n for (_, n), nxt in zip(result["initcalls"], result["to_next"]))
    assert sum(result["to_next"]) < result["cpus"][0]


def test_the_total_is_the_virtual_time(profiled):
    """Reset to initcall_summary(): the instructions counted are the virtual
    time at shift=0 (the counter's value when "boot complete" is printed,
    a little later), to 1 %."""
    result, serial, _ = profiled
    freq = int(re.search(r"generic counter at (\d+) Hz", serial)[1])
    entry = int(re.search(r"entered at count (\d+)", serial)[1])
    m = re.search(r"\[\s*(\d+)\.(\d{6})\] initk: boot complete", serial)
    virtual_ns = entry * 10**9 // freq + (int(m[1]) * 10**6 + int(m[2])) * 1000
    assert 0.99 * virtual_ns <= result["total"] <= virtual_ns + 1000


def test_a_known_busy_wait_shows(profiled):
    """udelay(1000) in test_fault_device: at least the 1,000,000 instructions
    of the wait (less the counter's 16 ns tick), and little more."""
    result, serial, _ = profiled
    calls = dict(result["initcalls"])
    assert 1_000_000 - 16 <= calls["test_fault_device"] <= 1_020_000
    assert calls["test_fault_next"] < 10_000
    # most of it udelay's own loop (it reads the counter through a helper)
    assert result["functions"]["udelay"] >= 990_000
    # the profile's tables: the initcall and udelay are named, the total balances
    initcalls, functions = profile.tables(result, 10)
    assert re.search(r"^\s+\d+\s+1\d{6}\s+[\d.]+\s+\d+\s+test_fault_device$", initcalls, re.M)
    assert re.search(r"\budelay$", functions, re.M)
    assert f"{result['total']:12d}" in functions.splitlines()[-1]


def test_a_window_is_broken_down_by_function(profiled):
    """--window test_fault_device: its instructions to the next initcall's
    first, by function, add up to that initcall's "to next" figure; udelay's
    loop is in it, entered once; the window holds its `returned` line and the
    next `calling` line: two log records stored."""
    result, _, window = profiled
    k = [name for name, _ in result["initcalls"]].index("test_fault_device")
    head = window.splitlines()[0]
    assert head == (f"# CPU 0 from test_fault_device's first instruction to "
                    f"{result['initcalls'][k + 1][0]}'s: {result['to_next'][k]} instructions")
    rows = {m[3]: (int(m[1]), int(m[2])) for m in
            re.finditer(r"^\s+\d+\s+(\d+)\s+[\d.]+\s+(\d+)\s+(\S+)$", window, re.M)}
    assert sum(n for n, _ in rows.values()) == result["to_next"][k]
    assert rows["udelay"][0] >= 990_000 and rows["udelay"][1] == 1
    assert rows["store_line"][1] == 2
    assert rows["test_fault_device"][1] == 1
