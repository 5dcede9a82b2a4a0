#!/usr/bin/python3
"""Boot benchmark: boot the kernel under QEMU with -icount shift=0,sleep=off
(one guest instruction = 1 ns of virtual time, so the figures do not depend on
how busy this machine is) and report, from the kernel's own timestamps:
virtual time to the first console line, to the start of each initcall level,
to the end of all initcalls; how many initcalls ran; the image size. Every
boot is run twice and the outputs must be identical.

Usage: scripts/bench.py [--build DIR] [--out FILE] [--only SECTION]
SECTION: boot (the boots and the figures measured in them) or bootreport
(host time of scripts/bootreport on a generated 100,000-initcall log and on
Linux's reference log, beside Linux's scripts/bootgraph.pl); default all.
"""
import argparse
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

import bench_linux
import qemu_console

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def level_table():
    """[(level, event name)] from include/kernel/initcall_levels.h, in run order."""
    with open(os.path.join(ROOT, "include", "kernel", "initcall_levels.h")) as f:
        table = f.read().split("#define INITCALL_LEVELS(X)", 1)[1]
    return re.findall(r"\bX\((\w+), (\w+)\)", table)


# The event names after console, in order: the levels the report lists.
LEVELS = list(dict.fromkeys(event for _, event in level_table()))[1:]
TARGET_END_US = 600  # issue 17: end of all initcalls (the Linux section reports it from reset)
TARGET_IMAGE = 128 * 1024  # the budget for this batch of issues


def symbols(elf):
    out = subprocess.run(["arm-none-eabi-nm", elf], check=True, capture_output=True,
                         text=True).stdout
    syms = {}
    for line in out.splitlines():
        addr, _, name = line.split()
        syms.setdefault(name, int(addr, 16))
    return syms


def initcall_levels(elf, syms):
    """{function name: level} read from the initcall tables in the ELF."""
    data = subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", "-j", ".init.data", elf,
                           "/dev/stdout"], check=True, capture_output=True).stdout
    base = subprocess.run(["arm-none-eabi-objdump", "-h", elf], check=True,
                          capture_output=True, text=True).stdout
    m = re.search(r"\.init\.data\s+[0-9a-f]+\s+([0-9a-f]+)", base)
    section = int(m[1], 16)
    by_addr = {}
    for name, addr in syms.items():
        by_addr.setdefault(addr, name)
    levels = {}
    for level, event in level_table():
        if event == "console":
            continue
        for ptr in range(syms[f"__initcall_{level}_start"], syms[f"__initcall_{level}_end"], 4):
            fn = struct.unpack_from("<I", data, ptr - section)[0] & ~1  # bit 0: Thumb
            levels[by_addr.get(fn, hex(fn))] = event
    return levels


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(kernel, dtb, append, raw_dtb=False, extra=()):
    """Boot once. raw_dtb: the ELF kernel with the tree loaded raw and r2 set
    through QEMU's gdb stub (QEMU passes no DTB to an ELF): the secure path."""
    cmd = [os.path.join(ROOT, "qemu", "run.sh"), "--kernel", kernel, "--icount"]
    if not raw_dtb:
        cmd += ["--dtb", dtb, "--append", append]
    # a fixed RTC on virtual time: rtc_hctosys prints the date, and two runs must match
    cmd += ["--", "-no-reboot", "-rtc", "base=2026-01-01T00:00:00,clock=vm", *extra]
    if raw_dtb:
        port = free_port()
        cmd += ["-S", "-gdb", f"tcp:127.0.0.1:{port}", "-device",
                f"loader,file={dtb},addr=0x48000000,force-raw=on"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    if raw_dtb:
        gdb = ["gdb-multiarch", "-nx", "-batch", "-ex", "set architecture arm",
               "-ex", f"target remote 127.0.0.1:{port}", "-ex", "set $r2=0x48000000",
               "-ex", "detach"]
        for _ in range(50):
            r = subprocess.run(gdb, capture_output=True, text=True)
            if r.returncode == 0 and "detached" in r.stdout + r.stderr:
                break
            time.sleep(0.1)
    done = re.compile(rb"initk: boot complete[^\r]*\r\n|Kernel panic")
    try:
        out = qemu_console.read_until(proc.stdout, done, 4096)
    finally:
        proc.kill()
        proc.wait()
    text = out.decode("utf-8", "replace")
    if "initk: boot complete" not in text:
        sys.exit("bench: the boot did not complete:\n" + text)
    return text[:text.index("\r\n", text.index("initk: boot complete")) + 2]


def shell_session(kernel, dtb, lines, extra=()):
    """Boot to the shell under icount, type each line, return the output.
    Idle time does not count (sleep=off, no timer armed): the clock moves
    only with the instructions that handle what is typed."""
    cmd = [os.path.join(ROOT, "qemu", "run.sh"), "--kernel", kernel, "--icount", "--dtb", dtb,
           "--append", "console=ttyS0,115200 loglevel=8", "--", "-no-reboot", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    out = b""
    try:
        for line in [None] + lines:
            if line is not None:
                proc.stdin.write(line.encode() + b"\r")
                proc.stdin.flush()
            while not out.endswith(b"/ # ") and not re.search(rb"Kernel panic", out):
                chunk = proc.stdout.read1(65536)
                if not chunk:
                    break
                out += chunk
            if not out.endswith(b"/ # "):
                sys.exit("bench: the shell did not answer:\n" + out.decode("utf-8", "replace")[-3000:])
            out += b"\n"  # the next prompt is a new one
    finally:
        proc.kill()
        proc.wait()
    return out.decode("utf-8", "replace")


def shell_figures(kernel, dtb):
    """Echo cost per typed character (the boot CPU's busy time: its waits in
    wfi for the next byte do not count, since under sleep=off QEMU may warp
    the clock to its UART model's timers then), and the time cat trace takes
    for 4096 records."""
    typed = 400
    t = "/sys/kernel/tracing"
    lines = ["bench_clock", "bench_clock", "bench_clock", "bench_clock " + "x" * typed,
             f"mount -t tracefs nodev {t}", f"echo 24 > {t}/buffer_size_kb",
             f"echo ktest:ktest_seq > {t}/set_event", "trace_burst 1024",
             f"bench_time cat {t}/trace > /dev/null", f"bench_time cat {t}/trace | wc -l"]
    out = shell_session(kernel, dtb, lines)
    clocks = [int(m) for m in re.findall(r"clock: \d+ ns, busy (\d+) ns", out)]
    times = [int(m) for m in re.findall(r"bench_time: (\d+) ns", out)]
    records = re.search(r"\n(\d+)\r\n", out[out.rindex("wc -l"):])
    base = clocks[2] - clocks[1]  # a line of its own name, with the prompt and the echo
    per_char = (clocks[3] - clocks[2] - base) / typed
    return {"echo": per_char, "render": times[0], "lines": int(records[1]) if records else None,
            "out": out}


def stamp(line):
    m = re.match(r"\[\s*(\d+)\.(\d{6})\]", line)
    return int(m[1]) * 1000000 + int(m[2]) if m else None


def analyse(text, levels):
    lines = text.split("\r\n")
    first = next(stamp(l) for l in lines if stamp(l) is not None)
    entry = next(int(m[1]) for m in (re.search(r"entered at count (\d+)", l) for l in lines) if m)
    freq = next(int(m[1]) for m in (re.search(r"generic counter at (\d+) Hz", l) for l in lines) if m)
    level_start, calls, end = {}, 0, None
    smp_start = next((stamp(l) for l in lines if "smp: Bringing up secondary CPUs" in l), None)
    smp_done = next((stamp(l) for l in lines if "smp: Brought up" in l), None)
    cpus = next((int(m[1]) for m in (re.search(r"Brought up 1 node, (\d+) CPU", l) for l in lines) if m), 1)
    console = next((stamp(l) for l in lines if "printk: console [ttyS0] enabled" in l), None)
    for line in lines:
        m = re.search(r"\] calling  (\w+)\+\S+ @ (\d+)", line)
        if m:
            calls += 1
            # not in a level's list: a console initcall (PID 0) or an early
            # driver, which the early level runs before its list
            level = levels.get(m[1], "console" if m[2] == "0" else "early")
            level_start.setdefault(level, stamp(line))
        if re.search(r"\] initcall \w+\+\S+ returned", line):
            end = stamp(line)
        if "Freeing unused kernel image" in line and end is None:
            end = stamp(line)
    return {"smp": (smp_done - smp_start) if smp_start is not None else None, "cpus": cpus,
            "entry_us": entry * 1000000 // freq, "first": first, "console": console, "levels": level_start,
            "calls": calls, "end": end}


def straight_line_instructions(elf, symbol):
    """Instructions of a function that runs straight through (no branch but
    its call and return), counted in the disassembly, literal words left out."""
    out = subprocess.run(["arm-none-eabi-objdump", "-d", f"--disassemble={symbol}", elf],
                         check=True, capture_output=True, text=True).stdout
    n = sum(1 for l in out.splitlines()
            if re.match(r"\s*[0-9a-f]+:\s+[0-9a-f]{8}\s+\w", l) and ".word" not in l)
    if not n:
        sys.exit(f"bench: no instructions of {symbol} in {elf}")
    return n


def containment_figures(elf, kernel, dtb, test_kernel, test_dtb, levels):
    """Issue 13's figures: what the recovery point and the lockup detector
    add to an initcall, and how long after a hang its report comes."""
    lines = ["== containment: recovery points and the lockup detector (icount)"]
    n = straight_line_instructions(elf, "call_with_recovery") - 1  # its blx is the call itself
    lines.append(f"  recovery point per call  {n:8d} instructions (target <= 30: "
                 f"{'met' if n <= 30 else 'NOT met'}; call_with_recovery, straight through, from the ELF)")
    base = "console=ttyS0,115200 initcall_debug loglevel=8"
    on, off = analyse(run(kernel, dtb, base), levels), analyse(run(kernel, dtb, base + " initcall_timeout_ms=0"), levels)
    per = (on["end"] - off["end"]) * 1000 / max(on["calls"], 1)
    lines.append(f"  lockup detector          {per:8.0f} instructions per initcall (end of initcalls "
                 f"{on['end']} us with it, {off['end']} us with initcall_timeout_ms=0; includes "
                 "waking the watching CPU)")
    text = run(test_kernel, test_dtb, base + " test_fault=spin initcall_timeout_ms=200").split("\r\n")
    start = next(stamp(l) for l in text if "calling  test_fault_device+" in l)
    found = next(stamp(l) for l in text if "BUG: soft lockup" in l)
    gone = next(stamp(l) for l in text if "initk: abandoning test_fault_device" in l)
    lines.append(f"  soft lockup to report    {found - start - 200000:8d} us after the 200 ms deadline "
                 f"(initcall_timeout_ms=200); report to abandon {gone - found} us")
    lines.append("")
    return lines


def sd_card(directory, file_mib=4):
    """A 64 MiB card: an MBR, a FAT16 partition at 1 MiB holding big.bin."""
    img, fat, big = (os.path.join(directory, n) for n in ("card.img", "p1.fat", "big.bin"))
    with open(img, "wb") as f:
        f.truncate(64 << 20)
    subprocess.run(["/usr/sbin/sfdisk", "-q", img], input="label: dos\nstart=2048, type=6\n",
                   text=True, check=True, capture_output=True)
    subprocess.run(["/usr/sbin/mkfs.vfat", "-C", "-F", "16", fat, str(63 * 1024)], check=True,
                   capture_output=True)
    with open(big, "wb") as f:
        f.write(os.urandom(file_mib << 20))
    subprocess.run(["mcopy", "-i", fat, big, "::big.bin"], check=True)
    with open(img, "r+b") as f, open(fat, "rb") as part:
        f.seek(2048 * 512)
        f.write(part.read())
    return img


def sd_figures(kernel, dtb, test_kernel, test_dtb, linux_dtb):
    """Card identification time, reading a file from FAT on the card, and how
    many devices bind with Linux's own tree."""
    report = []
    with tempfile.TemporaryDirectory() as d:
        img = sd_card(d)
        drive = ("-drive", f"if=sd,format=raw,file={img}")
        log = run(kernel, dtb, "console=ttyS0,115200 initcall_debug loglevel=8", extra=drive)
        calling = [stamp(l) for l in log.splitlines() if "calling  sunxi_mmc_driver_init" in l]
        found = [stamp(l) for l in log.splitlines() if re.search(r"mmc0: new .*card at address", l)]
        report.append("== the SD card (64 MiB image, QEMU's SD host model, icount)")
        if calling and found:
            report.append(f"  calling sunxi_mmc_driver_init to 'mmc0: new ... card' {found[0] - calling[0]:8d} us")
        if os.path.exists(test_kernel):
            out = shell_session(test_kernel, test_dtb, ["mount -t vfat /dev/mmcblk0p1 /mnt",
                                                        "bench_time cat /mnt/big.bin > /dev/null"],
                                extra=drive)
            ns = re.search(r"bench_time: (\d+) ns", out)
            if ns:
                mib = 4
                report.append(f"  sequential read, 4 MiB file through FAT      {mib / (int(ns[1]) / 1e9):8.1f} MiB/s "
                              "of virtual time")
    if os.path.exists(linux_dtb):
        log = run(kernel, linux_dtb, "console=ttyS0,115200 initcall_debug loglevel=8")
        bound = len(re.findall(r"probe of \S+ returned 0 after", log))
        unbound = len(re.findall(r": no driver\r", log))
        report.append(f"  Linux's sun8i-h3-orangepi-pc.dtb: {bound} devices bound, {unbound} with no driver")
    report.append("")
    return report


def linux_style_log(n):
    """A Linux-format initcall_debug log of n initcalls (PID 1, every 50th
    -19, a probe every 10th), for the bootreport figures."""
    out = ["[    0.000000] Booting Linux on physical CPU 0x0",
           "[    0.000000] Linux version 6.1.0 (generated) #1 SMP",
           "[    0.000000] OF: fdt: Machine model: Xunlong Orange Pi PC",
           "[    0.000000] Kernel command line: console=ttyS0,115200 initcall_debug"]
    t = 1000
    for i in range(n):
        out.append("[%5d.%06d] calling  generated_%d_init+0x0/0x40 @ 1" % (t // 1000000, t % 1000000, i))
        if i % 10 == 0:
            out.append("[%5d.%06d] probe of %x.device returned 0 after 3 usecs"
                       % ((t + 4) // 1000000, (t + 4) % 1000000, i))
        t += 7 + i % 13
        out.append("[%5d.%06d] initcall generated_%d_init+0x0/0x40 returned %d after %d usecs"
                   % (t // 1000000, t % 1000000, i, -19 if i % 50 == 0 else 0, 6 + i % 13))
        t += 3
    out.append("[%5d.%06d] Freeing unused kernel image (initmem) memory: 2048K" % (t // 1000000, t % 1000000))
    return "\n".join(out) + "\n"


def bootgraph_pl(directory):
    """Linux's scripts/bootgraph.pl, taken out of Debian's linux-source-6.1 when installed."""
    tarball = "/usr/src/linux-source-6.1.tar.xz"
    target = os.path.join(directory, "bootgraph.pl")
    if os.path.exists(target):
        return target
    if not os.path.exists(tarball) or not shutil.which("perl"):
        return None
    member = "linux-source-6.1/scripts/bootgraph.pl"
    r = subprocess.run(["tar", "-xJf", tarball, "-O", member], capture_output=True)
    if r.returncode:
        return None
    with open(target, "wb") as f:
        f.write(r.stdout)
    return target


def timed(cmd, stdin=None, runs=3):
    """The best of runs wall-clock times of cmd, and its output."""
    best, out = None, None
    for _ in range(runs):
        with open(stdin, "rb") if stdin else open(os.devnull, "rb") as f:
            start = time.perf_counter()
            r = subprocess.run(cmd, stdin=f, capture_output=True)
            elapsed = time.perf_counter() - start
        if r.returncode:
            sys.exit(f"bench: {' '.join(cmd)} failed:\n" + r.stderr.decode(errors="replace"))
        best = elapsed if best is None else min(best, elapsed)
        out = r.stdout
    return best, out


def bootreport_figures(build):
    """Host seconds for scripts/bootreport (every output: blame, SVG, trace
    JSON, HTML) and, side by side, Linux's bootgraph.pl (its SVG), on the same logs."""
    work = os.path.join(build, "bench", "bootreport")
    os.makedirs(work, exist_ok=True)
    generated = os.path.join(work, "generated-100000.log")
    with open(generated, "w") as f:
        f.write(linux_style_log(100000))
    linux = os.path.join(ROOT, "tests", "fixtures", "linux-6.1-orangepi-pc", "linux-initcall_debug.log")
    tool = os.path.join(ROOT, "scripts", "bootreport")
    bootgraph = bootgraph_pl(work)
    lines = ["== scripts/bootreport: host seconds (best of 3) to read a log and write index.html, "
             "boot.svg, blame.txt and trace.json; Linux's scripts/bootgraph.pl (SVG only) on the same file"]
    lines.append(f"  {'log':48s} {'initcalls':>9s} {'bootreport':>11s} {'bootgraph.pl':>13s}")
    for name, path, calls in (("Linux 6.1 reference (linux-initcall_debug.log)", linux, 872),
                              ("generated, 100,000 initcalls", generated, 100000)):
        ours, _ = timed([tool, "-q", path, "-o", os.path.join(work, "out")])
        if bootgraph:
            theirs, svg = timed(["perl", bootgraph], stdin=path)
            theirs = f"{theirs:12.2f}s" if svg.lstrip().startswith(b"<?xml") or b"<svg" in svg[:2000] \
                else "   no output"
        else:
            theirs = "  not at hand"
        lines.append(f"  {name:48s} {calls:9d} {ours:10.2f}s {theirs:>13s}")
    if not bootgraph:
        lines.append("  (bootgraph.pl comes from Debian's linux-source-6.1: apt-get install linux-source-6.1)")
    lines.append("")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--only", choices=["boot", "bootreport"], default=None)
    args = parser.parse_args()
    if args.only == "bootreport":
        text = "\n".join(bootreport_figures(args.build)) + "\n"
        print(text, end="")
        if args.out:
            with open(args.out, "w") as f:
                f.write(text)
        return 0
    elf = os.path.join(args.build, "initk.elf")
    kernel = os.path.join(args.build, "initk.bin")
    dtb = os.path.join(args.build, "dts", "sun8i-h3-orangepi-pc.dtb")
    syms = symbols(elf)
    levels = initcall_levels(elf, syms)

    report = ["initk boot benchmark: qemu-system-arm -M orangepi-pc, raw image + DTB,",
              "-icount shift=0,sleep=off (1 instruction = 1 ns virtual time; times in",
              "microseconds of virtual time from kernel entry, from the kernel's own printk",
              "timestamps)", ""]
    deterministic = True
    configs = [
        ("initcall_debug on, PSCI (raw image + DTB, non-secure)",
         "console=ttyS0,115200 initcall_debug loglevel=8", False),
        ("initcall_debug off, PSCI (raw image + DTB, non-secure)",
         "console=ttyS0,115200 loglevel=8", False),
        ("tracing on (initcall events recorded), initcall_debug off, PSCI",
         "console=ttyS0,115200 loglevel=8 trace_event=initcall", False),
        ("initcall_debug on, CPUCFG (ELF + raw DTB, secure; built-in command line)", None, True),
    ]
    for title, append, secure in configs:
        image = elf if secure else kernel
        first_run = run(image, dtb, append, raw_dtb=secure)
        second_run = run(image, dtb, append, raw_dtb=secure)
        same = first_run == second_run
        deterministic &= same
        r = analyse(first_run, levels)
        report.append(f"== {title}" + (f": bootargs \"{append}\"" if append else ""))
        report.append(f"  kernel entered {r['entry_us']} us after the counter started (QEMU reset)")
        report.append(f"  first printk line       {r['first']:8d} us   (buffered until a console starts)")
        if r["console"] is not None:
            report.append(f"  ttyS0 console enabled   {r['console']:8d} us   (the first line reaches the serial port)")
        if r["smp"] is not None:
            report.append(f"  SMP bring-up            {r['smp']:8d} us   ({r['cpus']} CPUs online)")
        if r["levels"]:
            for level in ["console"] + LEVELS:
                at = r["levels"].get(level)
                report.append(f"  level {level:9s} start  {at:8d} us" if at is not None
                              else f"  level {level:9s}        (no initcalls)")
            report.append(f"  initcalls               {r['calls']:8d}")
        if secure:
            report.append(f"  end of all initcalls    {r['end']:8d} us   (includes the CPUCFG power-up "
                          "delays: 10 ms + 1 ms per CPU, as Linux waits)")
        else:
            report.append(f"  end of all initcalls    {r['end']:8d} us   (target <= {TARGET_END_US} us: "
                          f"{'met' if r['end'] <= TARGET_END_US else 'NOT met'})")
        report.append(f"  two runs identical: {'yes' if same else 'NO'}")
        report.append("")

    # Event and printk costs, measured inside the test kernel (tests/kernel/trace.c)
    test_kernel = os.path.join(args.build, "test", "initk.bin")
    test_dtb = os.path.join(args.build, "test", "dts", "sun8i-h3-orangepi-pc-test.dtb")
    if os.path.exists(test_kernel):
        append = "console=ttyS0,115200 loglevel=8 test_trace_cost trace_event=ktest:ktest_cost"
        first_run, second_run = run(test_kernel, test_dtb, append), run(test_kernel, test_dtb, append)
        deterministic &= first_run == second_run
        report.append("== cost per call, in instructions (ns of virtual time at shift=0), from the test kernel")
        for m in re.finditer(r"# cost: ([^:]+): ([\d.]+) ns per call", first_run):
            target = {"disabled trace event": " (target <= 5)",
                      "recorded trace event": " (target <= 100)"}.get(m[1], " (printed and sent to the UART)")
            report.append(f"  {m[1]:24s} {m[2]:>10s}{target}")
        report.append("")

    if os.path.exists(test_kernel):
        # Not in the determinism verdict: how many typed bytes each receive
        # interrupt finds depends on the host's timing; both runs are shown.
        first, second = shell_figures(test_kernel, test_dtb), shell_figures(test_kernel, test_dtb)
        report.append("== the shell (test kernel, typed over the serial line, icount; two runs: "
                      f"{first['echo']:.0f}/{second['echo']:.0f} instructions, "
                      f"{first['render'] / 1e6:.2f}/{second['render'] / 1e6:.2f} ms: the receive "
                      "interrupts batch typed bytes as the host delivers them)")
        report.append(f"  echo of a typed character {first['echo']:8.0f} instructions "
                      f"(target <= 2000: {'met' if first['echo'] <= 2000 else 'NOT met'}; "
                      "receive interrupt, line editor, echo to the UART)")
        ms = first["render"] / 1e6
        report.append(f"  cat trace, 4096 records   {ms:8.2f} ms to render ({first['lines']} lines) "
                      f"(target <= 20 ms: {'met' if ms <= 20 else 'NOT met'})")
        report.append("")

    if os.path.exists(test_kernel):
        report += containment_figures(elf, kernel, dtb, test_kernel, test_dtb, levels)

    report += sd_figures(kernel, dtb, test_kernel, test_dtb,
                         os.path.join(args.build, "linux-dtbs", "sun8i-h3-orangepi-pc.dtb"))

    side, same = bench_linux.section(kernel, dtb, os.path.join(args.build, "linux-dtbs", "vmlinuz"),
                                     os.path.join(args.build, "linux-dtbs", "sun8i-h3-orangepi-pc.dtb"), run)
    report += side
    deterministic &= same

    sizes = {"text": syms["_etext"] - syms["_text"],
             "rodata": syms["__init_begin"] - syms["_etext"],
             "data": syms["__data_end"] - syms["_sdata"],
             "init": syms["__init_end"] - syms["__init_begin"],
             "bss": syms["_end"] - syms["__bss_start"]}
    image = os.path.getsize(kernel)
    report.append("== image: " + ", ".join(f"{k} {v}" for k, v in sizes.items()) + " bytes")
    report.append(f"  initk.bin {image} bytes (target <= {TARGET_IMAGE}: "
                  f"{'met' if image <= TARGET_IMAGE else 'NOT met'})")
    if args.only is None:
        report += bootreport_figures(args.build)
    report.append(f"deterministic: {'yes, every boot ran twice with identical output' if deterministic else 'NO'}")
    text = "\n".join(report) + "\n"
    print(text, end="")
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    return 0 if deterministic else 1


if __name__ == "__main__":
    sys.exit(main())
