"""Initcall levels, initcall_debug lines and the checks around each call."""
import re

import pytest

from initk import boot, elf_symbols

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"

# The test kernel's tests/kernel/initcall_order.c, in the order Linux runs levels:
# rootfs after fs_sync, each _sync right after its level, module_init = device.
LEVEL_ORDER = [
    "test_console", "test_early", "test_pure", "test_core", "test_core_sync",
    "test_postcore", "test_postcore_sync", "test_arch", "test_arch_sync", "test_subsys",
    "test_subsys_sync", "test_fs", "test_fs_sync", "test_rootfs", "test_device",
    "test_module_init", "test_device_sync", "test_late", "test_late_sync",
]


@pytest.fixture(scope="module")
def debug_boot():
    return boot(append=DEBUG)


def test_levels_run_in_linux_order(debug_boot):
    names = [c[0] for c in debug_boot.calls()]
    seen = [n for n in names if n in LEVEL_ORDER]
    assert seen == LEVEL_ORDER
    # every one of them returned 0: each checks that its predecessor ran
    for name, _, _, ret, _ in debug_boot.returns():
        if name in LEVEL_ORDER:
            assert ret == 0, name


def test_real_initcalls_sit_in_their_levels(debug_boot):
    names = [c[0] for c in debug_boot.calls()]
    assert names.index("univ8250_console_init") < names.index("test_console")
    assert names.index("test_early") < names.index("test_pure") < names.index("vfp_init")
    assert names.index("vfp_init") < names.index("test_core")


def test_every_calling_has_its_returned_right_after(debug_boot):
    lines = debug_boot.lines
    calls = [i for i, line in enumerate(lines) if line.startswith("calling  ")]
    assert len(calls) >= len(LEVEL_ORDER)
    returns = debug_boot.returns()
    assert len(returns) == len(calls)
    ret_iter = iter(returns)
    for i in calls:
        name = lines[i].split()[1].split("+")[0]
        assert next(ret_iter)[0] == name
        # nothing but the call's own output between the two lines: no other 'calling'
        j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("initcall "))
        assert not any(lines[k].startswith("calling  ") for k in range(i + 1, j))


def test_pids_console_0_then_1(debug_boot):
    pids = {name: pid for name, _, _, pid in debug_boot.calls()}
    assert pids["univ8250_console_init"] == 0
    assert pids["test_console"] == 0
    for name in ["psci_dt_init", "test_early", "test_pure", "vfp_init", "test_late_sync"]:
        assert pids[name] == 1, name


def test_symbols_match_the_elf(debug_boot):
    syms = elf_symbols()
    calls = debug_boot.calls()
    assert calls
    for name, offset, size, _ in calls:
        assert offset == 0
        assert name in syms, name
        assert size == syms[name][1], (name, size, syms[name])
    for name, offset, size, _, _ in debug_boot.returns():
        assert (offset, size) == (0, syms[name][1])


def test_line_format_is_linux_exactly(debug_boot):
    raw = debug_boot.raw
    # two spaces after "calling", "@ pid", CRLF line ends, 5.6 timestamp
    assert re.search(r"\r\n\[    0\.\d{6}\] calling  univ8250_console_init\+0x0/0x[0-9a-f]+ @ 0\r\n", raw)
    assert re.search(r"\r\n\[    0\.\d{6}\] initcall vfp_init\+0x0/0x[0-9a-f]+ returned 0 after \d+ usecs\r\n", raw)
    assert "\n" not in raw.replace("\r\n", "")


def test_timestamps_never_go_backwards(debug_boot):
    stamps = [s for s in debug_boot.stamps if s is not None]
    assert len(stamps) > 50
    assert stamps == sorted(stamps)


def test_failing_initcall_is_reported_and_boot_goes_on(debug_boot):
    rets = {r[0]: r[3] for r in debug_boot.returns()}
    assert rets["test_initcall_fails"] == -19
    assert rets["psci_dt_init"] in (0, -19)
    names = [c[0] for c in debug_boot.calls()]
    assert names.index("test_initcall_fails") < names.index("test_late_sync")
    assert debug_boot.lines[-1].startswith("initk: boot complete: ")


def test_disabled_interrupts_are_warned_and_restored(debug_boot):
    i = debug_boot.index(re.compile(r"^initcall test_initcall_irqs_off\+0x0/0x[0-9a-f]+ returned 0 after"))
    assert debug_boot.lines[i + 1] == "------------[ cut here ]------------"
    assert re.fullmatch(r"initcall test_initcall_irqs_off\+0x0/0x[0-9a-f]+ returned with disabled interrupts ",
                        debug_boot.lines[i + 2])
    rets = {r[0]: r[3] for r in debug_boot.returns()}
    assert rets["test_initcall_irqs_restored"] == 0
    # only that one initcall is warned about
    assert sum("returned with disabled interrupts" in line for line in debug_boot.lines) == 1


def test_summary_and_freeing_initmem(debug_boot):
    free = debug_boot.index(re.compile(r"^Freeing unused kernel image \(initmem\) memory: \d+K$"))
    last_return = max(i for i, l in enumerate(debug_boot.lines) if l.startswith("initcall "))
    assert free > last_return
    syms = elf_symbols()
    size_k = (syms["__init_end"][0] - syms["__init_begin"][0]) // 1024 if "__init_end" in syms else None
    m = re.search(r"memory: (\d+)K", debug_boot.lines[free])
    if size_k is not None:
        assert int(m[1]) == size_k
    total = len(debug_boot.calls())
    failed = sum(1 for r in debug_boot.returns() if r[3] != 0)
    assert failed >= 1
    assert debug_boot.lines[-1] == f"initk: boot complete: {total} initcalls, {failed} failed (0 faulted, 0 hung), 0 blacklisted"


def test_no_initcall_debug_no_lines():
    b = boot(append="console=ttyS0,115200 loglevel=8")
    assert not b.calls() and not b.returns()
    assert b.has(re.compile("^VFP support"))


def test_initcall_debug_needs_loglevel_8_like_linux():
    b = boot(append="console=ttyS0,115200 initcall_debug")
    assert not b.calls()
    b = boot(append="console=ttyS0,115200 initcall_debug ignore_loglevel")
    assert b.calls()


def test_blacklist_skips_exactly_the_named_calls():
    b = boot(append=DEBUG + " initcall_blacklist=test_blacklist_a,vfp_init")
    names = [c[0] for c in b.calls()]
    assert "test_blacklist_a" not in names and "vfp_init" not in names
    assert "test_blacklist_b" in names and "test_device" in names
    assert b.has("initcall test_blacklist_a blacklisted")
    assert b.has("initcall vfp_init blacklisted")
    assert not b.has(re.compile("^VFP support"))
    full = boot(append=DEBUG)
    assert len(full.calls()) - len(b.calls()) == 2
    assert b.lines[-1].endswith(" failed (0 faulted, 0 hung), 2 blacklisted")
