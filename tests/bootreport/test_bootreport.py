"""scripts/bootreport on real logs (Linux 6.1 and initk, tests/fixtures) and
on damaged copies of them made here; its outputs checked by loading them
(JSON), parsing them (SVG as XML) and rendering them (HTML in headless
chromium)."""
import json
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "scripts", "bootreport")
LINUX = os.path.join(ROOT, "tests", "fixtures", "linux-6.1-orangepi-pc")
INITK = os.path.join(ROOT, "tests", "fixtures", "initk")
DEBUG_LOG = os.path.join(LINUX, "linux-initcall_debug.log")
TP_LOG = os.path.join(LINUX, "linux-tp_printk.log")
DUMP_LOG = os.path.join(LINUX, "linux-ftrace_dump_on_oops.log")
SESSION = os.path.join(LINUX, "shell-session.txt")
INITK_LOG = os.path.join(INITK, "initcall_debug.log")
INITK_TRACE = os.path.join(INITK, "trace_show.log")

# docs/linux-formats.md, "Reference figures"
LINUX_CALLS, LINUX_NONZERO, LINUX_ENODEV = 872, 46, 37
LINUX_LEVELS = {"console": 4, "early": 40, "pure": 6, "core": 65, "postcore": 48, "arch": 46,
                "subsys": 130, "fs": 64, "device": 374, "late": 95}


def run(*args, code=0):
    r = subprocess.run([TOOL, *args], capture_output=True, text=True)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == code, f"exit {r.returncode}, wanted {code}\n{r.stdout}\n{r.stderr}"
    return r


def report(path, *args, out=None):
    """The tool's files for one log: {name: text}."""
    out = str(out)
    run(path, "-o", out, *args)
    files = {}
    for name in ("blame.txt", "boot.svg", "trace.json", "index.html"):
        with open(os.path.join(out, name)) as f:
            files[name] = f.read()
    return files


def summary_line(blame, key):
    m = re.search(rf"^  {key}:\s+(.*)$", blame, re.M)
    assert m, blame
    return m[1]


def counts(blame):
    """(initcalls, non-zero, probes, deferred) from the blame text."""
    m = re.search(r"^  initcalls:\s+(\d+), (\d+) returned non-zero", blame, re.M)
    p = re.search(r"^  probes:\s+(\d+), (\d+) deferred", blame, re.M)
    assert m and p, blame
    return int(m[1]), int(m[2]), int(p[1]), int(p[2])


def levels(blame):
    section = blame.split("per level:\n", 1)[1].split("\n\n", 1)[0]
    return {m[1]: int(m[2]) for m in re.finditer(r"^  (\w+)\s+(\d+)\s", section, re.M)}


def blame_of(path, *args):
    return run(path, "-q", *args).stdout


def write(tmp_path, name, text, mode="w"):
    path = tmp_path / name
    with open(path, mode) as f:
        f.write(text)
    return str(path)


def read(path):
    with open(path) as f:
        return f.read()


# --- the Linux reference logs ---------------------------------------------------------

def test_linux_initcall_debug_counts():
    b = blame_of(DEBUG_LOG)
    assert counts(b) == (LINUX_CALLS, LINUX_NONZERO, 25, 5)
    assert len(re.findall(r"^  -19 ENODEV\s", b, re.M)) == LINUX_ENODEV
    # console initcalls are PID 0's, early ones run before SMP bring-up
    assert levels(b)["console"] == 4 and levels(b)["early"] == 40


def test_linux_identification_block():
    b = blame_of(DEBUG_LOG)
    assert summary_line(b, "kernel").startswith("Linux version 6.1.0-50-armmp (gcc-12")
    assert summary_line(b, "machine") == "Xunlong Orange Pi PC"
    assert summary_line(b, "command line") == read(DEBUG_LOG.replace(".log", ".cmdline")).strip()


def test_linux_slowest_and_errno_names():
    b = blame_of(DEBUG_LOG)
    first = b.split("slowest 20 initcalls:\n", 1)[1].splitlines()[1]
    assert first.split()[0] == "1106970" and first.split()[-1] == "crypto_algapi_init"
    assert re.search(r"^  -95 EOPNOTSUPP\s+ptp_kvm_init ", b, re.M)
    assert re.search(r"^  -61 ENODATA\s+dmi_sysfs_init ", b, re.M)
    assert re.search(r"^  1\s+set_hardened_usercopy ", b, re.M)


@pytest.mark.parametrize("log", [TP_LOG, DUMP_LOG], ids=["tp_printk", "ftrace_dump_on_oops"])
def test_linux_event_logs_per_level(log):
    b = blame_of(log)
    assert counts(b)[:2] == (LINUX_CALLS, LINUX_NONZERO)
    assert levels(b) == LINUX_LEVELS


def test_levels_from_an_event_log():
    b = blame_of(DEBUG_LOG, "--levels-from", TP_LOG)
    assert levels(b) == LINUX_LEVELS


def test_linux_probes_under_their_initcall_and_deferrals():
    b = blame_of(DEBUG_LOG)
    assert re.search(r"^\s+229401 us  0\s+1c28000\.serial  \(under deferred_probe_initcall\)$", b, re.M)
    assert re.search(r"^\s+417 us  -517 EPROBE_DEFER\s+1c28000\.serial  "
                     r"\(under dw8250_platform_driver_init\)$", b, re.M)
    assert "deferred probes: 5, 504 us; most frequent causes:" in b
    # the device deferred twice comes first
    causes = b.split("most frequent causes:\n", 1)[1].splitlines()
    assert causes[0] == "     2x usb0-vbus  (under regulator_fixed_voltage_init, deferred_probe_initcall)"


def test_deferral_reason_printed_by_the_kernel(tmp_path):
    log = write(tmp_path, "defer.log",
                "[    1.000000] calling  foo_driver_init+0x0/0x18 @ 1\n"
                "[    1.000100] probe of 1c2ac00.i2c returned -517 after 50 usecs\n"
                "[    1.000200] initcall foo_driver_init+0x0/0x18 returned 0 after 200 usecs\n"
                "[    2.000000] platform 1c2ac00.i2c: deferred probe pending: wait for supplier /soc/pinctrl\n")
    b = blame_of(log)
    assert "     1x 1c2ac00.i2c: wait for supplier /soc/pinctrl  (under foo_driver_init)" in b


def test_unaccounted_time_between_initcalls():
    b = blame_of(DEBUG_LOG)
    m = re.search(r"^time between initcalls that no initcall accounts for: (\d+) us in (\d+) gaps", b, re.M)
    assert m and int(m[1]) > 85000
    # SMP bring-up, between the last early initcall and the first pure one
    largest = b.split("the largest:\n", 1)[1].splitlines()[0]
    assert largest == "      85189 us  after dummy_timer_register, before tegra_hotplug_init (line 174)"


# --- initk's logs ---------------------------------------------------------------------

def test_initk_initcall_debug():
    b = blame_of(INITK_LOG)
    raw = read(INITK_LOG)
    calls = len(re.findall(r"\] calling  ", raw))
    probes = len(re.findall(r"\] probe of ", raw))
    assert counts(b) == (calls, 1, probes, 0)
    assert summary_line(b, "kernel").startswith("initk version")
    assert re.search(r"^  -19 ENODEV\s+sunxi_smp_init ", b, re.M)
    assert summary_line(b, "init").startswith("Freeing unused kernel image")


def test_initk_trace_file_levels_and_cpus(tmp_path):
    b = blame_of(INITK_TRACE)
    assert summary_line(b, "source") == "trace file lines"
    raw = read(INITK_TRACE)
    assert counts(b)[0] == len(re.findall(r"initcall_start: ", raw))
    assert levels(b)["console"] == 1 and "device" in levels(b)
    trace = json.loads(report(INITK_TRACE, out=tmp_path)["trace.json"])
    names = {e["args"]["name"] for e in trace["traceEvents"] if e["name"] == "thread_name"}
    assert "CPU 0" in names


def test_module_initcalls_and_a_trace_file_from_a_shell_session(tmp_path):
    text = read(SESSION)
    session2 = text.split("######## session 2", 1)[1]
    b = blame_of(write(tmp_path, "s.log", session2))
    # initcall_debug lines win over the trace file printed in the same session
    assert summary_line(b, "source") == "initcall_debug lines"
    assert re.search(r"^\s+1453\s+6312\.838\s+module\s+0\s+sunxi_mmc_driver_init \[sunxi_mmc\]$", b, re.M)
    trace = text[text.index("# tracer: nop", text.index("######## session 2")):]
    b = blame_of(write(tmp_path, "t.log", trace.split("/ # lsmod", 1)[0]))
    assert summary_line(b, "source") == "trace file lines"
    assert re.search(r"^\s+1780\s+6313\.885\s+\w+\s+0\s+0xbf008000$", b, re.M)


# --- what capture tools make of a log ----------------------------------------------------

def test_crlf_gives_the_same_report(tmp_path):
    crlf = write(tmp_path, "crlf.log", read(DEBUG_LOG).replace("\n", "\r\n"), "w")
    assert blame_of(crlf).replace(crlf, "X") == blame_of(DEBUG_LOG).replace(DEBUG_LOG, "X")


@pytest.mark.parametrize("prefix", [
    "Dec 02 16:44:34 ",                   # ts
    "2026-12-02 16:44:34.123456 ",        # ts '%Y-%m-%d %H:%M:%.S'
    "[0.123456 0.000017] ",               # grabserial -t
    "[16:44:34.123] ",                    # tio -t
    "00:00:01.250000 ",                   # ts -s '%H:%M:%.S'
], ids=["ts", "ts-iso", "grabserial", "tio", "ts-elapsed"])
def test_host_timestamp_prefixes(tmp_path, prefix):
    text = "".join(prefix + line + "\n" for line in read(DEBUG_LOG).splitlines())
    b = blame_of(write(tmp_path, "p.log", text))
    assert counts(b) == (LINUX_CALLS, LINUX_NONZERO, 25, 5)
    # without printk times too: the prefix must not be taken for part of the line
    bare = "".join(prefix + re.sub(r"^\[\s*\d+\.\d+\] ", "", line) + "\n"
                   for line in read(DEBUG_LOG).splitlines())
    b = blame_of(write(tmp_path, "bare.log", bare))
    assert counts(b) == (LINUX_CALLS, LINUX_NONZERO, 25, 5)
    assert summary_line(b, "kernel").startswith("Linux version 6.1.0-50-armmp")
    assert summary_line(b, "command line").startswith("console=ttyS0,115200 initcall_debug")
    # and a trace file behind the prefix
    trace = "".join(prefix + line + "\n" for line in read(INITK_TRACE).replace("\r", "").splitlines()
                    if "initcall_" in line and "-1 " in line or "<idle>" in line)
    trace = re.sub(r"\[\s*\d+\.\d+\] ", "", trace)
    assert summary_line(blame_of(write(tmp_path, "trace.log", trace)), "source") == "trace file lines"


def test_without_printk_times(tmp_path):
    text = re.sub(r"^\[\s*\d+\.\d+\] ", "", read(DEBUG_LOG), flags=re.M)
    b = blame_of(write(tmp_path, "t0.log", text))
    assert counts(b) == (LINUX_CALLS, LINUX_NONZERO, 25, 5)
    assert "without printk times (start times added up from the durations)" in b
    assert "2823800 us inside initcalls; last one ends at 2823.800 ms" in b


def test_lines_of_other_cpus_between_calling_and_returned(tmp_path):
    lines = read(INITK_LOG).splitlines()
    out = []
    for line in lines:
        out.append(line)
        if "calling  " in line:
            out.append("[    0.000500] CPU3: Booted secondary processor 0x0000000003 [0x410fc075]")
            out.append("junk without a time stamp")
    b = blame_of(write(tmp_path, "i.log", "\n".join(out)))
    assert counts(b) == counts(blame_of(INITK_LOG))


def test_calling_line_cut_by_another_line(tmp_path):
    """printk of another CPU in the middle of a "calling" line: bootchart's
    'corrupted init call'. The call is rebuilt with a warning, not lost."""
    text = read(INITK_LOG).replace(
        "calling  dw8250_driver_init+0x0/0xc @ 1",
        "calling  dw8250_dri[    0.001900] CPU1: stopping\nver_init+0x0/0xc @ 1")
    r = run("-q", write(tmp_path, "cut.log", text))
    assert counts(r.stdout) == counts(blame_of(INITK_LOG))
    r = run(str(tmp_path / "cut.log"))
    assert re.search(r"cut\.log:\d+: warning: 'calling' line cut by another line", r.stderr), r.stderr
    # cut so that the rest never comes: the returned line still names the call
    text = read(INITK_LOG).replace("calling  dw8250_driver_init+0x0/0xc @ 1",
                                   "calling  dw8250_dri[    0.001900] CPU1: stopping")
    r = run(write(tmp_path, "cut2.log", text))
    assert counts(r.stdout) == counts(blame_of(INITK_LOG))
    assert "dw8250_driver_init" in r.stdout and "cut by another line, named by line" in r.stderr


def test_truncated_log(tmp_path):
    lines = read(DEBUG_LOG).splitlines()
    cut = next(i for i, l in enumerate(lines) if "calling  crypto_algapi_init" in l) + 1
    text = "\n".join(lines[:cut]) + "\n[    1.70"  # cut in the middle of a line too
    r = run(write(tmp_path, "trunc.log", text))
    assert "crypto_algapi_init did not return before the log ends" in r.stderr
    assert re.search(r"trunc\.log:\d+: warning:", r.stderr)
    assert re.search(r"did not return\s+crypto_algapi_init ", r.stdout)


def test_unparseable_record_lines_are_reported_with_their_line(tmp_path):
    text = read(INITK_LOG).replace("returned 0 after 27 usecs", "returned zero after 27 usecs")
    r = run(write(tmp_path, "bad.log", text))
    n = next(i for i, l in enumerate(text.splitlines(), 1) if "returned zero" in l)
    assert f"bad.log:{n}: warning: unparseable initcall line" in r.stderr


def test_two_boots_in_one_file(tmp_path):
    both = write(tmp_path, "two.log", read(INITK_LOG) + read(DEBUG_LOG))
    r = run(both)
    assert counts(r.stdout)[0] == LINUX_CALLS  # the last boot by default
    assert "2 boots in the file, reporting the last" in r.stderr
    assert counts(blame_of(both, "--boot", "1")) == counts(blame_of(INITK_LOG))
    assert "(boot 1 of 2)" in blame_of(both, "--boot", "1")
    r = run(both, "--boot", "3", code=2)
    assert re.match(r"^.*two\.log:1: --boot 3: the file holds 2 boots", r.stderr)


def test_before_init(tmp_path):
    text = read(INITK_LOG) + ("[    6.312838] calling  sunxi_mmc_driver_init+0x0/0x1000 [sunxi_mmc] @ 98\n"
                              "[    6.315331] initcall sunxi_mmc_driver_init+0x0/0x1000 [sunxi_mmc] "
                              "returned 0 after 1453 usecs\n")
    log = write(tmp_path, "mod.log", text)
    assert counts(blame_of(log))[0] == counts(blame_of(INITK_LOG))[0] + 1
    assert counts(blame_of(log, "--before-init"))[0] == counts(blame_of(INITK_LOG))[0]


@pytest.mark.parametrize("content,message", [
    ("", "no initcall_debug, tp_printk, trace or ftrace_dump initcall lines found"),
    ("hello\nworld\n", "no initcall_debug"),
    (b"\x7fELF\x01\x01\x01\0\0\0\0\0" * 100, "binary data, not a serial log"),
], ids=["empty", "no-initcalls", "binary"])
def test_bad_input_exit_2(tmp_path, content, message):
    path = write(tmp_path, "in.log", content, "wb" if isinstance(content, bytes) else "w")
    r = run(path, code=2)
    assert r.stderr.startswith(f"{path}:1: {message}"), r.stderr


def test_missing_file_and_bad_usage(tmp_path):
    r = run(str(tmp_path / "nope.log"), code=2)
    assert r.stderr.startswith(f"{tmp_path}/nope.log:0: cannot read")
    run("--diff", DEBUG_LOG, code=2)
    run(DEBUG_LOG, "--boot", "x", code=2)
    r = run(DEBUG_LOG, "-o", DEBUG_LOG, code=2)  # a file where the directory should be
    assert r.stderr.startswith(f"{DEBUG_LOG}:0: cannot write")


# --- outputs --------------------------------------------------------------------------

def test_trace_json_loads_with_a_track_per_row(tmp_path):
    trace = json.loads(report(DEBUG_LOG, out=tmp_path)["trace.json"])
    events = trace["traceEvents"]
    threads = {e["tid"]: e["args"]["name"] for e in events if e["name"] == "thread_name"}
    assert sorted(threads.values()) == ["PID 0", "PID 1", "initcall levels"]
    calls = [e for e in events if e.get("cat") == "initcall"]
    assert len(calls) == LINUX_CALLS and all(e["ph"] == "X" for e in calls)
    assert sum(1 for e in calls if e["args"]["ret"] != 0) == LINUX_NONZERO
    assert len([e for e in events if e.get("cat") == "probe"]) == 25
    slow = next(e for e in calls if e["name"] == "crypto_algapi_init")
    assert slow["dur"] == 1106970 and slow["args"]["result"] == "0"
    # probes nest inside the initcall that ran them on its track
    for p in (e for e in events if e.get("cat") == "probe"):
        parent = [c for c in calls if c["tid"] == p["tid"] and c["ts"] <= p["ts"]
                  and p["ts"] + p["dur"] <= c["ts"] + c["dur"]]
        assert parent, p
    levels_ = [e["name"] for e in events if e.get("cat") == "level"]
    assert levels_ == ["level console", "level early", "level initcalls"]


def test_svg_parses_with_a_bar_per_call(tmp_path):
    svg = report(DEBUG_LOG, out=tmp_path)["boot.svg"]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(ns + "rect") if "bar" in r.get("class", "").split()]
    assert len(bars) == LINUX_CALLS + 25
    labels = [t.text for t in root.iter(ns + "text")]
    assert "crypto_algapi_init 1106970 us" in labels
    assert "exynos_mcpm_init 0 us (-19 ENODEV)" in labels
    assert "PID 0" in labels and "PID 1" in labels and "500.000 ms" in labels
    assert sum(1 for r in bars if "failed" in r.get("class")) == LINUX_NONZERO
    # every bar inside the picture
    width = float(root.get("width"))
    assert all(0 <= float(r.get("x")) <= width for r in bars)


def chromium(*args, timeout=120):
    exe = shutil.which("chromium")
    assert exe, "chromium is missing: scripts/ensure-deps.sh tool"
    return subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                           "--user-data-dir=" + args[0], *args[1:]],
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("log,bars", [(DEBUG_LOG, LINUX_CALLS + 25), (INITK_LOG, None)],
                         ids=["linux", "initk"])
def test_html_renders_in_chromium(tmp_path, log, bars):
    if bars is None:
        raw = read(log)
        bars = len(re.findall(r"\] calling  ", raw)) + len(re.findall(r"\] probe of ", raw))
    out = tmp_path / "report"
    report(log, out=out)
    page = "file://" + str(out / "index.html")
    r = chromium(str(tmp_path / "profile"), "--dump-dom", page)
    # the page's own script counts the bars it drew and says so in its title
    assert f"<title>bootreport: {bars} bars</title>" in r.stdout, r.stdout[:2000] + r.stderr[-2000:]
    assert f'<span id="bars">{bars}</span>' in r.stdout
    shot = tmp_path / "shot.png"
    chromium(str(tmp_path / "profile"), f"--screenshot={shot}", "--window-size=1400,900", page)
    with open(shot, "rb") as f:
        png = f.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000


# --- diff and the gate --------------------------------------------------------------------

def slower(text, name, usecs):
    """A copy of a log with one initcall usecs slower (its returned line)."""
    def bump(m):
        return f"{m[1]}{int(m[2]) + usecs} usecs"
    out, n = re.subn(rf"(initcall {name}\+0x\w+/0x\w+ returned -?\d+ after )(\d+) usecs", bump, text)
    assert n == 1
    return out


def test_diff_same_log_passes():
    r = run("--diff", INITK_LOG, INITK_LOG, "--fail-above", "10", "--fail-above-us", "50")
    assert "gate (growth > 50 us and > 10.0%): OK" in r.stdout


def test_diff_fails_on_growth_past_both_thresholds(tmp_path):
    after = write(tmp_path, "after.log", slower(read(INITK_LOG), "hello_init", 1000))
    r = run("--diff", INITK_LOG, after, "--fail-above", "10", "--fail-above-us", "50", code=1)
    assert "FAIL: hello_init (+1000 us)" in r.stdout
    first = r.stdout.split("largest growth first (usecs):\n", 1)[1].splitlines()[1]
    assert first.split()[0] == "+1000" and "hello_init" in first and "over the threshold" in first
    # without thresholds: only the report, exit 0
    run("--diff", INITK_LOG, after)


def test_diff_thresholds_are_absolute_and_relative(tmp_path):
    text = read(INITK_LOG)
    # +40 us on a 5 us call: 800% but under 50 us
    run("--diff", INITK_LOG, write(tmp_path, "a.log", slower(text, "hello_init", 40)),
        "--fail-above", "10", "--fail-above-us", "50")
    # +100 us on the 1452 us call: over 50 us but 7%
    run("--diff", INITK_LOG, write(tmp_path, "b.log", slower(text, "sunxi_mmc_driver_init", 100)),
        "--fail-above", "10", "--fail-above-us", "50")
    # either threshold alone
    run("--diff", INITK_LOG, str(tmp_path / "a.log"), "--fail-above", "10", code=1)
    run("--diff", INITK_LOG, str(tmp_path / "b.log"), "--fail-above-us", "50", code=1)


def test_diff_shrinking_never_fails(tmp_path):
    faster = re.sub(r"returned (-?\d+) after (\d+) usecs", lambda m: f"returned {m[1]} after "
                    f"{int(m[2]) // 2} usecs", read(INITK_LOG))
    # a faster boot: every printk time scaled down too
    faster = re.sub(r"^\[\s*(\d+)\.(\d{6})\]", lambda m: "[%5d.%06d]" % divmod(
        (int(m[1]) * 1000000 + int(m[2])) // 2, 1000000), faster, flags=re.M)
    r = run("--diff", INITK_LOG, write(tmp_path, "fast.log", faster), "--fail-above", "10",
            "--fail-above-us", "50")
    assert "OK" in r.stdout.splitlines()[-1]


def test_diff_new_gone_and_changed_result(tmp_path):
    text = read(INITK_LOG)
    text = text.replace("hello_init", "goodbye_init")
    text = text.replace("initcall sunxi_smp_init+0x0/0xa8 returned -19", "initcall sunxi_smp_init+0x0/0xa8 returned 0")
    r = run("--diff", INITK_LOG, write(tmp_path, "c.log", text))
    assert re.search(r"^new initcalls \(1\):\n\s+5 us  0\s+goodbye_init$", r.stdout, re.M)
    assert re.search(r"^gone initcalls \(1\):\n\s+5 us  0\s+hello_init$", r.stdout, re.M)
    assert "changed result (1):\n  -19 ENODEV -> 0  sunxi_smp_init" in r.stdout


def test_diff_fails_on_a_new_slow_initcall_and_the_total(tmp_path):
    text = read(INITK_LOG)
    lines = text.split("\n")
    i = next(n for n, l in enumerate(lines) if "calling  rtc_hctosys" in l)
    lines[i:i] = ["[    0.004200] calling  slow_new_init+0x0/0x10 @ 1",
                  "[    0.005200] initcall slow_new_init+0x0/0x10 returned 0 after 1000 usecs"]
    r = run("--diff", INITK_LOG, write(tmp_path, "n.log", "\n".join(lines)),
            "--fail-above", "10", "--fail-above-us", "50", code=1)
    assert "slow_new_init (+1000 us)" in r.stdout


def test_diff_with_report_directory(tmp_path):
    after = write(tmp_path, "after.log", slower(read(INITK_LOG), "hello_init", 1000))
    run("--diff", INITK_LOG, after, "-o", str(tmp_path / "r"))
    assert "hello_init" in read(tmp_path / "r" / "diff.txt")
    assert "<h2>Diff</h2>" in read(tmp_path / "r" / "index.html")


def test_the_committed_baseline_is_a_default_boot():
    base = os.path.join(ROOT, "tests", "bootreport", "baseline", "initk-default.log")
    b = blame_of(base)
    assert summary_line(b, "command line") == "console=ttyS0,115200 earlycon initcall_debug loglevel=8"
    assert "test_" not in b  # the production kernel, not the test kernel


def make_log(n):
    out = ["[    0.000000] Booting Linux on physical CPU 0x0"]
    t = 1000
    for i in range(n):
        out.append("[%5d.%06d] calling  fn_%d+0x0/0x40 @ 1" % (t // 1000000, t % 1000000, i))
        if i % 10 == 0:
            out.append("[%5d.%06d] probe of dev%d returned 0 after 2 usecs" % (t // 1000000, t % 1000000 + 3, i))
        t += 7
        out.append("[%5d.%06d] initcall fn_%d+0x0/0x40 returned %d after 6 usecs"
                   % (t // 1000000, t % 1000000, i, -19 if i % 50 == 0 else 0))
        t += 3
    return "\n".join(out) + "\n"


def test_linear_in_the_log_size(tmp_path):
    """4 times the initcalls (and probes): about 4 times the time, not 16 (a
    quadratic walk over the calls made it 11 times; start-up is in both)."""
    small = write(tmp_path, "small.log", make_log(10000))
    large = write(tmp_path, "large.log", make_log(40000))
    times = []
    for path in (small, large):
        best = None
        for _ in range(2):
            start = time.monotonic()
            run(path, "-q", "-o", path + ".d")
            elapsed = time.monotonic() - start
            best = elapsed if best is None else min(best, elapsed)
        times.append(best)
    assert times[1] < 6 * times[0], times
    assert counts(read(large + ".d/blame.txt"))[:2] == (40000, 800)


def test_initcall_debug_with_tp_printk_levels():
    """Both on (initk, initcall_debug tp_printk trace_event=initcall): the
    initcall_debug lines are the calls, the level events their levels."""
    log = os.path.join(INITK, "initcall_debug-tp_printk.log")
    b = blame_of(log)
    assert summary_line(b, "source") == "initcall_debug lines"
    raw = read(log)
    assert counts(b)[0] == len(re.findall(r"\] calling  ", raw))
    lv = levels(b)
    assert lv["console"] == 1 and lv["early"] == 5 and lv["late"] == 2 and "initcalls" not in lv
    assert sum(lv.values()) == counts(b)[0]
