#!/usr/bin/python3
"""One parser for the initcall_debug lines of a boot log, initk's or Linux's
(the formats are the same: `calling  fn+0x0/0xNN @ PID` and `initcall
fn+0x0/0xNN returned R after U usecs`, a module's with ` [mod]` after the
size). scripts/bench.py uses it on both kernels' logs for the side-by-side
figures; tests/boot/test_initcall_log.py checks it on Linux 6.1's real log.

    summary(text) -> {"initcalls": n, "nonzero": n, "zero_us": n,
                      "end_us": printk time of the last `returned` line,
                      "least_usecs": the smallest `after U usecs` in the log,
                      "pair_us": [time from a `calling` line to the next
                                  `calling` line, for each initcall that
                                  reported least_usecs], ...}

The pairs are taken over the emptiest initcalls, those reporting the log's
smallest duration: 0 usecs in Linux's log (428 initcalls with maxcpus=1 under
icount); initk measures its initcalls with the 62.5 MHz counter and reports
no initcall under 1 usecs, so for initk they are the 1-usecs ones
(sunxi_smp_init, which returns -ENODEV at once, on the default boot).

Times are the printk timestamps in microseconds; under
-icount shift=0 a microsecond is 1,000 instructions.
"""
import re
import statistics

STAMP = r"^\[\s*(\d+)\.(\d{6})\] "
CALLING = re.compile(STAMP + r"calling  ([\w.]+)\+0x[0-9a-f]+/0x[0-9a-f]+(?: \[\w+\])? @ (\d+)\s*$")
RETURNED = re.compile(STAMP + r"initcall ([\w.]+)\+0x[0-9a-f]+/0x[0-9a-f]+(?: \[\w+\])? "
                      r"returned (-?\d+) after (-?\d+) usecs\s*$")


def parse(text):
    """[{"name", "pid", "calling_us", "returned_us", "ret", "usecs"}] in the
    order of the `calling` lines; returned_us/ret/usecs None if no line came."""
    calls, open_calls = [], {}
    for line in text.splitlines():
        m = CALLING.match(line)
        if m:
            call = {"name": m[3], "pid": int(m[4]), "calling_us": int(m[1]) * 10**6 + int(m[2]),
                    "returned_us": None, "ret": None, "usecs": None}
            calls.append(call)
            open_calls.setdefault(m[3], []).append(call)
            continue
        m = RETURNED.match(line)
        if m and open_calls.get(m[3]):
            call = open_calls[m[3]].pop(0)
            call.update(returned_us=int(m[1]) * 10**6 + int(m[2]), ret=int(m[4]), usecs=int(m[5]))
    return calls


def summary(text):
    calls = parse(text)
    returned = [c for c in calls if c["ret"] is not None]
    least = min((c["usecs"] for c in returned), default=None)
    pairs = [calls[i + 1]["calling_us"] - c["calling_us"] for i, c in enumerate(calls[:-1])
             if c["usecs"] == least]
    return {
        "calls": calls,
        "initcalls": len(calls),
        "returned": len(returned),
        "nonzero": sum(1 for c in returned if c["ret"] != 0),
        "zero_us": sum(1 for c in returned if c["usecs"] == 0),
        "least_usecs": least,
        "least_count": sum(1 for c in returned if c["usecs"] == least),
        "end_us": max((c["returned_us"] for c in returned), default=None),
        "pair_us": pairs,
        "pair_min_us": min(pairs) if pairs else None,
        "pair_median_us": statistics.median(pairs) if pairs else None,
    }


if __name__ == "__main__":
    import sys
    for path in sys.argv[1:]:
        with open(path, errors="replace") as f:
            s = summary(f.read())
        print(f"{path}: {s['initcalls']} initcalls, {s['nonzero']} non-zero, {s['zero_us']} at 0 usecs, "
              f"last returned at {s['end_us']} us, calling-to-calling over the {len(s['pair_us'])} at {s['least_usecs']} usecs: "
              f"min {s['pair_min_us']} us, median {s['pair_median_us']} us")
