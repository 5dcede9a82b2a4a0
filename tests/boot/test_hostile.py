"""Valid but wrong device trees and careless command lines (issue 10): each
boot says what is wrong, speaks on some console and ends. Trees are made here
from initk's test tree with fdtput; where QEMU's -dtb would rewrite the node
under test (/memory, /psci) the tree is handed over raw (raw_dtb)."""
import re
import shutil
import subprocess

import pytest

from initk import TEST_DTB, boot

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"


def tree(tmp_path, *edits, bootargs=DEBUG, name="tree.dtb"):
    """TEST_DTB with fdtput edits: ("-ts", node, prop, value...), ("-c", node), ("-d", node, prop), ("-r", node)."""
    path = str(tmp_path / name)
    shutil.copy(TEST_DTB, path)
    if bootargs is not None:
        subprocess.run(["fdtput", "-ts", path, "/chosen", "bootargs", bootargs], check=True)
    for edit in edits:
        subprocess.run(["fdtput", edit[0], path, *edit[1:]], check=True)
    return path


def psci_node(method, compatible="arm,psci-1.0", *extra):
    return [("-c", "/psci"), ("-ts", "/psci", "compatible", compatible),
            ("-ts", "/psci", "method", method), *extra]


def test_psci_hvc_after_entering_in_hyp_is_refused(tmp_path):
    # entered in HYP (raw image), so nothing runs above the kernel: hvc would go nowhere
    b = boot(raw_dtb=tree(tmp_path, *psci_node("hvc")))
    assert b.has("CPU: entered in HYP mode")
    assert b.has('psci: method "hvc", but the kernel was entered in HYP itself: no hypervisor '
                 'to call; not using PSCI')
    assert ("psci_dt_init", -22) in [(r[0], r[3]) for r in b.returns()]
    assert b.has("smp: Brought up 1 node, 1 CPU")


def test_psci_smc_in_the_same_tree_works(tmp_path):
    b = boot(raw_dtb=tree(tmp_path, *psci_node("smc")))
    assert b.has("psci: PSCIv1.1 detected in firmware.")
    assert b.has("smp: Brought up 1 node, 4 CPUs")


def test_psci_0_1_without_cpu_on_says_why_no_cpu_starts(tmp_path):
    b = boot(raw_dtb=tree(tmp_path, *psci_node("smc", "arm,psci")))
    assert b.has("psci: Using PSCI v0.1 Function IDs from DT")
    assert b.has("psci: the v0.1 node has no cpu_on function id: cannot start CPUs")
    assert ("psci_dt_init", -22) in [(r[0], r[3]) for r in b.returns()]
    assert b.has("smp: Brought up 1 node, 1 CPU")


MEM = "/memory@40000000"
BOOT_DONE = re.compile(r"^initk: boot complete: ")


def mem_tree(tmp_path, *edits):
    return tree(tmp_path, *edits, bootargs="console=ttyS0,115200 loglevel=8")


def wide_root(*reg):
    """The root with 2 address cells and 2 size cells, /memory's reg in them."""
    return [("-tx", "/", "#address-cells", "2"), ("-tx", "/", "#size-cells", "2"),
            ("-tx", MEM, "reg", *reg)]


@pytest.mark.parametrize("reg", [["80000000", "40000000"], ["40100000", "3ff00000"]],
                         ids=["at-2GiB", "after-the-kernel-start"])
def test_memory_that_does_not_hold_the_kernel(tmp_path, reg):
    b = boot(raw_dtb=mem_tree(tmp_path, ("-tx", MEM, "reg", *reg)))
    base = int(reg[0], 16)
    assert b.has(re.compile(rf"^Memory: the RAM the tree describes \(0x{base:08x}-0x[0-9a-f]{{8}}\) does not "
                            r"hold the kernel at 0x40010000-0x[0-9a-f]{8}; mapping the kernel's own sections as RAM too$"))
    assert b.has(BOOT_DONE)


def test_memory_bank_above_4_gib_is_refused(tmp_path):
    b = boot(raw_dtb=mem_tree(tmp_path, *wide_root("1", "0", "0", "40000000")))
    assert b.has("Memory: the /memory bank at 0x100000000 (1073741824 bytes) is outside the 32-bit "
                 "space this kernel maps (no LPAE); not using it")
    assert b.has("Memory: its bank is unusable; assuming 128 MiB at 0x40000000")
    assert b.has(BOOT_DONE)


def test_memory_bank_of_4_gib_is_clipped(tmp_path):
    b = boot(raw_dtb=mem_tree(tmp_path, *wide_root("0", "40000000", "1", "0")))
    assert b.has("Memory: the /memory bank 0x40000000+0x100000000 clipped to 0x40000000-0xffefffff "
                 "(32 bits, no page 0, no top MiB: the high vectors)")
    assert b.has("Memory: 3071 MiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    assert b.has(BOOT_DONE)


def test_small_memory_bank_is_reported_in_kib(tmp_path):
    b = boot(raw_dtb=mem_tree(tmp_path, ("-tx", MEM, "reg", "40000000", "10000")))
    assert b.has("Memory: 64 KiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    assert b.has(BOOT_DONE)


@pytest.mark.parametrize("edit,why", [
    (("-ts", MEM, "status", "disabled"), "the /memory node is disabled"),
    (("-tx", MEM, "reg", "40000000", "0"), "the /memory node's first bank has size 0"),
    (("-tx", MEM, "reg", "40000000", "40000000", "0"),
     "the /memory node's reg does not fit the root's #address-cells and #size-cells"),
    (("-d", MEM, "reg"), "the /memory node has no reg"),
    (("-r", MEM), "no /memory node"),
], ids=["disabled", "size-0", "3-cells", "no-reg", "no-node"])
def test_unusable_memory_node_says_why(tmp_path, edit, why):
    b = boot(raw_dtb=mem_tree(tmp_path, edit))
    assert b.has(f"Memory: {why}; assuming 128 MiB at 0x40000000")
    assert b.has(BOOT_DONE)
