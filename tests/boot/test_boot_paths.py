"""Both ways in (QEMU's ELF loader and the Linux boot protocol with a DTB),
the command line's sources and Linux's parameter semantics."""
import os
import re

import pytest

from initk import BUILD, boot

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"
# The built-in command line (Makefile CMDLINE) of the test kernel.
BUILTIN = "console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 initcall_debug loglevel=8"


BUILTIN_TREE = "using the built-in device tree (sun8i-h3-orangepi-pc)"


@pytest.mark.parametrize("variant", ["prod", "test"])
def test_plain_qemu_elf_boot_uses_the_builtin_tree(variant):
    # qemu-system-arm -M orangepi-pc -kernel initk.elf: secure SVC and no DTB
    # (QEMU gives an ELF none): the image's own tree gives the whole boot
    b = boot(variant=variant, image="elf")
    assert b.has("CPU: entered in SVC mode")
    assert b.has("OF: fdt: no device tree from the boot loader; " + BUILTIN_TREE)
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")
    assert b.has("Kernel command line: " + BUILTIN)
    assert b.has(re.compile(r"^GIC: 160 interrupt lines"))
    assert b.has("arch_timer: secure physical timer, interrupt 29")
    assert b.has("smp: Brought up 1 node, 4 CPUs")
    assert b.has("CPU: All CPU(s) started in SVC mode.")
    assert b.has("1c28000.serial: ttyS0 at MMIO 0x1c28000 (irq = 32, base_baud = 1500000) is a 16550A")
    rets = {r[0]: r[3] for r in b.returns()}
    assert rets["gic_of_init"] == 0 and rets["arch_timer_of_init"] == 0 and rets["sunxi_smp_init"] == 0
    # the built-in tree has no /psci: its driver is not called at all
    assert "psci_dt_init" not in rets


def test_a_tree_from_the_boot_loader_wins_and_is_named():
    b = boot(append=DEBUG)
    assert b.has(re.compile(r"^OF: fdt: using the device tree from the boot loader at 0x[0-9a-f]{8}$"))
    assert not any("built-in device tree" in l for l in b.lines)


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
    assert b.has("OF: fdt: ATAGs at 0x40000100 instead of a device tree are not supported; " + BUILTIN_TREE)
    assert b.has("Kernel command line: " + BUILTIN)
    # non-secure, and the built-in tree has no /psci: the boot CPU alone
    assert b.has("smp: Brought up 1 node, 1 CPU")


def test_make_qemu_boot_of_the_production_image():
    # what `make qemu` runs: build/initk.bin, initk's DTB, the initramfs, the Makefile's BOOTARGS
    b = boot(variant="prod", append="console=ttyS0,115200 earlycon initcall_debug loglevel=8",
             qemu_args=["-initrd", os.path.join(BUILD, "initramfs.cpio")])
    order = ["Booting initk on physical CPU 0x0", "CPU: entered in HYP mode",
             re.compile(r"^OF: fdt: using the device tree from the boot loader at 0x"),
             "OF: fdt: Machine model: Xunlong Orange Pi PC", "printk: bootconsole [uart0] enabled",
             re.compile(r"^Kernel command line: console=ttyS0,115200 earlycon initcall_debug loglevel=8$"),
             "printk: console [ttyS0] enabled", "printk: bootconsole [uart0] disabled",
             "smp: Brought up 1 node, 4 CPUs", "CPU: All CPU(s) started in HYP mode.",
             re.compile(r"^Freeing unused kernel image \(initmem\) memory: \d+K$")]
    at = [b.index(line) for line in order]
    assert at == sorted(at)
    # console, then early (drivers by dependency), SMP, then core, postcore (samples/hello),
    # arch_sync, rootfs, device, late
    assert [c[0] for c in b.calls()] == [
        "univ8250_console_init", "gic_of_init", "arch_timer_of_init", "psci_dt_init", "sunxi_smp_init",
        "sunxi_wdt_init", "vfp_init", "hello_init", "of_platform_default_populate_init", "populate_rootfs",
        "sun8i_h3_ccu_driver_init", "sun8i_r_ccu_driver_init", "sun4i_a10_ccu_driver_init",
        "dw8250_driver_init", "sunxi_mmc_driver_init", "sunxi_rtc_driver_init", "sun6i_rtc_driver_init",
        "sunxi_sid_driver_init",
        "deferred_probe_initcall", "rtc_hctosys"]
    assert b.index(re.compile(r"^Freeing initrd memory: \d+K$")) > b.index(re.compile(r"^calling  populate_rootfs"))
    # CPUCFG does not apply when entered non-secure: the one failure
    assert [(r[0], r[3]) for r in b.returns() if r[3]] == [("sunxi_smp_init", -19)]
    assert b.lines[-1] == "initk: boot complete: 20 initcalls, 1 failed (0 faulted, 0 hung), 0 blacklisted"
