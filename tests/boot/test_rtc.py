"""The RTC and the SID on QEMU's Orange Pi PC: rtc0 from sun6i-rtc, the
system clock set from it at late level as Linux's rtc_hctosys prints it,
date and hwclock in the shell, and /proc/cpuinfo's Serial from QEMU's SID
identifier by U-Boot's rule. QEMU's RTC model holds the time it was reset
with (-rtc base=...) and what is written to it; it does not tick."""
import calendar
import re
import struct
import uuid
import zlib

from initk import Shell, boot

BASE = (2026, 11, 23, 23, 15, 39)
# clock=vm: the base is the time at the machine's start, not at QEMU's (which
# a loaded host can make a second later)
RTC_BASE = ("-rtc", "base=%04d-%02d-%02dT%02d:%02d:%02d,clock=vm" % BASE)
SID = "8b2a1f3e-0000-1111-2222-333344445555"
PREFIX = "sun6i-rtc 1f00000.rtc: "


def test_rtc_registers_and_sets_the_system_clock_at_late_level():
    b = boot(append="console=ttyS0,115200 initcall_debug loglevel=8", qemu_args=RTC_BASE)
    epoch = calendar.timegm(BASE)
    line = PREFIX + "setting system clock to 2026-11-23T23:15:39 UTC (%d)" % epoch
    assert b.has(line), "\n".join(l for l in b.lines if "rtc" in l)
    # Linux 6.1's probe order: registered, then RTC enabled, then the probe's report
    registered = b.index(PREFIX + "registered as rtc0")
    assert b.lines[registered + 1] == PREFIX + "RTC enabled"
    assert b.lines[registered + 2].startswith("probe of 1f00000.rtc returned 0 after ")
    assert b.index(re.compile(r"^calling  sun6i_rtc_driver_init\+")) < registered
    # rtc_hctosys is a late initcall, after the last deferred probes
    calling = b.index(re.compile(r"^calling  rtc_hctosys\+0x0/0x[0-9a-f]+ @ 1$"))
    assert b.index(re.compile(r"^calling  deferred_probe_initcall\+")) < calling
    assert b.index(line) == calling + 1
    assert b.has(re.compile(r"^initcall rtc_hctosys\+0x0/0x[0-9a-f]+ returned 0 after \d+ usecs$"))
    # the SID driver binds too
    assert b.has(re.compile(r"^probe of 1c14000\.eeprom returned 0 after \d+ usecs$"))


def shown(text):
    """The epoch seconds of date's line (BusyBox: "%a %b %e %H:%M:%S UTC %Y")."""
    m = re.fullmatch(r"(\w{3}) (\w{3}) ([ \d]\d) (\d\d):(\d\d):(\d\d) UTC (\d{4})\n", text)
    assert m, repr(text)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    secs = calendar.timegm((int(m[7]), months.index(m[2]) + 1, int(m[3]), int(m[4]), int(m[5]),
                            int(m[6])))
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert m[1] == days[calendar.weekday(int(m[7]), months.index(m[2]) + 1, int(m[3]))]
    return secs


def test_date_and_hwclock_in_the_shell():
    with Shell(qemu_args=RTC_BASE) as sh:
        epoch = calendar.timegm(BASE)
        # the system clock runs on from the RTC's time (seconds may have passed)
        for cmd in ("date", "date -u"):
            assert 0 <= shown(sh.run(cmd)) - epoch < 120
        assert sh.run("date -s '2026-12-02 10:00:00'") == "Wed Dec  2 10:00:00 UTC 2026\n"
        assert 0 <= shown(sh.run("date")) - calendar.timegm((2026, 12, 2, 10, 0, 0)) < 60
        assert sh.run("date -s 2024-02-29") == "Thu Feb 29 00:00:00 UTC 2024\n"
        assert sh.run("date -s 07:08:09") == "Thu Feb 29 07:08:09 UTC 2024\n"
        # junk and impossible dates: BusyBox's message, status 1, the clock untouched
        for junk in ("xyz", "2026-02-29", "25:00", "'2026-12-02 10:00:00 x'"):
            assert sh.run("date " + junk) == "date: invalid date '%s'\n" % junk.strip("'")
            assert sh.run("echo $?") == "1\n"
        assert sh.run("date -s") == "date: option requires an argument -- 's'\n" \
            "Usage: date [-u] [-s DATE | DATE]\n"
        assert 0 <= shown(sh.run("date")) - calendar.timegm((2024, 2, 29, 7, 8, 9)) < 60
        # date -s leaves the RTC alone (as BusyBox's); hwclock reads and writes it
        assert sh.run("hwclock") == "Mon Nov 23 23:15:39 2026  0.000000 seconds\n"
        assert sh.run("date -s '2030-01-02 03:04:05'") == "Wed Jan  2 03:04:05 UTC 2030\n"
        assert sh.run("hwclock -w") == ""
        assert sh.run("hwclock -r") == "Wed Jan  2 03:04:05 2030  0.000000 seconds\n"
        assert sh.run("date -s 2027-01-01 >/dev/null; hwclock -s; date") == \
            "Wed Jan  2 03:04:05 UTC 2030\n"
        # the H3's RTC holds years 1970..2033
        assert sh.run("date -s 2040-01-01 >/dev/null; hwclock -w") == \
            "hwclock: Numerical result out of range\n"


def uboot_serial(identifier):
    """U-Boot's serial# on the H3 (board/sunxi/board.c): "%08x%08x" of SID
    word 0 and the CRC-32 of words 1..3 (as little-endian bytes), its lower
    24 bits never all zero. QEMU's SID gives word i as the identifier's bytes
    4i..4i+3, big-endian."""
    words = struct.unpack(">4I", uuid.UUID(identifier).bytes)
    crc = zlib.crc32(struct.pack("<3I", *words[1:]))
    if not crc & 0xffffff:
        crc |= 0x800000
    return "%08x%08x" % (words[0], crc)


def test_cpuinfo_serial_is_the_chip_id():
    with Shell(qemu_args=("-global", "allwinner-sid.identifier=" + SID)) as sh:
        assert sh.run("grep Serial /proc/cpuinfo") == "Serial\t\t: %s\n" % uboot_serial(SID)
        assert uboot_serial(SID) == "8b2a1f3e93bc53bc"  # worked out by hand once
