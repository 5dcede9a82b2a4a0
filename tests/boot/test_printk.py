"""printk: log levels, timestamps, the early console and its hand-over."""
import re

from initk import boot

BASE = "console=ttyS0,115200"


def test_quiet_hides_info_lines():
    b = boot(append=BASE + " quiet", until_idle=True)
    # quiet = loglevel 4: info and notice hidden, warnings (4) hidden, errors shown
    assert not b.has("smp: Bringing up secondary CPUs ...")
    assert not b.has(re.compile("^Kernel command line: "))
    assert not b.has(re.compile("^VFP support"))
    assert not b.has("------------[ cut here ]------------")
    assert [l for l, s in zip(b.lines, b.stamps) if s is not None] == []


def test_loglevel_selects_levels():
    b = boot(append=BASE + " loglevel=6", until_idle=True)
    assert b.has(re.compile(r"^Kernel command line: "))  # notice (5) < 6
    assert not b.has(re.compile(r"^VFP support"))        # info (6) hidden
    b = boot(append=BASE + " loglevel=7")
    assert b.has(re.compile(r"^VFP support"))


def test_printk_time_off():
    b = boot(append=BASE + " printk.time=0")
    assert "\r\nVFP support v0.3" in b.raw
    assert not re.search(r"^\[\s*\d+\.\d{6}\] ", b.raw, re.M)


def test_crlf_on_the_wire():
    b = boot(append=BASE)
    body = b.raw
    assert body.count("\r\n") >= 10
    assert "\n" not in body.replace("\r\n", "")


def test_every_line_once_without_earlycon():
    # no earlycon: the console replays the buffer when it registers
    b = boot(append=BASE + " loglevel=8")
    assert b.lines[0] == "Booting initk on physical CPU 0x0"
    assert len(b.lines) == len(set(zip(b.lines, b.stamps)))
    assert b.lines.count("printk: console [ttyS0] enabled") == 1


def test_every_line_once_with_earlycon():
    # the same RTC time in both boots (hctosys prints it): fixed, on the VM's clock
    rtc = ("-rtc", "base=2026-11-23T23:15:39,clock=vm")
    b = boot(append=BASE + " earlycon loglevel=8", qemu_args=rtc)
    assert b.lines[0] == "Booting initk on physical CPU 0x0"
    assert len(b.lines) == len(set(zip(b.lines, b.stamps)))
    i = b.index("printk: bootconsole [uart0] enabled")
    j = b.index("printk: console [ttyS0] enabled")
    assert b.lines[j + 1] == "printk: bootconsole [uart0] disabled"
    assert i < b.index(re.compile("^earlycon: uart0 at MMIO32 0x01c28000 \\(options '115200n8'\\)$")) < j
    # lines before the early console started are replayed, in order, once
    assert b.lines.index("Booting initk on physical CPU 0x0") < i
    # the same lines as a boot without earlycon, apart from the earlycon ones
    plain = boot(append=BASE + " loglevel=8", qemu_args=rtc)
    extra = {"printk: bootconsole [uart0] enabled", "printk: bootconsole [uart0] disabled"}
    got = [l for l in b.lines if l not in extra and not l.startswith(("earlycon:", "Kernel command line:"))]
    want = [l for l in plain.lines if not l.startswith("Kernel command line:")]
    assert got == want


def test_lines_lost_to_a_full_log_buffer_are_counted():
    """3,000 lines printed with interrupts off (tests/kernel/printk_flood.c):
    the interrupt-driven console gets to send none of them meanwhile, the log
    buffer keeps the newest, and the console says how many it lost, on a
    line of its own, then goes on with the oldest it still has, in order, up
    to the last."""
    b = boot(append=BASE + " loglevel=8 test_printk_flood")
    text = b.raw.replace("\r\n", "\n")
    assert "\n" not in b.raw.replace("\r\n", "")
    m = re.search(r"\n\*\* (\d+) printk messages dropped \*\*\n\[[ .0-9]+\] flood (\d+) of 3000: ", text)
    assert m, text[-3000:]
    lost, first = int(m[1]), int(m[2])
    assert lost == first and 1000 < lost < 2900, (lost, first)
    shown = [int(n) for n in re.findall(r"\] flood (\d+) of 3000: filling the log buffer\n", text)]
    assert shown == list(range(first, 3000))
    assert text.count("printk messages dropped") == 1
    assert b.has("flood done")
