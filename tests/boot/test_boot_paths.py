"""Both ways in (QEMU's ELF loader and the Linux boot protocol with a DTB),
the command line's sources and Linux's parameter semantics."""
import re

from initk import boot

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"
# The built-in command line (Makefile CMDLINE) of the test kernel.
BUILTIN = "console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 initcall_debug loglevel=8"


def test_elf_path_secure_svc_builtin_cmdline():
    b = boot(image="elf")
    assert b.has("CPU: entered in SVC mode")
    assert b.has("OF: fdt: no device tree from the boot loader; using built-in defaults")
    assert b.has("Kernel command line: " + BUILTIN)
    assert b.calls()
    # no tree, no early drivers matched: the PSCI driver is not called
    assert "psci_dt_init" not in [r[0] for r in b.returns()]


def test_dtb_path_hyp_bootargs_win_over_builtin():
    b = boot(append=DEBUG + " printk.time=1")
    assert b.has("CPU: entered in HYP mode")
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")
    assert b.has("Kernel command line: " + DEBUG + " printk.time=1")
    assert not b.has("Kernel command line: " + BUILTIN)
    assert b.has("Memory: 1024 MiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")


def test_unknown_parameters_reported_linux_style():
    b = boot(append=DEBUG + ' foo=1 bar "baz=a b" dotted.param=3 -- after=1')
    assert b.has('Unknown kernel command line parameters "bar foo=1 baz=a b", will be passed to user space.')


def test_no_unknown_line_when_all_known():
    b = boot(append=DEBUG + " panic=0 quiet loglevel=8")
    assert not any(line.startswith("Unknown kernel command line") for line in b.lines)


def test_malformed_early_option():
    b = boot(append=DEBUG + " loglevel=abc")
    assert b.has("Malformed early option 'loglevel'")
    assert b.calls()  # the good loglevel=8 before it still applies


def test_atags_instead_of_dtb_are_refused_and_boot_goes_on():
    # Without -dtb QEMU hands a raw image ATAGs at 0x40000100.
    b = boot(dtb=False)
    assert b.has(re.compile(r"^OF: fdt: ATAGs at 0x40000100 instead of a device tree are not supported"))
    assert b.has("Kernel command line: " + BUILTIN)
