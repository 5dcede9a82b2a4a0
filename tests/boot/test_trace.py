"""Trace events: recorded from the console level on, shown as Linux's
tracing files, consistent with initcall_debug; the buffer's limits; bad input."""
import re

import pytest

from initk import boot

ALL3 = "trace_event=initcall:initcall_level,initcall:initcall_start,initcall:initcall_finish"
BASE = "console=ttyS0,115200 loglevel=8"
LEVELS = ["console", "early", "pure", "core", "postcore", "arch", "subsys", "fs", "device", "late"]
HEADER = [
    "# tracer: nop",
    "#",
    None,  # entries-in-buffer/entries-written, checked apart
    "#",
    "#                                _-----=> irqs-off/BH-disabled",
    "#                               / _----=> need-resched",
    "#                              | / _---=> hardirq/softirq",
    "#                              || / _--=> preempt-depth",
    "#                              ||| / _-=> migrate-disable",
    "#                              |||| /     delay",
    "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
    "#              | |         |   |||||     |         |",
]
EVENT_RE = re.compile(r"^ {0,16}(\S{1,16})-(\d+) +\[(\d{3})\] ([.dh]{5}) +(\d+)\.(\d{6}): (\w+): (.*)$")


def trace_file(b, name="trace"):
    """The lines of one file printed by trace_show=, without the printk prefix."""
    start = b.index(f"==> /sys/kernel/debug/tracing/{name} <==") + 1
    out = []
    for line in b.lines[start:]:
        if line.startswith("==> ") or line.startswith("initk: boot complete"):
            break
        out.append(line)
    return out


def events(lines):
    out = []
    for line in lines:
        if line.startswith("#"):
            continue
        m = EVENT_RE.match(line)
        assert m, repr(line)
        out.append({"comm": m[1], "pid": int(m[2]), "cpu": int(m[3]), "flags": m[4],
                    "us": int(m[5]) * 1000000 + int(m[6]), "event": m[7], "text": m[8],
                    "line": line})
    return out


@pytest.fixture(scope="module")
def traced():
    return boot(append=f"{BASE} initcall_debug {ALL3} trace_show=trace,available_events,set_event")


def test_header_is_linux_6_1s(traced):
    lines = trace_file(traced)
    for want, got in zip(HEADER, lines):
        if want is not None:
            assert got == want
    m = re.fullmatch(r"# entries-in-buffer/entries-written: (\d+)/(\d+)   #P:4", lines[2])
    assert m and m[1] == m[2]
    assert int(m[1]) == len(lines) - len(HEADER)


def test_every_initcall_has_start_and_finish_with_its_result(traced):
    evs = events(trace_file(traced))
    starts = [e["text"] for e in evs if e["event"] == "initcall_start"]
    finishes = [e["text"] for e in evs if e["event"] == "initcall_finish"]
    calls = traced.calls()
    rets = traced.returns()
    assert starts == [f"func={n}+0x{o:x}/0x{s:x}" for n, o, s, _ in calls]
    assert finishes == [f"func={n}+0x{o:x}/0x{s:x} ret={r}" for n, o, s, r, _ in rets]
    # each finish right after its own start, except the events of what ran in between
    assert len(starts) == len(finishes) > 30


def test_level_events_bracket_the_calls_in_order(traced):
    evs = [e for e in events(trace_file(traced)) if e["event"].startswith("initcall_")]
    levels = [e["text"] for e in evs if e["event"] == "initcall_level"]
    assert levels == [f"level={l}" for l in LEVELS]
    current = None
    where = {}
    for e in evs:
        if e["event"] == "initcall_level":
            current = e["text"][6:]
        elif e["event"] == "initcall_start":
            where[e["text"][5:].split("+")[0]] = current
    assert where["univ8250_console_init"] == "console"
    assert where["gic_of_init"] == "early" and where["test_early"] == "early"
    assert where["test_pure"] == "pure" and where["vfp_init"] == "core"
    assert where["test_core_sync"] == "core"  # _sync runs inside its level
    assert where["test_rootfs"] == "fs"       # rootfs runs inside fs
    assert where["test_module_init"] == "device" and where["test_late_sync"] == "late"


def test_pids_cpus_and_timestamps(traced):
    evs = events(trace_file(traced))
    early = next(i for i, e in enumerate(evs) if e["text"] == "level=early")
    console = evs[:early]
    assert len(console) >= 5
    assert all(e["comm"] == "<idle>" and e["pid"] == 0 for e in console)
    later = [e for e in evs[early:] if e["event"].startswith("initcall_")]
    assert all(e["comm"] == "swapper/0" and e["pid"] == 1 and e["cpu"] == 0 for e in later)
    assert [e["us"] for e in evs] == sorted(e["us"] for e in evs)
    assert evs[0]["line"].startswith("          <idle>-0       [000] .....     0.")


def test_secondary_cpus_carry_their_number():
    b = boot(append=f"{BASE} trace_event=initcall,ktest:ktest_cpu trace_show=trace")
    evs = [e for e in events(trace_file(b)) if e["event"] == "ktest_cpu"]
    got = {(e["cpu"], e["text"], e["comm"], e["flags"]) for e in evs}
    assert got == {
        (0, "cpu=0", "swapper/0", "....."),
        (1, "cpu=1", "<idle>", "d.h.."),
        (2, "cpu=2", "<idle>", "d.h.."),
        (3, "cpu=3", "<idle>", "d.h.."),
    }


def test_available_events_and_set_event(traced):
    available = trace_file(traced, "available_events")
    assert available[-3:] == ["initcall:initcall_finish", "initcall:initcall_start", "initcall:initcall_level"]
    assert "ktest:ktest_cpu" in available
    assert trace_file(traced, "set_event") == available[-3:]


@pytest.mark.parametrize("spec", ["initcall:*", "initcall", "initcall_level,initcall_start,initcall_finish",
                                  "*:initcall_level,initcall:initcall_start,:initcall_finish"])
def test_event_name_forms(spec):
    b = boot(append=f"{BASE} trace_event={spec} trace_show=set_event")
    assert trace_file(b, "set_event") == ["initcall:initcall_finish", "initcall:initcall_start",
                                          "initcall:initcall_level"]


def test_unknown_events_reported_rest_enabled():
    b = boot(append=f"{BASE} trace_event=foo:bar,initcall:initcall_level,nosuchevent,initcall:nope "
                    "trace_show=set_event")
    for name in ("foo:bar", "nosuchevent", "initcall:nope"):
        assert b.has(f"tracing: Failed to enable trace event: {name}")
    assert trace_file(b, "set_event") == ["initcall:initcall_level"]


def test_tiny_buffer_overwrites_oldest_with_exact_counts(traced):
    total = len(events(trace_file(traced)))
    b = boot(append=f"{BASE} initcall_debug {ALL3} trace_buf_size=1 trace_show=trace")
    assert b.has("tracing: trace_buf_size=1 clamped to 96 bytes (4 records of 24 bytes per CPU)")
    lines = trace_file(b)
    assert lines[2] == f"# entries-in-buffer/entries-written: 4/{total}   #P:4"
    kept = [e["text"] for e in events(lines)]
    full = [e["text"] for e in events(trace_file(traced))]
    assert kept == full[-4:]


@pytest.mark.parametrize("size,message", [
    ("99999999999", "tracing: trace_buf_size=99999999999 clamped to 98304 bytes (4096 records of 24 bytes per CPU)"),
    ("2147483648", "tracing: trace_buf_size=2147483648 clamped to 98304 bytes (4096 records of 24 bytes per CPU)"),
    ("junk", "tracing: trace_buf_size=junk is not a size, using 49152 bytes"),
    ("64M", "tracing: trace_buf_size=64M clamped to 98304 bytes (4096 records of 24 bytes per CPU)"),
])
def test_absurd_buffer_sizes_are_clamped_with_a_message(size, message):
    b = boot(append=f"{BASE} {ALL3} trace_buf_size={size} trace_show=trace")
    assert b.has(message)
    assert len(events(trace_file(b))) > 30


def test_tp_printk_lines_are_linuxs():
    b = boot(append=f"{BASE} {ALL3} tp_printk")
    assert b.has("initcall_level: level=console")
    assert b.has(re.compile(r"^initcall_start: func=univ8250_console_init\+0x0/0x[0-9a-f]+$"))
    assert b.has(re.compile(r"^initcall_finish: func=sunxi_smp_init\+0x0/0x[0-9a-f]+ ret=-19$"))
    levels = [l for l in b.lines if l.startswith("initcall_level: ")]
    assert levels == [f"initcall_level: level={l}" for l in LEVELS]


def test_no_trace_event_no_records():
    b = boot(append=f"{BASE} trace_show=trace")
    assert trace_file(b)[2] == "# entries-in-buffer/entries-written: 0/0   #P:4"
    assert len(trace_file(b)) == len(HEADER)


def test_ftrace_dump_on_oops():
    b = boot(append=f"{BASE} {ALL3} ftrace_dump_on_oops test_fault=panic", expect="panic")
    i = b.index("Dumping ftrace buffer:")
    assert b.index("Kernel panic - not syncing: test_fault=panic requested") < i
    assert b.lines[i + 1] == "---------------------------------"
    dump = b.lines[i + 2:b.index("---------------------------------", i + 2)]
    assert dump[0] == "  <idle>-0         0..... " + dump[0].split("0..... ", 1)[1]
    assert re.fullmatch(r"  <idle>-0         0\.\.\.\.\. +\d+us : initcall_level: level=console", dump[0])
    assert any(re.fullmatch(r"swapper/-1         0\.\.\.\.\. +\d+us : initcall_start: func=test_fault_device\+0x0/0x[0-9a-f]+", l)
               for l in dump)
