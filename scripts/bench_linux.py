"""The side-by-side section of scripts/bench.py: initk and Debian's Linux 6.1
armmp kernel (linux-image-armmp:armhf, the package the tests take Linux's DTBs
from) booted on the same QEMU machine with the same flags (-M orangepi-pc,
-icount shift=0,sleep=off, a fixed RTC), each twice; both logs go through the
same parser (scripts/initcall_log.py).

Linux boots with maxcpus=1: under icount with 4 CPUs it hangs (its secondary
CPUs' bring-up never completes in virtual time). It has no root filesystem
here, so it ends at "VFS: Unable to mount root fs" and panics (panic=-1 and
-no-reboot make QEMU exit); its initcalls are all done by then.
"""
import os
import re
import subprocess
import threading

import initcall_log
import profile
import qemu_console

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
INITK_APPEND = "console=ttyS0,115200 initcall_debug loglevel=8"
LINUX_APPEND = "console=ttyS0,115200 initcall_debug printk.time=1 loglevel=8 maxcpus=1 panic=-1"
LINUX_TIMEOUT = 300  # seconds of wall clock; a boot takes about 20
TARGET_PAIR = 3000   # instructions per empty initcall with initcall_debug
TARGET_END_US = 600  # end of all initcalls, virtual time after reset
TARGET_IMAGE = 128 * 1024


def linux_boot(vmlinuz, dtb):
    """Boot Linux once; its console output up to the panic line."""
    cmd = [os.path.join(ROOT, "qemu", "run.sh"), "--kernel", vmlinuz, "--icount", "--dtb", dtb,
           "--append", LINUX_APPEND, "--", "-no-reboot", "-rtc", "base=2026-01-01T00:00:00,clock=vm"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    timer = threading.Timer(LINUX_TIMEOUT, proc.kill)
    timer.start()
    end = re.compile(rb"Kernel panic - not syncing: [^\r\n]*\r?\n")
    try:
        out = qemu_console.read_until(proc.stdout, end)
    finally:
        timer.cancel()
        proc.kill()
        proc.wait()
    text = out.decode("utf-8", "replace")
    m = end.search(out)
    if not m:
        raise RuntimeError("Linux did not reach its panic line (timeout or QEMU exit):\n" + text[-2000:])
    return text[:len(out[:m.end()].decode("utf-8", "replace"))]


def entry_us(text):
    """initk: microseconds from reset (the counter's start) to kernel entry."""
    count = re.search(r"entered at count (\d+)", text)
    freq = re.search(r"generic counter at (\d+) Hz", text)
    return int(count[1]) * 10**6 // int(freq[1]) if count and freq else 0


def section(kernel, dtb, vmlinuz, linux_dtb, run):
    """(report lines, deterministic). run(kernel, dtb, append) boots initk
    under icount and returns its log (bench.run)."""
    stamp = os.path.join(os.path.dirname(vmlinuz), ".stamp")
    package = open(stamp).read().strip() if os.path.exists(stamp) else "vmlinuz"
    lines = ["== side by side: initk and Debian's Linux 6.1 armmp on the same QEMU (-M orangepi-pc, "
             "-icount shift=0,sleep=off)",
             f"  initk: initk.bin + DTB, bootargs \"{INITK_APPEND}\"",
             f"  Linux: {package}'s vmlinuz "
             f"+ its sun8i-h3-orangepi-pc.dtb, bootargs \"{LINUX_APPEND}\"",
             "         (maxcpus=1: Linux hangs under icount with 4 CPUs; no root fs: it stops at "
             "\"VFS: Unable to mount root fs\")"]
    if not (os.path.exists(vmlinuz) and os.path.exists(linux_dtb)):
        return lines + [f"  skipped: no {vmlinuz} (make {os.path.relpath(vmlinuz, ROOT)})", ""], True
    initk = [run(kernel, dtb, INITK_APPEND) for _ in range(2)]
    linux = [linux_boot(vmlinuz, linux_dtb) for _ in range(2)]
    same = initk[0] == initk[1] and linux[0] == linux[1]
    a, b = initcall_log.summary(initk[0]), initcall_log.summary(linux[0])
    k = 1000  # instructions per microsecond at shift=0

    def ratio(x, y):
        return f"{y / x:.1f}x" if x and y is not None else "-"

    rows = [("end of initcalls (printk time, us)", a["end_us"], b["end_us"]),
            ("initcalls run", a["initcalls"], b["initcalls"]),
            ("  returning non-zero", a["nonzero"], b["nonzero"]),
            ("  reporting the least duration", f"{a['least_count']} at "
             f"{a['least_usecs']} us", f"{b['least_count']} at {b['least_usecs']} us"),
            ("calling-to-calling, min (instructions)", a["pair_min_us"] * k, b["pair_min_us"] * k),
            ("calling-to-calling, median (instructions)", int(a["pair_median_us"] * k),
             int(b["pair_median_us"] * k)),
            ("image (bytes)", os.path.getsize(kernel), os.path.getsize(vmlinuz))]
    lines.append(f"  {'figure':44s} {'initk':>14s} {'Linux':>14s} {'Linux/initk':>12s}")
    for name, x, y in rows:
        r = ratio(x, y) if isinstance(x, int) else ""
        lines.append(f"  {name:44s} {x!s:>14s} {y!s:>14s} {r:>12s}")
    lines.append("  (calling-to-calling: printk time from an emptiest initcall's `calling` line to the "
                 "next `calling` line, x1000;")
    lines.append("   printk time starts at initk's entry, at Linux's sched_clock registration)")
    # The printk times above count whole microseconds (+-1,000 instructions):
    # the target reads initk's figure exactly, from the same boot profiled
    # (scripts/profile.py: from an emptiest initcall's first instruction to
    # the next one's, i.e. its `returned` line, do_one_initcall and the next
    # `calling` line: the same cycle, counted by QEMU).
    result, _, _ = profile.profile(kernel, os.path.splitext(kernel)[0] + ".elf", dtb, INITK_APPEND)
    least = [c["name"] for c in a["calls"][:-1] if c["usecs"] == a["least_usecs"]]
    exact = [n for (name, _), n in zip(result["initcalls"], result["to_next"]) if name in least]
    pair = min(exact) if exact else a["pair_min_us"] * k  # none before a next `calling`: the log's
    lines.append(f"  calling-to-calling, min, exact (initk, make profile's count over the {len(exact)} "
                 f"at {a['least_usecs']} us): {pair} instructions")
    end, image = entry_us(initk[0]) + a["end_us"], os.path.getsize(kernel)
    for text, value, target in (
            ("per empty initcall with initcall_debug (min)", pair, TARGET_PAIR),
            ("end of all initcalls, us after reset", end, TARGET_END_US),
            ("image, bytes", image, TARGET_IMAGE)):
        lines.append(f"  target: {text:44s} {value:9d} <= {target:7d}: "
                     f"{'met' if value <= target else 'NOT met'}")
    lines.append(f"  two runs of each identical: {'yes' if same else 'NO'}")
    lines.append("")
    return lines, same
