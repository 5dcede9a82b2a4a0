"""Early drivers (include/kernel/of_early.h): declared by compatible, matched
against the tree, run in dependency order; the per-node "has a driver" flag;
SMP operations and restart handlers chosen by priority, not registration order."""
import re
import shutil
import subprocess

from initk import TEST_DTB, boot

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"
GIC = "interrupt-controller@1c81000"


def edited(tmp_path, *commands):
    path = str(tmp_path / "edited.dtb")
    shutil.copy(TEST_DTB, path)
    for cmd in commands:
        subprocess.run(["fdtput", *cmd[:1], path, *cmd[1:]], check=True)
    return path


def test_parents_first_then_timers_smp_and_restart_methods():
    b = boot(append=DEBUG)
    names = [c[0] for c in b.calls()]
    # the test tree lists test-intc-b (child of a) before test-intc-a (child of the GIC)
    a = b.index(f"test-intc: test-intc-a after {GIC}")
    c = b.index("test-intc: test-intc-b after test-intc-a")
    assert b.index(re.compile(r"^initcall gic_of_init\+\S+ returned 0")) < a < c
    assert c < b.index(re.compile(r"^calling  arch_timer_of_init\+"))
    early = [n for n in names if n in ("gic_of_init", "test_intc_init", "arch_timer_of_init",
                                       "psci_dt_init", "sunxi_smp_init", "sunxi_wdt_init", "test_early")]
    assert early == ["gic_of_init", "test_intc_init", "test_intc_init", "arch_timer_of_init",
                     "psci_dt_init", "sunxi_smp_init", "sunxi_wdt_init", "test_early"]
    rets = {r[0]: r[3] for r in b.returns()}
    assert rets["test_intc_init"] == 0


def test_interrupt_parent_loop_is_refused_and_the_boot_goes_on(tmp_path):
    dtb = edited(tmp_path, ("-tx", "/test-intc-b", "phandle", "0x77"),
                 ("-tx", "/test-intc-a", "interrupt-parent", "0x77"))
    b = boot(dtb=dtb, append=DEBUG)
    for node in ("test-intc-a", "test-intc-b"):
        assert b.has(f"OF: {node}: interrupt-parent chain loops or is deeper than 8; not initialised")
    assert not any(l.startswith("test-intc: ") for l in b.lines)
    assert b.has("arch_timer: non-secure physical timer, interrupt 30")
    assert b.has("smp: Brought up 1 node, 4 CPUs")


def test_no_driver_report_is_exact_with_many_early_nodes(tmp_path):
    # 12 more controllers (the old claim list held 8 nodes): every one is the
    # early driver's, none is reported as a device without a driver
    commands = []
    for n in range(12):
        node = f"/test-intc-{n}"
        commands += [("-c", node), ("-ts", node, "compatible", "initk,test-intc"),
                     ("-tx", node, "interrupt-controller"), ("-tx", node, "#interrupt-cells", "1")]
    dtb = edited(tmp_path, *commands)
    b = boot(dtb=dtb, append=DEBUG)
    for n in range(12):
        assert b.has(f"test-intc: test-intc-{n} after {GIC}")
    no_driver = sorted(l for l in b.lines if l.endswith(": no driver"))
    # what initk has no driver for in this tree (entered non-secure: CPUCFG unused)
    assert no_driver == ["platform 1f01c00.cpucfg: no driver"]


def test_the_enable_method_of_higher_priority_wins():
    # lowest-priority operations registered first (console level): PSCI still starts the CPUs
    b = boot(append=DEBUG + " test_smp_ops_low")
    assert b.has("smp: Brought up 1 node, 4 CPUs")
    assert not any(l.startswith("test-smp: ") for l in b.lines)


def test_the_enable_method_of_higher_priority_wins_secure(tmp_path):
    dtb = edited(tmp_path, ("-ts", "/chosen", "bootargs", DEBUG + " test_smp_ops_low"))
    b = boot(image="elf", raw_dtb=dtb)
    assert b.has("smp: Brought up 1 node, 4 CPUs")
    assert b.has("CPU: All CPU(s) started in SVC mode.")
    assert not any(l.startswith("test-smp: ") for l in b.lines)


def test_restart_handlers_run_by_priority_not_registration(tmp_path):
    # secure ELF path: no PSCI, so the watchdog (128) and the two test
    # handlers (0 registered before 255); QEMU models no watchdog, so each
    # returns and the next one is tried
    dtb = edited(tmp_path, ("-ts", "/chosen", "bootargs",
                            "console=ttyS0,115200 loglevel=8 test_fault=panic panic=-1 test_restart_order"))
    b = boot(image="elf", raw_dtb=dtb, icount=False,
             until=r"reboot: no way to restart this machine, halting\r\n")
    high = b.index("test-restart: priority 255 handler")
    wdt = b.index("sunxi-wdt: the watchdog did not reset the machine")
    low = b.index("test-restart: priority 0 handler")
    assert b.index("Kernel panic - not syncing: test_fault=panic requested") < high < wdt < low


def test_psci_reset_comes_before_the_watchdog():
    # raw image path: PSCI (129) resets the machine before the watchdog (128) or the last resort
    b = boot(append="console=ttyS0,115200 loglevel=8 test_fault=panic panic=-1 test_restart_order",
             expect="exit")
    assert b.has("test-restart: priority 255 handler")
    assert not b.has("sunxi-wdt: the watchdog did not reset the machine")
    assert not b.has("test-restart: priority 0 handler")
