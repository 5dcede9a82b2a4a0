#!/usr/bin/python3
"""Instruction profile of a boot: instructions per initcall and per function,
counted by QEMU itself, deterministic under -icount shift=0,sleep=off.

How: QEMU runs the boot with `-d exec,nochain,in_asm -D LOG`. `in_asm` logs
each translation block (TB) once, when it is translated, with the address of
every guest instruction in it; `exec` logs every execution of a TB (`nochain`
makes QEMU go through its main loop between TBs, so none is left out) with
its host pointer and guest PC. Every executed TB adds its instructions, each
to the function containing it (build/System.map; the kernel is Thumb-2 and
addresses are taken without the Thumb bit). Two corrections keep the count
exact: under icount an MMIO access that is not the last instruction of its TB
aborts the TB there (`cpu_io_recompile: rewound ...`) and QEMU goes on with a
new TB at that instruction, so the aborted TB counts only the instructions
before it; and a TB logged but never executed does not happen (translation is
immediately followed by execution).

Per initcall: the window from the first instruction of the initcall function
(CPU 0 executing a TB at its address, the initcalls taken in the order the
`calling` lines of initcall_debug name them) to the first TB back in
do_one_initcall / call_with_recovery / call_initcall: its body and everything
it calls, interrupts taken meanwhile included; the initcall_debug lines
do_one_initcall prints are outside. Per function: self instructions, every
CPU, from reset to the call of initcall_summary() (the "boot complete" line).

Usage: scripts/profile.py [--build DIR] [--out DIR] [--top N] [--runs N]
                          [--kernel FILE --dtb FILE --append ARGS]
Writes DIR/initcalls.txt, DIR/functions.txt, DIR/serial.txt (default
BUILD/profile) and prints both tables. With --runs 2 (the default) the boot is
profiled twice and the tables must be identical (exit status 1 otherwise).
"""
import argparse
import bisect
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DEFAULT_APPEND = "console=ttyS0,115200 initcall_debug loglevel=8"
# The functions an initcall returns to: the end of its window.
WRAPPERS = ("do_one_initcall", "call_with_recovery", "call_initcall")
END_FUNCTION = "initcall_summary"

TRACE_RE = re.compile(r"Trace (\d+): (0x[0-9a-f]+) \[[0-9a-f]+/([0-9a-f]+)/")
CALLING_RE = re.compile(r"\] calling  (\w+)\+0x0/0x[0-9a-f]+ @ (\d+)")


class Symbols:
    """Function lookup by address from `nm -n` (text symbols only)."""

    def __init__(self, elf):
        out = subprocess.run(["arm-none-eabi-nm", "-n", elf], check=True, capture_output=True,
                             text=True).stdout
        self.addr, self.name, self.by_name = [], [], {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) != 3 or parts[1] not in "tTwW" or parts[2].startswith("$"):
                continue
            a = int(parts[0], 16) & ~1
            self.by_name.setdefault(parts[2], a)
            if self.addr and self.addr[-1] == a:
                continue  # aliases (_start/_text): the first name
            self.addr.append(a)
            self.name.append(parts[2])

    def lookup(self, a):
        i = bisect.bisect_right(self.addr, a) - 1
        return self.name[i] if i >= 0 else "(below the kernel: QEMU's boot stub)"


def trace_boot(kernel, dtb, append, log, extra=()):
    """Boot under icount with QEMU's exec and in_asm logs into `log`; return
    the serial output up to the end of the boot."""
    cmd = [os.path.join(ROOT, "qemu", "run.sh"), "--kernel", kernel, "--icount", "--dtb", dtb,
           "--append", append, "--", "-no-reboot", "-rtc", "base=2026-01-01T00:00:00,clock=vm",
           "-d", "exec,nochain,in_asm", "-D", log, *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    out = b""
    done = re.compile(rb"initk: boot complete[^\r]*\r\n|Kernel panic")
    try:
        while not done.search(out):
            chunk = proc.stdout.read1(4096)
            if not chunk:
                break
            out += chunk
    finally:
        proc.terminate()  # QEMU flushes its log on SIGTERM
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = out.decode("utf-8", "replace")
    if "initk: boot complete" not in text:
        sys.exit("profile: the boot did not complete:\n" + text)
    return text


def count(log, syms, initcalls):
    """Walk QEMU's log. initcalls: the names, in the order they ran.
    Returns {"functions": {name: self}, "initcalls": [(name, n)], "cpus": {cpu: n},
    "total": n, "outside": n (CPU 0, not in an initcall)}."""
    entry = [syms.by_name[n] for n in initcalls]
    wrappers = {syms.by_name[n] for n in WRAPPERS if n in syms.by_name}
    end_pc = syms.by_name[END_FUNCTION]
    func_cache = {}

    def func(a):
        f = func_cache.get(a)
        if f is None:
            f = func_cache[a] = syms.lookup(a)
        return f

    tbs = {}          # host pointer -> (addresses, ((function, n), ...))
    pending = None    # addresses of the TB being logged by in_asm
    functions, cpus = {}, {}
    per_call = [0] * len(initcalls)
    next_call, current, outside = 0, None, 0
    last = {}         # cpu -> (addresses, initcall index or None) of its last TB
    rewound = None
    last_cpu = 0
    with open(log, errors="replace") as f:
        for line in f:
            c = line[0]
            if c == "0" and pending is not None:
                pending.append(int(line[2:line.index(":")], 16))
            elif c == "T":
                m = TRACE_RE.match(line)
                if not m:
                    continue
                cpu, ptr, pc = int(m[1]), m[2], int(m[3], 16)
                if pending is not None and pending and pending[0] == pc:
                    parts = {}
                    for a in pending:
                        fn = func(a)
                        parts[fn] = parts.get(fn, 0) + 1
                    tbs[ptr] = (tuple(pending), tuple(parts.items()))
                pending = None
                if rewound is not None and rewound == cpu and cpu in last:
                    # the previous TB stopped before this instruction
                    addrs, where = last[cpu]
                    if pc in addrs:
                        for a in addrs[addrs.index(pc):]:
                            functions[func(a)] -= 1
                            cpus[cpu] -= 1
                            if where is None:
                                if cpu == 0:
                                    outside -= 1
                            else:
                                per_call[where] -= 1
                rewound = None
                last_cpu = cpu
                if cpu == 0:
                    if pc == end_pc and current is None and next_call == len(entry):
                        break
                    if current is None:
                        if next_call < len(entry) and pc == entry[next_call]:
                            current, next_call = next_call, next_call + 1
                    elif pc in wrappers or func(pc) in WRAPPERS:
                        current = None
                tb = tbs.get(ptr)
                if tb is None:
                    sys.exit(f"profile: TB {ptr} at {pc:#x} executed before it was logged")
                addrs, parts = tb
                n = len(addrs)
                for fn, k in parts:
                    functions[fn] = functions.get(fn, 0) + k
                cpus[cpu] = cpus.get(cpu, 0) + n
                where = current if cpu == 0 else None
                if cpu == 0:
                    if current is None:
                        outside += n
                    else:
                        per_call[current] += n
                last[cpu] = (addrs, where)
            elif line.startswith("IN:"):
                pending = []
            elif line.startswith("cpu_io_recompile: rewound"):
                rewound = last_cpu
            elif line.startswith("----"):
                pass
    if next_call != len(entry):
        sys.exit(f"profile: {initcalls[next_call]} (initcall {next_call + 1}) never ran in QEMU's log")
    return {"functions": functions, "initcalls": list(zip(initcalls, per_call)), "cpus": cpus,
            "total": sum(cpus.values()), "outside": outside}


def initcall_names(serial):
    return [m[1] for m in CALLING_RE.finditer(serial)]


def tables(result, top):
    total = result["total"]
    ic = ["# initcall instructions (self + callees, CPU 0, from its first instruction to its "
          "return; interrupts included)",
          f"# {'n':>3} {'instructions':>12} {'%':>6}  initcall"]
    for i, (name, n) in enumerate(result["initcalls"], 1):
        ic.append(f"  {i:3d} {n:12d} {100 * n / total:6.2f}  {name}")
    inside = sum(n for _, n in result["initcalls"])
    ic.append(f"  {'':3s} {inside:12d} {100 * inside / total:6.2f}  (all {len(result['initcalls'])} "
              "initcalls)")
    ic.append(f"  {'':3s} {result['outside']:12d} {100 * result['outside'] / total:6.2f}  "
              "(CPU 0 outside initcalls: start-up, do_one_initcall and its initcall_debug lines, SMP)")
    for cpu in sorted(result["cpus"]):
        if cpu:
            n = result["cpus"][cpu]
            ic.append(f"  {'':3s} {n:12d} {100 * n / total:6.2f}  (CPU {cpu})")
    ic.append(f"  {'':3s} {total:12d} {100.0:6.2f}  (total, reset to initcall_summary)")
    fn = [f"# functions by self instructions, every CPU, reset to initcall_summary (top {top} of "
          f"{len(result['functions'])})",
          f"# {'n':>3} {'self':>12} {'%':>6} {'cum %':>6}  function"]
    cum = 0
    ranked = sorted(result["functions"].items(), key=lambda kv: (-kv[1], kv[0]))
    for i, (name, n) in enumerate(ranked[:top], 1):
        cum += n
        fn.append(f"  {i:3d} {n:12d} {100 * n / total:6.2f} {100 * cum / total:6.2f}  {name}")
    fn.append(f"  {'':3s} {sum(result['functions'].values()):12d} {'':6s} {'':6s}  "
              "(all functions: the total)")
    return "\n".join(ic) + "\n", "\n".join(fn) + "\n"


def profile(kernel, elf, dtb, append, out, extra=()):
    """One profiled boot; returns (result, serial text)."""
    os.makedirs(out, exist_ok=True)
    log = os.path.join(out, "qemu.log")
    serial = trace_boot(kernel, dtb, append, log, extra)
    result = count(log, Symbols(elf), initcall_names(serial))
    os.unlink(log)  # tens of MB
    return result, serial


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--kernel", default=None, help="raw image (default BUILD/initk.bin)")
    parser.add_argument("--dtb", default=None)
    parser.add_argument("--append", default=DEFAULT_APPEND)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    kernel = args.kernel or os.path.join(args.build, "initk.bin")
    elf = os.path.splitext(kernel)[0] + ".elf"
    dtb = args.dtb or os.path.join(args.build, "dts", "sun8i-h3-orangepi-pc.dtb")
    out = args.out or os.path.join(args.build, "profile")
    runs = []
    for _ in range(max(1, args.runs)):
        result, serial = profile(kernel, elf, dtb, args.append, out)
        runs.append((tables(result, args.top), serial))
    (ic, fn), serial = runs[0]
    same = all(r == runs[0] for r in runs[1:])
    head = (f"initk instruction profile: {kernel}, bootargs \"{args.append}\", "
            "qemu-system-arm -M orangepi-pc -icount shift=0,sleep=off (1 instruction = 1 ns)\n")
    verdict = (f"deterministic: {'yes' if same else 'NO'} ({len(runs)} runs"
               f"{', identical tables and serial output' if same else ' differ'})\n")
    for name, text in (("initcalls.txt", head + ic), ("functions.txt", head + fn),
                       ("serial.txt", serial)):
        with open(os.path.join(out, name), "w") as f:
            f.write(text)
    print(head + "\n" + ic + "\n" + fn + "\n" + verdict, end="")
    print(f"(written to {out}/initcalls.txt, functions.txt, serial.txt)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
