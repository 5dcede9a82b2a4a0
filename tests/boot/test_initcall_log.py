"""scripts/initcall_log.py, the one parser make bench reads initk's and
Linux's initcall_debug lines with, on Linux 6.1's real log (tests/fixtures/
linux-6.1-orangepi-pc/linux-initcall_debug.log: Debian's armmp kernel on the
same QEMU machine, 4 CPUs, no icount). No QEMU here."""
import importlib.util
import os

from initk import ROOT

spec = importlib.util.spec_from_file_location("initcall_log", os.path.join(ROOT, "scripts", "initcall_log.py"))
initcall_log = importlib.util.module_from_spec(spec)
spec.loader.exec_module(initcall_log)

LINUX_LOG = os.path.join(ROOT, "tests", "fixtures", "linux-6.1-orangepi-pc", "linux-initcall_debug.log")

# Lines 52-60 and 81-84 of that log, as they came (CRLF); the first console
# initcalls and the first early ones, a line of con_init's own in between.
EXCERPT = """\
[    0.006163] calling  con_init+0x0/0x224 @ 0\r
[    0.008376] Console: colour dummy device 80x30\r
[    0.008697] initcall con_init+0x0/0x224 returned 0 after 0 usecs\r
[    0.008767] calling  hvc_console_init+0x0/0x20 @ 0\r
[    0.008809] initcall hvc_console_init+0x0/0x20 returned 0 after 0 usecs\r
[    0.008826] calling  xen_cons_init+0x0/0x84 @ 0\r
[    0.008869] initcall xen_cons_init+0x0/0x84 returned 0 after 0 usecs\r
[    0.008884] calling  univ8250_console_init+0x0/0x3c @ 0\r
[    0.009308] initcall univ8250_console_init+0x0/0x3c returned 0 after 0 usecs\r
[    0.069748] calling  xen_guest_init+0x0/0x370 @ 1\r
[    0.069891] initcall xen_guest_init+0x0/0x370 returned 0 after 0 usecs\r
[    0.069967] calling  trace_init_flags_sys_exit+0x0/0x24 @ 1\r
[    0.069994] initcall trace_init_flags_sys_exit+0x0/0x24 returned 0 after 0 usecs\r
"""


def test_the_full_linux_log():
    """linux-formats.md's counts: 872 initcalls, 46 non-zero (37 of them -19);
    `grep -c '^\\[[ 0-9.]*\\] initcall .* after 0 usecs'` finds 305."""
    with open(LINUX_LOG, errors="replace") as f:
        s = initcall_log.summary(f.read())
    assert s["initcalls"] == 872
    assert s["returned"] == 872
    assert s["nonzero"] == 46
    assert sum(1 for c in s["calls"] if c["ret"] == -19) == 37
    assert s["zero_us"] == s["least_count"] == 305
    assert s["least_usecs"] == 0
    # the last initcall returned at 3.101467 s (the panic follows)
    assert s["end_us"] == 3101467
    assert s["calls"][0] == {"name": "con_init", "pid": 0, "calling_us": 6163, "returned_us": 8697,
                             "ret": 0, "usecs": 0}
    # a module's initcall, " [mod]" after the size, would parse too
    assert initcall_log.parse("[    1.000000] calling  sunxi_mmc_driver_init+0x0/0x1000 [sunxi_mmc] @ 98\r\n"
                              "[    1.000100] initcall sunxi_mmc_driver_init+0x0/0x1000 [sunxi_mmc] returned 0 "
                              "after 90 usecs\r\n")[0]["usecs"] == 90


def test_calling_to_calling_pairs_by_hand():
    s = initcall_log.summary(EXCERPT)
    assert s["initcalls"] == 6 and s["nonzero"] == 0 and s["end_us"] == 69994
    # 8767-6163, 8826-8767, 8884-8826, 69748-8884, 69967-69748; the last one has no next calling
    assert s["pair_us"] == [2604, 59, 58, 60864, 219]
    assert s["pair_min_us"] == 58
    assert s["pair_median_us"] == 219


def test_the_least_duration_is_the_emptiest():
    """initk reports no initcall under 1 usecs: the pairs are then its 1-usecs ones."""
    text = ("[    0.000577] calling  sunxi_smp_init+0x0/0xa8 @ 1\r\n"
            "[    0.000588] initcall sunxi_smp_init+0x0/0xa8 returned -19 after 1 usecs\r\n"
            "[    0.000596] calling  sunxi_wdt_init+0x0/0x88 @ 1\r\n"
            "[    0.000700] initcall sunxi_wdt_init+0x0/0x88 returned 0 after 90 usecs\r\n")
    s = initcall_log.summary(text)
    assert s["least_usecs"] == 1 and s["zero_us"] == 0 and s["least_count"] == 1
    assert s["pair_us"] == [19] and s["nonzero"] == 1
