"""SMP bring-up: enable methods, Linux's lines and their place between the
early and pure levels, CPU limits, a CPU that fails, printk from all CPUs,
panic on a secondary."""
import re
import shutil
import subprocess

import pytest

from initk import TEST_DTB, boot, linux_lines

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"
CPU_LINE = "CPU{0}: thread -1, cpu {0}, socket 0, mpidr 8000000{0}"


def smp_lines(b):
    start = b.index("smp: Bringing up secondary CPUs ...")
    end = b.index(re.compile(r"^CPU: (All CPU\(s\) started|WARNING)"))
    return b.lines[start:end + 1]


def test_four_cpus_through_psci_between_early_and_pure():
    b = boot(append=DEBUG)
    # Linux 6.1's lines on the same machine (tests/fixtures), but its
    # "Virtualization extensions available" and the later "stopping" lines
    linux = linux_lines("SMP bring-up lines (4 vCPUs)")
    assert smp_lines(b) == linux[1:linux.index("CPU: All CPU(s) started in HYP mode.") + 1]
    assert b.has(linux[0])
    assert b.index(CPU_LINE.format(0)) < b.index(re.compile(r"^calling  gic_of_init"))
    rets = {r[0]: r[3] for r in b.returns()}
    assert rets["psci_dt_init"] == 0 and rets["sunxi_smp_init"] == -19
    # after the last early initcall returned, before the first pure one is called
    last_early = b.index(re.compile(r"^initcall test_fault_early\+\S+ returned"))
    first_pure = b.index(re.compile(r"^calling  test_pure\+"))
    bring_up = b.index("smp: Bringing up secondary CPUs ...")
    done = b.index("CPU: All CPU(s) started in HYP mode.")
    assert last_early < bring_up < done < first_pure


def test_four_cpus_through_cpucfg_when_secure():
    # QEMU's ELF path: secure SVC, no PSCI; the tree handed over raw
    b = boot(image="elf", raw_dtb=TEST_DTB)
    lines = smp_lines(b)
    assert lines[1:4] == [CPU_LINE.format(n) for n in (1, 2, 3)]
    assert "smp: Brought up 1 node, 4 CPUs" in lines
    assert lines[-1] == "CPU: All CPU(s) started in SVC mode."
    rets = {r[0]: r[3] for r in b.returns()}
    assert rets["sunxi_smp_init"] == 0
    assert "psci_dt_init" not in rets  # initk's tree has no /psci: nothing to call


@pytest.mark.parametrize("param,cpus", [
    ("maxcpus=2", 2), ("maxcpus=1", 1), ("nosmp", 1), ("maxcpus=0", 1), ("nr_cpus=3", 3),
])
def test_cpu_limits(param, cpus):
    b = boot(append=DEBUG + " " + param)
    lines = smp_lines(b)
    assert lines[1:cpus] == [CPU_LINE.format(n) for n in range(1, cpus)]
    assert f"smp: Brought up 1 node, {cpus} CPU{'s' if cpus > 1 else ''}" in lines
    assert f"SMP: Total of {cpus} processors activated ({125 * cpus}.00 BogoMIPS)." in lines
    assert not any(re.match(rf"CPU{n}: thread", l) for n in range(cpus, 4) for l in b.lines)


@pytest.mark.parametrize("params,cpus,malformed", [
    ("nr_cpus=0", 4, ["nr_cpus"]),
    ("nr_cpus=2 nr_cpus=0", 2, ["nr_cpus"]),
    ("maxcpus=2 maxcpus=-1", 2, ["maxcpus"]),
    ("maxcpus=3 maxcpus=x nr_cpus=junk", 3, ["maxcpus", "nr_cpus"]),
])
def test_rejected_cpu_limits_change_nothing(params, cpus, malformed):
    b = boot(append=DEBUG + " " + params)
    for name in malformed:
        assert b.has(f"Malformed early option '{name}'")
    assert b.has(f"smp: Brought up 1 node, {cpus} CPU{'s' if cpus > 1 else ''}")


def test_cpu_that_never_comes_online_is_reported():
    b = boot(append=DEBUG + " test_smp_bad_entry=2")
    lines = smp_lines(b)
    assert lines[:5] == [
        "smp: Bringing up secondary CPUs ...",
        CPU_LINE.format(1),
        "CPU2: failed to come online",
        CPU_LINE.format(3),
        "smp: Brought up 1 node, 3 CPUs",
    ]
    # the rest of the boot goes on, and cross-CPU work skips the missing CPU
    assert re.search(r"^ok \d+ test_secondaries_ran_starting_hooks$", b.text(), re.M)
    assert b.lines[-1].startswith("initk: boot complete:")


@pytest.mark.parametrize("icount", [False, True], ids=["parallel", "icount"])
def test_printk_from_all_cpus_keeps_lines_whole(icount):
    b = boot(append="console=ttyS0,115200 loglevel=8", icount=icount)
    # every line on the wire is whole: a timestamp, one message, CRLF
    body = b.raw.replace("\r\n", "\n").strip("\n").split("\n")
    for line in body:
        assert re.fullmatch(r"\[ *\d+\.\d{6}\] [^\r]*", line), line
        assert not re.search(r"\[ *\d+\.\d{6}\]", line[14:]), line  # no second line inside
    stress = [l for l in b.lines if l.startswith("# stress ")]
    for cpu in range(4):
        mine = [l for l in stress if l.startswith(f"# stress cpu{cpu} ")]
        assert mine == [f"# stress cpu{cpu} line {i:03d} of printk from every CPU at once"
                        for i in range(50)], f"cpu{cpu}"
    stamps = [s for s in b.stamps if s is not None]
    assert stamps == sorted(stamps)


def test_every_secondary_ran_its_starting_hooks():
    b = boot(append="console=ttyS0,115200 loglevel=8")
    for cpu in (1, 2, 3):
        assert b.has(f"# CPU{cpu}: timer interrupt and VFP ok")


def test_panic_on_a_secondary_stops_every_cpu():
    b = boot(append="console=ttyS0,115200 loglevel=8 test_fault=panic_cpu2", expect="panic")
    i = b.index("Kernel panic - not syncing: test_fault=panic_cpu2 requested")
    assert b.lines[i + 1] == "CPU: 2 PID: 0 Comm: swapper/2"
    stopping = sorted(l for l in b.lines[i:] if l.endswith(": stopping"))
    assert stopping == ["CPU0: stopping", "CPU1: stopping", "CPU3: stopping"]
    assert b.lines[-1] == "---[ end Kernel panic - not syncing: test_fault=panic_cpu2 requested ]---"


def test_no_wakeup_is_lost_while_waiting_for_a_cpu():
    # the boot CPU waits for an event (wfe) between "not online yet" and its
    # sleep, so each new CPU's wake-up arrives in that window. loglevel=5 keeps the
    # CPUs' lines off the console: no UART interrupt wakes the boot CPU by
    # chance. Virtual time (icount) makes it exact: a lost wake-up costs the
    # 1 s timeout per CPU, so the KTAP report (level 4) would come after 1 s.
    b = boot(append="console=ttyS0,115200 loglevel=5 test_smp_wakeup_window", until_idle=True)
    ktap = b.stamps[b.index("KTAP version 1")]
    assert ktap < 200000, f"the boot reached the self-tests at {ktap} us of virtual time"
    assert re.search(r"^ok \d+ test_secondaries_ran_starting_hooks$", b.text(), re.M)  # 4 CPUs came


def test_a_timer_interrupt_that_never_comes_is_caught(tmp_path):
    # the timer's interrupts typed SPI instead of PPI: the one-shot fires into
    # nothing. The driver checks and refuses it; waiting for a CPU that never
    # comes then spins on the counter instead of sleeping for ever.
    dtb = str(tmp_path / "spi-timer.dtb")
    shutil.copy(TEST_DTB, dtb)
    subprocess.run(["fdtput", "-tx", dtb, "/timer", "interrupts",
                    "0", "d", "f04", "0", "e", "f04", "0", "b", "f04", "0", "a", "f04"], check=True)
    b = boot(dtb=dtb, append=DEBUG + " test_smp_bad_entry=2")
    assert b.has("arch_timer: interrupt 46 never came for a one-shot: the tree names the wrong one? "
                 "Not used for clock events")
    assert ("arch_timer_of_init", -5) in [(r[0], r[3]) for r in b.returns()]
    assert b.has("CPU2: failed to come online")
    assert b.has("smp: Brought up 1 node, 3 CPUs")
