"""Exceptions are reported with registers and symbols; one in an initcall or a
shell command is contained (the boot or the shell goes on), anything else
panics; freed init memory faults when called."""
import re

import pytest
import shutil
import subprocess

from initk import TEST_DTB, Shell, boot, elf_symbols

BASE = "console=ttyS0,115200"
PANIC = "Kernel panic - not syncing: Fatal exception"


def symbol_at(line, name):
    m = re.search(r"(\w+)\+0x([0-9a-f]+)/0x([0-9a-f]+)", line)
    assert m and m[1] == name, line
    assert int(m[3], 16) == elf_symbols()[name][1]
    return int(m[2], 16)


def check_registers(b):
    for prefix in ("pc : [<", "sp : ", "r10: ", "r7 : ", "r3 : "):
        assert b.has(re.compile("^" + re.escape(prefix))), prefix
    assert b.has(re.compile(r"^Flags: [nN][zZ][cC][vV]  IRQs (on|off)  FIQs (on|off)  Mode SVC_32  ISA Thumb$"))


def contained(b, fn="test_fault_device", level="device"):
    """The boot went on after fn's oops: abandoned with -EFAULT, the next
    initcall ran, the summary counts the fault; returns the report's lines."""
    cut = b.index("8<--- cut here ---") if b.has("8<--- cut here ---") else None
    start = cut if cut is not None else b.index(re.compile(r"^Internal error: Oops"))
    end = b.index("---[ end trace 0000000000000000 ]---", start)
    assert re.fullmatch(rf"initk: abandoning {fn}\+0x0/0x[0-9a-f]+ \({level}\) on CPU0: it returns -14",
                        b.lines[end + 1]), b.lines[end + 1]
    assert (fn, -14) in [(r[0], r[3]) for r in b.returns()]
    names = [c[0] for c in b.calls()]
    after = names[names.index(fn) + 1]  # the next initcall ran, and returned
    assert after in [r[0] for r in b.returns()]
    if fn == "test_fault_device":
        assert after == "test_fault_next"
    assert b.has(re.compile(r"^initk: boot complete: \d+ initcalls, \d+ failed \(1 faulted, 0 hung\), 0 blacklisted$"))
    assert not b.has(re.compile("Kernel panic"))
    report = b.lines[start:end + 1]
    assert any(re.fullmatch(r"CPU: 0 PID: 1 Comm: swapper/0 Not tainted \S+ #1", l) for l in report), report
    return report


def test_undefined_instruction_is_contained():
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=undef")
    report = contained(b)
    assert "Internal error: Oops - undefined instruction: 0 [#1] SMP THUMB2" in report
    assert any(re.fullmatch(r"undefined instruction de2a at [0-9a-f]{8}", l) for l in report)  # udf #42, Thumb
    symbol_at(next(l for l in report if l.startswith("PC is at ")), "make_fault")
    check_registers(b)


def test_null_pointer_data_abort_is_contained():
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=null")
    report = contained(b)
    assert report[1] == "Unable to handle kernel NULL pointer dereference at virtual address 00000000"
    assert report[2] == "data abort: translation fault (section) (DFSR=0x005) at 00000000 on read"
    assert report[3] == "Internal error: Oops: 5 [#1] SMP THUMB2"
    symbol_at(next(l for l in report if l.startswith("PC is at ")), "make_fault")
    check_registers(b)


def test_prefetch_abort_is_contained():
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=pabt")
    report = contained(b)
    assert "prefetch abort: translation fault (section) (IFSR=0x005) at 00000000" in report
    assert "PC is at 0x00000000" in report
    symbol_at(next(l for l in report if l.startswith("LR is at ")), "make_fault")


@pytest.mark.parametrize("kind", ["text", "rodata", "data", "stack"])
def test_memory_protection_faults_say_what_was_hit(kind):
    """The kernel is mapped by pages with STRICT_KERNEL_RWX permissions and a
    guard page under each CPU's stack: each violation is reported for what it
    is, and contained like any oops in an initcall."""
    b = boot(append=BASE + f" initcall_debug loglevel=8 test_fault={kind}")
    report = contained(b)
    syms = elf_symbols()
    if kind == "text":
        at = syms["make_fault"][0]
        status = rf"data abort: permission fault \(page\) \(DFSR=0x80f\) at {at:08x} on write"
        what = "kernel text (read-only)"
    elif kind == "rodata":
        at = syms["constant"][0]
        status = rf"data abort: permission fault \(page\) \(DFSR=0x80f\) at {at:08x} on write"
        what = "kernel rodata (read-only, never executable)"
    elif kind == "data":
        at = syms["code_in_data"][0]
        status = rf"prefetch abort: permission fault \(page\) \(IFSR=0x00f\) at {at:08x}"
        what = "kernel data (never executable)"
    else:
        svc = syms["cpu_stacks"][0] + 4096  # above CPU0's guard page
        m = next(re.fullmatch(r"Unable to handle kernel paging request at virtual address ([0-9a-f]{8})", l)
                 for l in report if l.startswith("Unable to handle"))
        at = int(m[1], 16)
        assert svc - 4096 <= at < svc
        status = rf"data abort: translation fault \(page\) \(DFSR=0x807\) at {at:08x} on write"
        what = f"CPU0's stack guard page: kernel stack overflow (SVC stack {svc:08x}-{svc + 16383:08x})"
        symbol_at(next(l for l in report if l.startswith("PC is at ")), "recurse")
    assert any(re.fullmatch(status, l) for l in report), report
    assert f"{at:08x} is {what}" in report, report


def test_a_printk_cut_by_its_fault_stores_nothing_and_the_log_goes_on():
    """printk formats before it takes the log lock: a fault while formatting
    (a %s string in an unmapped page) leaves no half line in the log, and the
    report and every later line print whole."""
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=printk")
    report = contained(b)
    assert symbol_at(next(l for l in report if l.startswith("PC is at ")), "strnlen") >= 0
    assert any(re.fullmatch(r"[0-9a-f]{8} is CPU3's stack guard page \(SVC stack [0-9a-f]{8}-[0-9a-f]{8}\)", l)
               for l in report), report  # another CPU's guard page: no overflow here
    assert not any("this line is cut" in l for l in b.lines)
    raw = b.raw.split("\r\n")
    cut = next(n for n, l in enumerate(raw) if "8<--- cut here ---" in l)
    after = [l for l in raw[cut:] if l and not l.startswith("/ #")]
    assert all(re.match(r"\[ *\d+\.\d{6}\] ", l) for l in after), after  # whole lines only


def test_soft_lockup_is_reported_and_abandoned():
    """An initcall spinning with interrupts on is caught by its CPU's timer at
    initcall_timeout_ms, reported as Linux's soft lockup detector does, and
    abandoned: -ETIMEDOUT, the next initcall runs, the summary counts it."""
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=spin initcall_timeout_ms=200")
    i = b.index(re.compile(r"^watchdog: BUG: soft lockup - CPU#0 stuck for 0s! \[swapper/0:1\]$"))
    start = b.stamps[b.index(re.compile(r"^calling  test_fault_device\+"))]
    assert 200000 <= b.stamps[i] - start < 201000  # us, icount: the deadline, exactly
    report = b.lines[i:b.index(re.compile(r"^initk: abandoning"), i) + 1]
    assert report[1] == "Modules linked in:"
    assert re.fullmatch(r"CPU: 0 PID: 1 Comm: swapper/0 Not tainted \S+ #1", report[2])
    symbol_at(report[3], "make_fault")
    assert report[-2].startswith("Flags: ") and "IRQs on" in report[-2]
    assert re.fullmatch(r"initk: abandoning test_fault_device\+0x0/0x[0-9a-f]+ \(device\) on CPU0: "
                        r"it returns -110", report[-1])
    assert ("test_fault_device", -110) in [(r[0], r[3]) for r in b.returns()]
    assert "test_fault_next" in [r[0] for r in b.returns()]
    assert b.has(re.compile(r"^initk: boot complete: \d+ initcalls, \d+ failed \(0 faulted, 1 hung\), 0 blacklisted$"))


def test_initcall_timeout_zero_turns_the_detector_off():
    with pytest.raises(AssertionError) as failure:
        boot(append=BASE + " initcall_debug loglevel=8 test_fault=spin initcall_timeout_ms=0", timeout=8)
    assert "boot timed out" in str(failure.value)
    assert "soft lockup" not in str(failure.value)
    assert "calling  test_fault_device+" in str(failure.value)


# Without icount (below), so the deadline is in real time: 1 s, not 200 ms,
# or on a loaded host a later initcall (printk from every CPU at once) runs
# past it too and is taken for a soft lockup.
HARD = BASE + " initcall_debug loglevel=8 test_fault=spin_irqsoff initcall_timeout_ms=1000"


def hard_lockup_report(b):
    """CPU1 reports CPU0's hard lockup in the words of Linux's buddy detector."""
    i = b.index("watchdog: Watchdog detected hard LOCKUP on cpu 0")
    assert b.lines[i + 1].startswith("Modules linked in:")
    assert re.fullmatch(r"watchdog: CPU0 has run test_fault_device\+0x0/0x[0-9a-f]+ \(device\) for 1\d\d\d ms "
                        r"with interrupts masked, as CPU1 sees", b.lines[i + 2]), b.lines[i + 2]
    assert not b.has(re.compile("soft lockup"))
    return i + 3


# Both without icount: QEMU's round-robin icount scheduler starves the
# watching CPU while another spins with interrupts masked (in real time, and
# on silicon, it runs).
def test_hard_lockup_is_interrupted_by_fiq_and_abandoned():
    """QEMU's GIC has no security extensions, so group 0 is ours: CPU1 sends
    CPU0 the backtrace IPI as an FIQ, which reaches it through the masked
    IRQs; CPU0 prints its registers (Linux's NMI backtrace) and abandons."""
    b = boot(append=HARD, icount=False)
    i = hard_lockup_report(b)
    assert b.lines[i] == "NMI backtrace for cpu 0"
    assert re.fullmatch(r"CPU: 0 PID: 1 Comm: swapper/0 Not tainted \S+ #1", b.lines[i + 1])
    symbol_at(b.lines[i + 2], "make_fault")
    flags = next(l for l in b.lines[i:] if l.startswith("Flags: "))
    assert "IRQs off  FIQs on" in flags, flags
    assert re.fullmatch(r"initk: abandoning test_fault_device\+0x0/0x[0-9a-f]+ \(device\) on CPU0: "
                        r"it returns -110", b.lines[b.index(flags, i) + 1])
    assert ("test_fault_device", -110) in [(r[0], r[3]) for r in b.returns()]
    assert "test_fault_next" in [r[0] for r in b.returns()]
    assert b.has(re.compile(r"^initk: boot complete: \d+ initcalls, \d+ failed \(0 faulted, 1 hung\), 0 blacklisted$"))


def test_hard_lockup_without_fiq_panics():
    """As on silicon booted non-secure (group 0 is the secure side's):
    nothing can interrupt CPU0, so CPU1 says so and panics."""
    b = boot(append=HARD + " test_no_fiq", icount=False, expect="panic")
    i = hard_lockup_report(b)
    assert b.lines[i] == "watchdog: CPU0 cannot be interrupted: the interrupt controller has no FIQ for us"
    assert b.lines[i + 1] == "Kernel panic - not syncing: Hard LOCKUP"
    assert b.lines[i + 2].startswith("CPU: 1 ")
    assert not b.has("NMI backtrace for cpu 0")


def test_oops_panic_gives_linux_behaviour():
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=null oops=panic", expect="panic")
    assert b.has("Internal error: Oops: 5 [#1] SMP THUMB2")
    assert not b.has(re.compile("^initk: abandoning"))
    assert "test_fault_next" not in b.calls()
    assert b.has(PANIC)


def test_vfp_before_enabling_is_a_readable_undef():
    b = boot(append=BASE + " initcall_debug loglevel=8 test_fault=vfp")
    report = contained(b, fn="test_fault_early", level="early")
    assert "Internal error: Oops - undefined instruction: 0 [#1] SMP THUMB2" in report
    # a 32-bit Thumb instruction, both halfwords: lr pointed at the second
    assert any(re.fullmatch(r"undefined instruction ee00 0a10 at [0-9a-f]{8}", l) for l in report)
    symbol_at(next(l for l in report if l.startswith("PC is at ")), "test_fault_early")


def test_a_faulting_shell_command_is_abandoned():
    with Shell(append=BASE) as sh:
        out = sh.run("fault null", oops=True)
        assert "Internal error: Oops: 5 [#1] SMP THUMB2" in out
        assert re.search(r"CPU: 0 PID: 1 Comm: sh Not tainted \S+ #1", out)
        assert re.search(r"initk: abandoning cmd_fault\+0x0/0x[0-9a-f]+ \(shell command\) on CPU0: "
                         r"it returns -14\n", out), out
        assert out.endswith("Segmentation fault\n"), out  # ash's words for a SIGSEGV
        assert sh.run("echo ok $?") == "ok 139\n"
        assert sh.run("fault nosuch") == "fault: nosuch: no such fault\n"
        # a second oops is #2, and the log, the trace and the console still work
        assert "Internal error: Oops - undefined instruction: 0 [#2] SMP THUMB2" in sh.run("fault undef", oops=True)
        assert sh.run("dmesg | grep -c 'Internal error: Oops'") == "2\n"
        assert sh.run("mount -t debugfs nodev /sys/kernel/debug") == ""
        assert sh.run("cat /sys/kernel/debug/tracing/trace | head -1") == "# tracer: nop\n"


def test_a_fault_in_a_cross_call_names_its_cpu_and_panics():
    with Shell(append=BASE) as sh:
        sh.send("fault cpu2\r")
        out = sh.expect(r"---\[ end Kernel panic - not syncing: Fatal exception in interrupt \]---")
    text = out.splitlines()
    assert any(re.search(r"CPU: 2 PID: 0 Comm: swapper/2 Not tainted \S+ #1$", l) for l in text), out
    assert any(l.endswith("PC is at null_here+0x2/0x6") or "PC is at null_here+" in l for l in text), out
    assert not any("abandoning" in l for l in text), out
    assert any(l.endswith("Kernel panic - not syncing: Fatal exception in interrupt") for l in text), out


def test_call_into_freed_init_code_faults():
    b = boot(append=BASE + " test_call_freed_init", expect="panic")
    free = b.index(re.compile(r"^Freeing unused kernel image \(initmem\) memory: "))
    oops = b.index("Internal error: Oops: 7 [#1] SMP THUMB2")
    assert free < oops
    at = elf_symbols()["freed_init_target"][0]
    assert b.has(f"prefetch abort: translation fault (page) (IFSR=0x007) at {at:08x}")
    assert b.has(f"{at:08x} is freed init memory (unmapped)")
    assert symbol_at(b.lines[b.index(re.compile("^PC is at "))], "freed_init_target") == 0
    symbol_at(b.lines[b.index(re.compile("^LR is at "))], "test_freed_init_faults")


def test_panic_message_and_halt():
    b = boot(append=BASE + " test_fault=panic", expect="panic")
    assert b.has("Kernel panic - not syncing: test_fault=panic requested")
    assert b.lines[-1] == "---[ end Kernel panic - not syncing: test_fault=panic requested ]---"


def test_panic_timeout_reboots_through_psci():
    # panic=1: wait a second, then PSCI SYSTEM_RESET; -no-reboot makes QEMU exit.
    b = boot(append=BASE + " test_fault=panic panic=1", icount=False, expect="exit")
    assert b.has("Rebooting in 1 seconds..")
    assert not b.has(re.compile(r"^---\[ end Kernel panic"))


def test_panic_immediate_reboot():
    b = boot(append=BASE + " test_fault=panic panic=-1", expect="exit")
    assert b.has("Kernel panic - not syncing: test_fault=panic requested")
    assert not b.has(re.compile("^Rebooting in"))


def test_panic_reboot_through_the_watchdog_without_psci(tmp_path):
    # secure ELF path: no PSCI, so the H3 watchdog is the restart method;
    # QEMU 7.2 does not model it, so the kernel must say so and halt, not hang
    dtb = str(tmp_path / "wdt.dtb")
    shutil.copy(TEST_DTB, dtb)
    subprocess.run(["fdtput", "-t", "s", dtb, "/chosen", "bootargs",
                    BASE + " initcall_debug loglevel=8 test_fault=panic panic=-1"], check=True)
    b = boot(image="elf", raw_dtb=dtb, icount=False,
             until=r"reboot: no way to restart this machine, halting\r\n")
    assert ("sunxi_wdt_init", 0) in [(r[0], r[3]) for r in b.returns()]
    assert "psci_dt_init" not in [r[0] for r in b.returns()]  # no /psci in initk's tree
    i = b.index("Kernel panic - not syncing: test_fault=panic requested")
    assert b.index("sunxi-wdt: the watchdog did not reset the machine") > i


def test_a_boot_that_must_complete_fails_at_the_panic_not_the_timeout():
    # the harness itself: a panic ends the run as a panic at once (its report
    # included), instead of waiting out the boot timeout
    with pytest.raises(AssertionError) as failure:
        boot(append=BASE + " test_fault=panic")
    message = str(failure.value)
    assert "boot ended by panic, wanted complete" in message
    assert "Kernel panic - not syncing: test_fault=panic requested" in message
    assert "timed out" not in message
