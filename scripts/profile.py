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

With --window NAME: also where CPU 0's instructions go from initcall NAME's
first instruction to the next initcall's (NAME's body, its `returned` line,
do_one_initcall, the next `calling` line, interrupts taken meanwhile):
instructions per function and how often each was entered (a TB starting at
the function's first instruction), written to DIR/window.txt.

Usage: scripts/profile.py [--build DIR] [--out DIR] [--top N] [--runs N]
                          [--kernel FILE --dtb FILE --append ARGS] [--window NAME]
Writes DIR/initcalls.txt, DIR/functions.txt, DIR/serial.txt (default
BUILD/profile) and prints both tables. With --runs 2 (the default) the boot is
profiled twice and the tables must be identical (exit status 1 otherwise).
"""
import argparse
import array
import bisect
import os
import re
import subprocess
import sys
import tempfile
import threading

import qemu_console

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DEFAULT_APPEND = "console=ttyS0,115200 initcall_debug loglevel=8"
# The functions an initcall returns to: the end of its window.
WRAPPERS = ("do_one_initcall", "call_with_recovery", "call_initcall")
END_FUNCTION = "initcall_summary"

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


class Trace:
    """QEMU's log read as it is written (through a FIFO, so nothing reaches
    the disk): every translated TB once, and CPU 0's executions in order
    (their windows are resolved afterwards, once the serial output has named
    the initcalls); other CPUs' executions are only counted."""

    def __init__(self, syms):
        self.syms = syms
        self.end_pc = "%08x" % syms.by_name[END_FUNCTION]
        self.tb_addrs, self.tb_parts, self.tb_pc = [], [], []
        self.seq0 = array.array("l")      # CPU 0: TB ids, in execution order
        self.other = {}                   # cpu -> {TB id: executions}
        self.cuts = []                    # (cpu, position in seq0 or -1, TB id, first instruction not run)
        self.func_cache = {}

    def func(self, a):
        f = self.func_cache.get(a)
        if f is None:
            f = self.func_cache[a] = self.syms.lookup(a)
        return f

    def read(self, f):
        by_ptr = {}
        pending = None
        last_cpu, last_tb, rewound = 0, {}, False
        seq0, other, end_pc = self.seq0, self.other, self.end_pc
        done = False
        for line in f:
            if done:
                continue  # keep QEMU from blocking on a full pipe
            c = line[0]
            if c == "T":
                # Trace CPU: HOSTPTR [CS_BASE/PC/FLAGS/CFLAGS] SYMBOL
                parts = line.split(" ", 4)
                if len(parts) < 4 or parts[0] != "Trace":
                    continue
                cpu, ptr, pc = int(parts[1][:-1]), parts[2], parts[3][10:18]
                if pending is not None:
                    if pending and pending[0] == int(pc, 16):
                        by_ptr[ptr] = self.add_tb(pending)
                    pending = None
                t = by_ptr.get(ptr)
                if t is None:
                    sys.exit(f"profile: TB {ptr} at {pc} executed before it was logged")
                if rewound:
                    rewound = False
                    prev = last_tb.get(cpu)
                    if prev is not None and int(pc, 16) in self.tb_addrs[prev[0]]:
                        self.cuts.append((cpu, prev[1], prev[0],
                                          self.tb_addrs[prev[0]].index(int(pc, 16))))
                last_cpu = cpu
                if cpu == 0:
                    if pc == end_pc:
                        done = True
                        continue
                    last_tb[0] = (t, len(seq0))
                    seq0.append(t)
                else:
                    last_tb[cpu] = (t, -1)
                    d = other.setdefault(cpu, {})
                    d[t] = d.get(t, 0) + 1
            elif c == "0":
                if pending is not None:
                    pending.append(int(line[2:line.index(":")], 16))
            elif line.startswith("IN:"):
                pending = []
            elif line.startswith("cpu_io_recompile: rewound"):
                rewound = last_cpu is not None

    def add_tb(self, addrs):
        parts = {}
        for a in addrs:
            fn = self.func(a)
            parts[fn] = parts.get(fn, 0) + 1
        self.tb_addrs.append(tuple(addrs))
        self.tb_parts.append(tuple(parts.items()))
        self.tb_pc.append(addrs[0])
        return len(self.tb_addrs) - 1

    def count(self, initcalls):
        """initcalls: the names, in the order they ran. Returns {"functions":
        {name: self}, "initcalls": [(name, n)], "to_next": [n], "cpus": {cpu: n},
        "total": n, "outside": n (CPU 0, not in an initcall)}. to_next: CPU 0's
        instructions from an initcall's first instruction to the next one's
        (to initcall_summary for the last): the initcall, its `returned`
        line, do_one_initcall's work and the next `calling` line."""
        syms = self.syms
        entry = [syms.by_name[n] for n in initcalls]
        wrappers = {i for i, a in enumerate(self.tb_pc) if self.func(a) in WRAPPERS}
        sizes = [len(a) for a in self.tb_addrs]
        execs = [0] * len(sizes)
        per_call = [0] * len(initcalls)
        starts, start_pos = [], []
        # CPU 0's TBs that stopped at an MMIO access: position -> instructions not run
        lost0 = {pos: len(self.tb_addrs[t]) - cut for cpu, pos, t, cut in self.cuts if cpu == 0}
        next_call, current, outside, cum = 0, None, 0, 0
        tb_pc = self.tb_pc
        for i, t in enumerate(self.seq0):
            if current is None:
                if next_call < len(entry) and tb_pc[t] == entry[next_call]:
                    current, next_call = next_call, next_call + 1
                    starts.append(cum)
                    start_pos.append(i)
            elif t in wrappers:
                current = None
            execs[t] += 1
            n = sizes[t] - lost0.get(i, 0)
            cum += n
            if current is None:
                outside += n
            else:
                per_call[current] += n
        if next_call != len(entry):
            sys.exit(f"profile: {initcalls[next_call]} (initcall {next_call + 1}) never ran in QEMU's log")
        cpus = {0: cum}
        for cpu, d in self.other.items():
            cpus[cpu] = 0
            for t, n in d.items():
                execs[t] += n
                cpus[cpu] += n * sizes[t]
        functions = {}
        for t, n in enumerate(execs):
            if n:
                for fn, k in self.tb_parts[t]:
                    functions[fn] = functions.get(fn, 0) + n * k
        # the instructions a TB did not run: it stopped at an MMIO access
        for cpu, pos, t, cut in self.cuts:
            lost = self.tb_addrs[t][cut:]
            for a in lost:
                functions[self.func(a)] -= 1
            if cpu:
                cpus[cpu] -= len(lost)
        to_next = [b - a for a, b in zip(starts, starts[1:] + [cum])]
        return {"functions": functions, "initcalls": list(zip(initcalls, per_call)), "to_next": to_next,
                "cpus": cpus, "total": sum(cpus.values()), "outside": outside,
                "start_pos": start_pos + [len(self.seq0)]}

    def window(self, first, end):
        """CPU 0's TBs at positions first..end-1 of its execution order:
        {function: [instructions, entries]}."""
        lost0 = {pos: cut for cpu, pos, t, cut in self.cuts if cpu == 0}
        starts = set(self.syms.addr)
        funcs = {}
        for i in range(first, end):
            t = self.seq0[i]
            addrs = self.tb_addrs[t][:lost0.get(i, len(self.tb_addrs[t]))]
            for a in addrs:
                funcs.setdefault(self.func(a), [0, 0])[0] += 1
            pc = self.tb_pc[t]
            if pc in starts:
                funcs.setdefault(self.func(pc), [0, 0])[1] += 1
        return funcs


def trace_boot(kernel, dtb, append, syms, extra=(), timeout=600):
    """Boot under icount with QEMU's exec and in_asm logs read by a Trace;
    return (the Trace, the serial output up to the end of the boot)."""
    trace = Trace(syms)
    with tempfile.TemporaryDirectory() as d:
        fifo = os.path.join(d, "qemu.log")
        os.mkfifo(fifo)
        cmd = [os.path.join(ROOT, "qemu", "run.sh"), "--kernel", kernel, "--icount", "--dtb", dtb,
               "--append", append, "--", "-no-reboot", "-rtc", "base=2026-01-01T00:00:00,clock=vm",
               "-d", "exec,nochain,in_asm", "-D", fifo, *extra]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        failed = []

        def reader():
            try:
                with open(fifo, errors="replace", buffering=1 << 20) as f:
                    trace.read(f)
            except BaseException as e:  # sys.exit() included: report it from the main thread
                failed.append(e)
                proc.kill()
        thread = threading.Thread(target=reader)
        thread.start()
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        done = re.compile(rb"initk: boot complete[^\r]*\r\n|Kernel panic")
        try:
            out = qemu_console.read_until(proc.stdout, done, 4096)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            timer.cancel()
            if proc.returncode is not None and not thread.is_alive():
                pass
            # QEMU never opened the FIFO (it failed to start): let the reader go
            if thread.is_alive():
                try:
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                except OSError:
                    pass
            thread.join()
    if failed:
        e = failed[0]
        raise e if not isinstance(e, SystemExit) else SystemExit(e.code)
    text = out.decode("utf-8", "replace")
    if "initk: boot complete" not in text:
        sys.exit("profile: the boot did not complete:\n" + text)
    return trace, text


def initcall_names(serial):
    return [m[1] for m in CALLING_RE.finditer(serial)]


def tables(result, top):
    total = result["total"]
    ic = ["# initcall: instructions (self + callees, CPU 0, from its first instruction to its "
          "return; interrupts included);",
          "# to next: CPU 0's instructions from its first instruction to the next initcall's (its "
          "`returned` line, do_one_initcall, the next `calling` line)",
          f"# {'n':>3} {'instructions':>12} {'%':>6} {'to next':>9}  initcall"]
    for i, ((name, n), nxt) in enumerate(zip(result["initcalls"], result["to_next"]), 1):
        ic.append(f"  {i:3d} {n:12d} {100 * n / total:6.2f} {nxt:9d}  {name}")
    inside = sum(n for _, n in result["initcalls"])
    ic.append(f"  {'':3s} {inside:12d} {100 * inside / total:6.2f} {'':9s}  (all {len(result['initcalls'])} "
              "initcalls)")
    ic.append(f"  {'':3s} {result['outside']:12d} {100 * result['outside'] / total:6.2f} {'':9s}  "
              "(CPU 0 outside initcalls: start-up, do_one_initcall and its initcall_debug lines, SMP)")
    for cpu in sorted(result["cpus"]):
        if cpu:
            n = result["cpus"][cpu]
            ic.append(f"  {'':3s} {n:12d} {100 * n / total:6.2f} {'':9s}  (CPU {cpu})")
    ic.append(f"  {'':3s} {total:12d} {100.0:6.2f} {'':9s}  (total, reset to initcall_summary)")
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


def window_table(trace, result, name, top):
    names = [n for n, _ in result["initcalls"]]
    if name not in names:
        sys.exit(f"profile: --window {name}: no such initcall in this boot")
    k = names.index(name)
    funcs = trace.window(result["start_pos"][k], result["start_pos"][k + 1])
    total = sum(n for n, _ in funcs.values())
    nxt = names[k + 1] if k + 1 < len(names) else END_FUNCTION
    out = [f"# CPU 0 from {name}'s first instruction to {nxt}'s: {total} instructions",
           f"# {'n':>3} {'self':>9} {'%':>6} {'entries':>7}  function"]
    ranked = sorted(funcs.items(), key=lambda kv: (-kv[1][0], kv[0]))
    for i, (fn, (n, calls)) in enumerate(ranked[:top], 1):
        out.append(f"  {i:3d} {n:9d} {100 * n / total:6.2f} {calls:7d}  {fn}")
    return "\n".join(out) + "\n"


def profile(kernel, elf, dtb, append, extra=(), window=None, top=30):
    """One profiled boot; returns (result, serial text, the window's table or None)."""
    trace, serial = trace_boot(kernel, dtb, append, Symbols(elf), extra)
    result = trace.count(initcall_names(serial))
    return result, serial, window_table(trace, result, window, top) if window else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--kernel", default=None, help="raw image (default BUILD/initk.bin)")
    parser.add_argument("--dtb", default=None)
    parser.add_argument("--append", default=DEFAULT_APPEND)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--window", default=None, metavar="NAME")
    args = parser.parse_args()
    kernel = args.kernel or os.path.join(args.build, "initk.bin")
    elf = os.path.splitext(kernel)[0] + ".elf"
    dtb = args.dtb or os.path.join(args.build, "dts", "sun8i-h3-orangepi-pc.dtb")
    out = args.out or os.path.join(args.build, "profile")
    os.makedirs(out, exist_ok=True)
    runs = []
    for _ in range(max(1, args.runs)):
        result, serial, window = profile(kernel, elf, dtb, args.append, window=args.window,
                                         top=args.top)
        runs.append((tables(result, args.top), serial, window))
    (ic, fn), serial, window = runs[0]
    same = all(r == runs[0] for r in runs[1:])
    head = (f"initk instruction profile: {kernel}, bootargs \"{args.append}\", "
            "qemu-system-arm -M orangepi-pc -icount shift=0,sleep=off (1 instruction = 1 ns)\n")
    verdict = (f"deterministic: {'yes' if same else 'NO'} ({len(runs)} runs"
               f"{', identical tables and serial output' if same else ' differ'})\n")
    files = [("initcalls.txt", head + ic), ("functions.txt", head + fn), ("serial.txt", serial)]
    if window:
        files.append(("window.txt", head + window))
    for name, text in files:
        with open(os.path.join(out, name), "w") as f:
            f.write(text)
    print(head + "\n" + ic + "\n" + fn + "\n" + (window + "\n" if window else "") + verdict, end="")
    print(f"(written to {out}/initcalls.txt, functions.txt, serial.txt)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
