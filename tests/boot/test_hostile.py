"""Valid but wrong device trees and careless command lines (issue 10): each
boot says what is wrong, speaks on some console and ends. Trees are made here
from initk's test tree with fdtput; where QEMU's -dtb would rewrite the node
under test (/memory, /psci) the tree is handed over raw (raw_dtb)."""
import re
import shutil
import subprocess

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
