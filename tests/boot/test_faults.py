"""Exceptions are reported with registers and symbols, then panic; freed init
memory faults when called."""
import re

import pytest
import shutil
import subprocess

from initk import TEST_DTB, boot, elf_symbols

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


def test_undefined_instruction():
    b = boot(append=BASE + " test_fault=undef", expect="panic")
    assert b.has("Internal error: Oops - undefined instruction: 0 [#1] ARM")
    assert b.has(re.compile(r"^undefined instruction de2a at [0-9a-f]{8}$"))  # udf #42, Thumb
    symbol_at(b.lines[b.index(re.compile("^PC is at "))], "test_fault_device")
    check_registers(b)
    assert b.has(PANIC)


def test_null_pointer_data_abort():
    b = boot(append=BASE + " test_fault=null", expect="panic")
    assert b.has("Unable to handle kernel NULL pointer dereference at virtual address 00000000")
    assert b.has(re.compile(r"^data abort: translation fault \(section\) \(DFSR=0x005\) at 00000000 on read$"))
    symbol_at(b.lines[b.index(re.compile("^PC is at "))], "test_fault_device")
    check_registers(b)
    assert b.has(PANIC)


def test_prefetch_abort():
    b = boot(append=BASE + " test_fault=pabt", expect="panic")
    assert b.has(re.compile(r"^prefetch abort: translation fault \(section\) \(IFSR=0x005\) at 00000000$"))
    assert b.has("PC is at 0x00000000")
    symbol_at(b.lines[b.index(re.compile("^LR is at "))], "test_fault_device")
    assert b.has(PANIC)


def test_vfp_before_enabling_is_a_readable_undef():
    b = boot(append=BASE + " test_fault=vfp", expect="panic")
    assert b.has("Internal error: Oops - undefined instruction: 0 [#1] ARM")
    # a 32-bit Thumb instruction, both halfwords: lr pointed at the second
    assert b.has(re.compile(r"^undefined instruction ee00 0a10 at [0-9a-f]{8}$"))
    symbol_at(b.lines[b.index(re.compile("^PC is at "))], "test_fault_early")


def test_call_into_freed_init_code_faults():
    b = boot(append=BASE + " test_call_freed_init", expect="panic")
    free = b.index(re.compile(r"^Freeing unused kernel image \(initmem\) memory: "))
    oops = b.index("Internal error: Oops - undefined instruction: 0 [#1] ARM")
    assert free < oops
    assert b.has(re.compile(r"^undefined instruction def0 at [0-9a-f]{8}$"))  # the poison, in Thumb
    symbol_at(b.lines[b.index(re.compile("^PC is at "))], "freed_init_target")
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
