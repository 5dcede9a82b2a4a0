"""The shell at the end of the boot, typed at over the serial line: the
article's commands verbatim, /proc and the tracing files compared with what
Linux 6.1 + BusyBox printed on the same machine (tests/fixtures/.../
shell-session.txt), the line editor, the syntax, and hostile input."""
import os
import random
import re
import subprocess

import pexpect
import pytest

from initk import (ARTICLE_CMDLINE, BUILD, PROMPT, Shell, kallsyms_table, kernel_path, linux_output,
                   linux_session)

TRACING = "/sys/kernel/debug/tracing"


def test_boot_hands_over_to_the_shell_as_linux_does():
    with Shell() as sh:
        # Linux's run_init_process() lines, after the summary line
        log = sh.boot_log.replace("\r\n", "\n")
        assert re.search(r"initk: boot complete: .*\n.*\] Run /bin/sh as init process\n"
                         r".*\]   with arguments:\n.*\]     /bin/sh\n"
                         r".*\]   with environment:\n.*\]     HOME=/\n.*\]     TERM=linux\n", log), log
        assert sh.cwd == "/"


def test_every_line_end_on_the_wire_is_crlf():
    """A command's output goes to the terminal many lines at a time (cat of a
    file); printk hands the console's TX interrupt one line at a time, and
    each "\n" reaches the wire as "\r\n", as in the boot log before it."""
    with Shell() as sh:
        for command in ("cat /proc/interrupts", "cat /proc/kallsyms | head -40"):
            sh.send(command + "\r")
            sh.child.expect_exact(command + "\r\n")
            sh.child.expect(PROMPT)
            raw = sh.child.before
            assert raw.count("\r\n") >= 3, raw
            assert "\n" not in raw.replace("\r\n", "") and "\r" not in raw.replace("\r\n", ""), raw
        assert "\n" not in sh.boot_log.replace("\r\n", ""), sh.boot_log


def test_the_articles_commands_verbatim():
    with Shell(append=ARTICLE_CMDLINE) as sh:
        assert sh.run("mount -t debugfs nodev /sys/kernel/debug") == ""
        got = sh.run("cat /sys/kernel/debug/tracing/available_events | grep initcall")
        # all three are enabled on this command line, so Linux's set_event lists exactly them
        assert got.strip("\n") == linux_output(f"cat {TRACING}/set_event", 0)
        assert got == "initcall:initcall_finish\ninitcall:initcall_start\ninitcall:initcall_level\n"
        assert sh.run("cat /proc/cmdline").strip("\n") == linux_output("cat /proc/cmdline")
        trace = sh.run("cat /sys/kernel/debug/tracing/trace").split("\n")
        linux_header = linux_output(f"cat {TRACING}/trace").split("\n")
        assert trace[0] == "# tracer: nop"
        assert re.fullmatch(r"# entries-in-buffer/entries-written: (\d+)/\1   #P:4", trace[2])
        assert trace[3:12] == linux_header[3:12]
        records = [line for line in trace[12:] if line]
        assert re.fullmatch(r" +<idle>-0 +\[000\] \.\.\.\.\. +\d+\.\d{6}: initcall_level: level=console",
                            records[0]), records[0]
        assert any("initcall_finish: func=univ8250_console_init+0x0/" in r for r in records)
        assert any(re.search(r"swapper/0-1 .* initcall_start: func=gic_of_init\+0x0/0x", r) for r in records)


def test_set_event_round_trips_as_in_linux():
    with Shell() as sh:
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        # the commands Linux's session typed, in its order, with its answers
        session = linux_session()
        start = session.index((f"echo initcall:initcall_start > {TRACING}/set_event", ""))
        for cmd, want in session[start:start + 9]:  # up to events/initcall/enable reading 0
            assert sh.run(cmd).strip("\n") == want.strip("\n"), cmd
        assert session[start + 8] == (f"cat {TRACING}/events/initcall/enable", "0")
        assert sh.run(f"echo 'initcall:*' > {TRACING}/set_event") == ""
        assert sh.run(f"cat {TRACING}/events/initcall/enable") == "1\n"
        # a word that names no event is refused, as Linux's write() fails
        assert sh.run(f"echo nosuch:event >> {TRACING}/set_event") == \
            "echo: write error: Invalid argument\n"


def test_enable_files_and_tracing_on_as_in_linux():
    with Shell() as sh:
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        assert sh.run(f"cat {TRACING}/tracing_on").strip() == linux_output(f"cat {TRACING}/tracing_on")
        assert sh.run(f"cat {TRACING}/events/initcall/enable").strip() == \
            linux_output(f"cat {TRACING}/events/initcall/enable")
        # the test kernel's ktest events are off: mixed, "X", as Linux's with other systems off
        assert sh.run(f"cat {TRACING}/events/enable").strip() == linux_output(f"cat {TRACING}/events/enable")
        assert sh.run(f"echo 0 > {TRACING}/events/initcall/initcall_start/enable") == ""
        assert sh.run(f"cat {TRACING}/events/initcall/enable") == "X\n"
        assert sh.run(f"cat {TRACING}/set_event") == "initcall:initcall_finish\ninitcall:initcall_level\n"
        assert sh.run(f"echo 1 > {TRACING}/events/enable") == ""
        assert sh.run(f"cat {TRACING}/events/enable") == "1\n"


def test_format_files_and_event_directory_as_in_linux():
    # the production kernel: its only events are Linux's three, so the IDs are Linux's too
    with Shell(variant="prod") as sh:
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        for event in ("initcall_start", "initcall_finish", "initcall_level"):
            cmd = f"cat {TRACING}/events/initcall/{event}/format"
            assert sh.run(cmd).strip("\n") == linux_output(cmd), event
        cmd = f"ls {TRACING}/events/initcall"
        assert sh.run(cmd).strip("\n") == linux_output(cmd)
        assert sh.run(f"cat {TRACING}/events/initcall/initcall_start/id") == "21\n"


def test_tracefs_mounts_on_its_own_and_under_debugfs():
    with Shell() as sh:
        assert sh.run("mount -t tracefs nodev /sys/kernel/tracing") == ""
        assert sh.run("cat /sys/kernel/tracing/tracing_on") == "1\n"
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        mounts = sh.run("mount").split("\n")
        linux = linux_output("mount").split("\n")
        for line in ("proc on /proc type proc (rw,relatime)",
                     "nodev on /sys/kernel/debug type debugfs (rw,relatime)",
                     "tracefs on /sys/kernel/debug/tracing type tracefs (rw,relatime)"):
            assert line in linux and line in mounts, line
        assert "nodev on /sys/kernel/tracing type tracefs (rw,relatime)" in mounts
        assert sh.run("cat /proc/mounts").split("\n")[:2] == [
            "rootfs / rootfs rw 0 0", "proc /proc proc rw,relatime 0 0"]
        assert sh.run("umount /sys/kernel/tracing") == ""
        assert sh.run("cat /sys/kernel/tracing/tracing_on") == \
            "cat: can't open '/sys/kernel/tracing/tracing_on': No such file or directory\n"
        # a mount with a mount inside it is busy, unless that one came with it (Linux's
        # shrinkable automount: debugfs's tracing/ goes with debugfs)
        sh.run("mount -t tmpfs nodev /tmp")
        sh.run("mkdir /tmp/m; mount -t tmpfs nodev /tmp/m")
        assert sh.run("umount /tmp") == "umount: can't unmount /tmp: Device or resource busy\n"
        assert sh.run("cd /sys/kernel/debug/tracing; umount /sys/kernel/debug; cd /") == \
            "umount: can't unmount /sys/kernel/debug: Device or resource busy\n"
        assert sh.run("umount /sys/kernel/debug; mount | grep -c debug") == "0\n"
        assert sh.run("mount -t nosuchfs nodev /mnt") == \
            "mount: mounting nodev on /mnt failed: No such device\n"


def test_read_only_mounts_as_busybox_and_linux_show_them():
    with Shell() as sh:
        assert sh.run("mount -t tmpfs -o ro nodev /mnt") == ""
        assert "nodev on /mnt type tmpfs (ro,relatime)" in sh.run("mount").split("\n")
        assert "nodev /mnt tmpfs ro,relatime 0 0" in sh.run("cat /proc/mounts").split("\n")
        assert sh.run("echo x > /mnt/f") == "/bin/sh: can't create /mnt/f: Read-only file system\n"
        assert sh.run("mkdir /mnt/d") == "mkdir: can't create directory '/mnt/d': Read-only file system\n"
        assert sh.run("umount /mnt; mount -r -t tmpfs nodev /mnt; mount | grep /mnt") == \
            "nodev on /mnt type tmpfs (ro,relatime)\n"
        assert sh.run("umount /mnt; mount -t tmpfs -o rw,noatime nodev /mnt; mount | grep /mnt") == \
            "nodev on /mnt type tmpfs (rw,relatime)\n"
        assert sh.run("echo x > /mnt/f; cat /mnt/f; umount /mnt") == "x\n"


def test_tracing_on_and_set_event_act_on_every_cpu():
    with Shell() as sh:
        sh.run("mount -t tracefs nodev /sys/kernel/tracing")
        t = "/sys/kernel/tracing"
        sh.run(f"echo ktest:ktest_seq > {t}/set_event")
        sh.run(f"echo > {t}/trace")
        assert "entries-written: 0/0 " in sh.run(f"cat {t}/trace")
        sh.run("trace_burst 3")
        trace = sh.run(f"cat {t}/trace")
        assert "entries-in-buffer/entries-written: 12/12   #P:4" in trace
        assert {int(c) for c in re.findall(r"\[(\d{3})\] .* ktest_seq: cpu=", trace)} == {0, 1, 2, 3}
        sh.run(f"echo 0 > {t}/tracing_on")
        sh.run("trace_burst 5")
        assert "entries-written: 12/12 " in sh.run(f"cat {t}/trace")
        sh.run(f"echo 1 > {t}/tracing_on")
        sh.run(f"echo '!ktest:ktest_seq' >> {t}/set_event")
        sh.run("trace_burst 5")
        assert "entries-written: 12/12 " in sh.run(f"cat {t}/trace")
        sh.run(f"echo ktest:ktest_seq >> {t}/set_event")
        sh.run("trace_burst 1")
        assert "entries-written: 16/16 " in sh.run(f"cat {t}/trace")
        # the records of the shell's own CPU name its task: PID 1 runs sh now
        assert re.search(r"^ +sh-1 +\[000\] .* ktest_seq: cpu=0 seq=", sh.run(f"cat {t}/trace"), re.M)


def test_cat_trace_while_other_cpus_record_shows_whole_ordered_records():
    with Shell() as sh:
        t = "/sys/kernel/tracing"
        sh.run(f"mount -t tracefs nodev {t}")
        sh.run(f"echo 2 > {t}/buffer_size_kb")  # small copies: they come back over the serial line
        sh.run(f"echo ktest:ktest_seq > {t}/set_event")
        assert sh.run(f"trace_storm {t}/trace 3") == "trace_storm: 3 copies\n"
        seen_cpus = set()
        for i in range(3):
            text = sh.run(f"cat /tmp/storm.{i}", timeout=120)
            last = {}
            records = [line for line in text.split("\n") if line and not line.startswith("#")]
            assert records, text[:2000]
            for line in records:
                m = re.fullmatch(r" +(\S+)-(\d+) +\[(\d{3})\] [.dh]{5} +\d+\.\d{6}: "
                                 r"ktest_seq: cpu=(\d+) seq=(\d+)", line)
                assert m, f"torn record: {line!r}"
                cpu, seq = int(m[3]), int(m[5])
                assert int(m[4]) == cpu, f"record of one CPU in another's buffer: {line!r}"
                assert seq > last.get(cpu, -1), f"CPU {cpu} out of order: {line!r}"
                last[cpu] = seq
            seen_cpus |= set(last)
        assert {1, 2, 3} <= seen_cpus


def test_buffer_size_kb_reads_and_resizes():
    with Shell() as sh:
        t = "/sys/kernel/tracing"
        sh.run(f"mount -t tracefs nodev {t}")
        assert sh.run(f"cat {t}/buffer_size_kb") == "48\n"  # 2048 records of 24 bytes
        assert sh.run(f"cat {t}/buffer_total_size_kb") == "192\n"
        assert sh.run(f"echo 8 > {t}/buffer_size_kb") == ""
        assert sh.run(f"cat {t}/buffer_size_kb") == "8\n"
        sh.run(f"echo ktest:ktest_seq > {t}/set_event")
        sh.run("trace_burst 1000")
        # 8 KiB holds 341 records per CPU: the oldest made room for the newest
        assert "entries-in-buffer/entries-written: 1364/4000   #P:4" in sh.run(f"cat {t}/trace | head -n 3")
        assert sh.run(f"echo 100000 > {t}/buffer_size_kb") == ""
        assert sh.run(f"cat {t}/buffer_size_kb") == "96\n"  # clamped to the 4096 records there are
        assert sh.run(f"echo lots > {t}/buffer_size_kb") == "echo: write error: Invalid argument\n"


def test_initcalls_table_answers_which_initcalls_are_slow():
    with Shell(variant="prod") as sh:
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        table = sh.run(f"cat {TRACING}/initcalls").strip("\n").split("\n")
        assert table[0].split() == ["#", "level", "cpu", "start_us", "duration_us", "ret", "function"]
        rows = [r.split() for r in table[1:]]
        calls = [line for line in sh.boot_log.replace("\r\n", "\n").split("\n")
                 if re.search(r"\] initcall \S+ returned", line)]
        assert len(rows) == len(calls)  # one row per initcall that ran, in order
        for row, line in zip(rows, calls):
            m = re.search(r"initcall (\S+) returned (-?\d+) after (\d+) usecs", line)
            assert row[5] == m[1] and row[4].split("(")[0] == m[2] and row[3] == m[3], (row, line)
        assert ["early", "0"] == rows[[r[5].split("+")[0] for r in rows].index("sunxi_smp_init")][:2]
        assert any(r[4] == "-19(ENODEV)" for r in rows)
        slowest = max(rows, key=lambda r: int(r[3]))
        got = sh.run(f"sort -n -k4 {TRACING}/initcalls | tail -n 1").split()
        assert got[3] == slowest[3] and got[5] == slowest[5]


def test_proc_files_in_linux_formats():
    with Shell() as sh:
        cpuinfo = sh.run("cat /proc/cpuinfo").rstrip("\n").split("\n")
        linux = linux_output("cat /proc/cpuinfo").split("\n")
        assert len(cpuinfo) == len(linux)
        for ours, theirs in zip(cpuinfo, linux):
            if theirs.startswith("Features"):  # Linux also enables the timer's event stream
                assert ours + "evtstrm " == theirs
            elif theirs.startswith("Hardware"):  # Linux names its machine table, we the DT model
                assert ours == "Hardware\t: Xunlong Orange Pi PC"
            elif theirs.startswith("Serial"):
                # Linux shows only a tree's /serial-number (none here: no U-Boot), initk
                # then the SID by U-Boot's rule (test_rtc.py): QEMU's default identifier
                # 02c00081-1111-2222-3333-000044556677 gives 02c00081 and that CRC-32
                assert theirs == "Serial\t\t: 0000000000000000"
                assert ours == "Serial\t\t: 02c000814a58bd80"
            else:
                assert ours == theirs
        interrupts = sh.run("cat /proc/interrupts").rstrip("\n").split("\n")
        linux = linux_output("cat /proc/interrupts").split("\n")
        assert interrupts[0] == linux[0]
        assert [l[4:].split("  ")[-1].strip() for l in interrupts if l.startswith("IPI")] == \
            [l[4:].split("  ")[-1].strip() for l in linux if l.startswith("IPI")]
        row = r"^ *(\d+): +(\d+) +(\d+) +(\d+) +(\d+) +GICv2 +(\d+) Level +(\S+)$"
        assert re.match(row, linux[3])  # Linux's arch_timer row has this shape
        assert any(re.match(row, l) and l.endswith(" ttyS0") for l in interrupts), interrupts
        assert interrupts[-1].startswith("Err:") and linux[-1].startswith("Err:")
        meminfo = sh.run("cat /proc/meminfo | head -n 5").rstrip("\n").split("\n")
        linux = linux_output("cat /proc/meminfo | head -5").split("\n")
        for ours, theirs in zip(meminfo, linux):
            assert ours.split(":")[0] == theirs.split(":")[0]
            assert re.fullmatch(re.sub(r"\d+", r"\\d+", re.escape(theirs)).replace(r"\ +", " +"),
                                ours.replace(" ", " ")) or len(ours) == len(theirs), (ours, theirs)
        assert re.fullmatch(r"\d+\.\d\d \d+\.\d\d\n", sh.run("cat /proc/uptime"))
        assert sh.run("cat /proc/version").startswith("initk version 0.1 (gcc ")
        filesystems = sh.run("cat /proc/filesystems").split("\n")
        for fs in ("proc", "tmpfs", "debugfs", "tracefs"):
            assert f"nodev\t{fs}" in filesystems
        kallsyms = sh.run("cat /proc/kallsyms | head -n 3").rstrip("\n").split("\n")
        for line in kallsyms + linux_output("cat /proc/kallsyms | head -3").split("\n"):
            assert re.fullmatch(r"[0-9a-f]{8} [TtRrDdBb] \w+", line), line
        assert re.search(r"^[0-9a-f]{8} T run_init_process$", sh.run("cat /proc/kallsyms"), re.M)


def test_proc_kallsyms_lists_every_code_symbol_of_the_elf():
    # Every name expanded by the kernel from its compressed table, against nm of the ELF.
    listing = subprocess.run(["arm-none-eabi-nm", "-n", "-S", kernel_path("test", "elf")],
                             check=True, capture_output=True, text=True).stdout
    want = kallsyms_table(listing)
    bounds = {l.split()[2]: int(l.split()[0], 16) for l in listing.splitlines()
              if len(l.split()) == 3 and l.split()[2] in ("_etext", "__init_begin", "__init_end")}
    with Shell() as sh:
        lines = [l for l in sh.run("cat /proc/kallsyms").rstrip("\n").split("\n") if "\t[" not in l]
    got = [(int(a, 16), t, n) for a, t, n in (l.split(" ") for l in lines)]
    assert [(a, n) for a, _, n in got] == [(a, n) for a, _, _, n in want]
    for a, t, n in got:
        assert t == ("T" if a < bounds["_etext"] else "t"), (a, t, n)
        assert a < bounds["_etext"] or bounds["__init_begin"] <= a < bounds["__init_end"]


def test_system_commands_in_busybox_formats():
    with Shell(variant="prod") as sh:
        free = sh.run("free").rstrip("\n").split("\n")
        linux = linux_output("free").split("\n")
        assert free[0] == linux[0]
        assert len(free[1]) == len(linux[1]) and free[1].startswith("Mem: ")
        assert free[2] == linux[2]
        assert re.fullmatch(r" \d\d:\d\d:\d\d up 0 min,  0 users,  load average: 0\.00, 0\.00, 0\.00\n",
                            sh.run("uptime"))
        assert re.fullmatch(r" \d\d:\d\d:\d\d up 0 min,  0 users,  load average: 0\.00, 0\.00, 0\.00",
                            linux_output("uptime"))
        dmesg = sh.run("dmesg").split("\n")
        assert re.fullmatch(r"\[    0\.0000\d\d\] Booting initk on physical CPU 0x0", dmesg[0])
        assert any(line.endswith("] Run /bin/sh as init process") for line in dmesg)
        calls = len(re.findall(r"\] calling  ", sh.boot_log))
        assert calls >= 10 and sh.run("dmesg | grep -c 'calling  '") == f"{calls}\n"


def test_busybox_error_words():
    with Shell() as sh:
        for cmd in ("foo", "cat /nope", "ls /nope", "echo done"):
            assert sh.run(cmd).strip("\n") == linux_output(cmd), cmd
        assert sh.run("cat /nope; echo $?") == "cat: can't open '/nope': No such file or directory\n1\n"
        assert sh.run("foo; echo $?").endswith("\n127\n")
        assert sh.run("mkdir /tmp/d; mkdir /tmp/d") == "mkdir: can't create directory '/tmp/d': File exists\n"
        assert sh.run("rm /tmp/d") == "rm: '/tmp/d' is a directory\n"
        assert sh.run("rm /tmp/nope") == "rm: can't remove '/tmp/nope': No such file or directory\n"
        assert sh.run("cd /nope") == "/bin/sh: cd: can't cd to /nope: No such file or directory\n"
        assert sh.run("echo 'open") == "/bin/sh: syntax error: unterminated quoted string\n"
        assert sh.run("| cat") == '/bin/sh: syntax error: unexpected "|"\n'
        assert sh.run("grep -q x /proc/cmdline").startswith("grep: invalid option -- 'q'\n")
        assert sh.run("echo x > /proc/nope") == "/bin/sh: can't create /proc/nope: Operation not permitted\n"


def test_ramfs_is_writable_and_the_syntax_works():
    with Shell() as sh:
        assert sh.run("echo x > /tmp/f; cat /tmp/f") == "x\n"
        assert sh.run("echo y >> /tmp/f; echo z>>/tmp/f; cat /tmp/f") == "x\ny\nz\n"
        assert sh.run('echo "a  b" \'c  $?\' "$?" d\\ e # a comment') == "a  b c  $? 0 d e\n"
        assert sh.run("cat /tmp/f | grep -v y | wc -l") == "2\n"
        assert sh.run("cat < /tmp/f | head -n 1") == "x\n"
        assert sh.run("mkdir -p /tmp/a/b/c; cd /tmp/a/b") == ""
        assert sh.cwd == "/tmp/a/b"
        assert sh.run("pwd; cd ..; pwd; cd /") == "/tmp/a/b\n/tmp/a\n"
        assert sh.run("ls /tmp") == "a  f\n"
        assert sh.run("ls -l /tmp/f") == "-rw-r--r--    1 root     root             6 Jan  1 00:00 /tmp/f\n"
        assert sh.run("rm -r /tmp/a; ls /tmp") == "f\n"
        assert sh.run("echo hi > /dev/null; cat /dev/null") == ""
        # /bin: sh and a link per command; help: a heading and a line per command
        assert sh.run("ls /bin | wc -l") == sh.run("help | wc -l")
        assert sh.run("ls -l /bin/cat") == "lrwxrwxrwx    1 root     root             2 Jan  1 00:00 /bin/cat -> sh\n"
        assert sh.run("/bin/echo via /bin") == "via /bin\n"


def test_grep_head_tail_wc_sort():
    with Shell() as sh:
        lines = ["b 10 x", "a 9 Y", "c 100 x", "B 2 y"]
        for i, line in enumerate(lines):
            sh.run(f"echo '{line}' {'>' if i == 0 else '>>'} /tmp/t")
        sorted_k2 = subprocess.run(["sort", "-n", "-k2"], input="\n".join(lines) + "\n", text=True,
                                   capture_output=True, env={"LC_ALL": "C"}).stdout
        assert sh.run("sort -n -k2 /tmp/t") == sorted_k2
        assert sh.run("sort /tmp/t") == "".join(l + "\n" for l in sorted(lines))
        assert sh.run("sort -r /tmp/t | head -n 1") == "c 100 x\n"
        assert sh.run("grep -i y /tmp/t") == "a 9 Y\nB 2 y\n"
        assert sh.run("grep -n -v x /tmp/t") == "2:a 9 Y\n4:B 2 y\n"
        assert sh.run("grep -c '^[ab] [0-9]*' /tmp/t") == "2\n"
        assert sh.run("grep -F '[' /tmp/t; echo $?") == "1\n"
        assert sh.run("tail -n 2 /tmp/t") == "c 100 x\nB 2 y\n"
        assert sh.run("wc -l /tmp/t") == "4 /tmp/t\n"
        assert sh.run("wc -l < /tmp/t") == "4\n"
        assert sh.run("wc -l /tmp/t /tmp/t") == "4 /tmp/t\n4 /tmp/t\n8 total\n"
        assert sh.run("tail -n 0 /tmp/t") == ""
        assert sh.run("tail -1 /tmp/t; head -2 /tmp/t") == "B 2 y\nb 10 x\na 9 Y\n"
        assert sh.run("head -n 1 /proc/cpuinfo /proc/cpuinfo | wc -l") == "2\n"


def test_deep_trees_long_names_and_files_in_use():
    with Shell() as sh:
        deep = "/tmp/" + "/".join(f"d{i}" for i in range(40))
        assert sh.run(f"mkdir -p {deep}; echo x > {deep}/f") == ""
        assert sh.run("rm -r /tmp/d0; ls /tmp") == ""  # no recursion: the stack holds
        long_name = "n" * 255
        assert sh.run(f"echo a > /tmp/{long_name}; echo b > /tmp/short") == ""
        assert sh.run("ls /tmp | wc -l") == "2\n"
        assert sh.run("ls /tmp | head -n 1") == long_name + "\n"
        # a command's own "2>" file cannot go away under it
        assert sh.run("rm /tmp/short /nope 2> /tmp/short; cat /tmp/short") == \
            "rm: can't remove '/tmp/short': Device or resource busy\n" \
            "rm: can't remove '/nope': No such file or directory\n"
        assert sh.run("cat /tmp/short/") == "cat: can't open '/tmp/short/': Not a directory\n"
        assert sh.run("rm /tmp/short/") == "rm: can't remove '/tmp/short/': Not a directory\n"


def test_line_editing_history_and_ctrl_c():
    with Shell() as sh:
        assert sh.run("echo one") == "one\n"
        sh.send("\x1b[A")  # Up: the last line comes back
        assert sh.run("") == "one\n"
        sh.send("echo abc\x03")  # Ctrl-C: the line is dropped
        sh.expect(r"\^C\r\n/ # ")
        sh.send("junk\x15")  # Ctrl-U: erase the line
        assert sh.run("echo ok") == "ok\n"
        sh.send("echo okk\x7f")  # DEL erases one
        assert sh.run("") == "ok\n"
        for i in range(20):
            sh.run(f"echo line{i}")
        sh.send("\x1b[A" * 16)  # 16 lines back
        assert sh.run("") == "line4\n"
        sh.send("\x1b[A" * 3 + "\x1b[B" * 3)  # and forward again: the empty line
        assert sh.run("echo down") == "down\n"
        sh.send("ech\t")  # Tab: the command name
        assert sh.run("tab") == "tab\n"
        sh.send("cat /proc/cmdl\t")  # and a path
        assert sh.run("") == ARTICLE_CMDLINE + "\n"
        sh.send("cat /proc/m\t")  # two matches: meminfo, mounts; no common part, both shown
        sh.expect(r"meminfo  mounts  \r\n/ # cat /proc/m")
        assert sh.run("ounts").startswith("rootfs / rootfs rw 0 0\n")


def test_control_bytes_and_long_lines_are_refused():
    with Shell() as sh:
        sh.send("ec\x01\x02ho\x1b[1;5C \x00ok")
        assert sh.run("") == "ok\n"
        sh.send("a" * 1500)
        assert sh.run("") == "/bin/sh: line too long: more than 1023 bytes\n"
        assert sh.run("echo after") == "after\n"


def test_a_megabyte_of_random_bytes_then_a_command_works():
    rng = random.Random(11)
    junk = bytes(rng.randrange(256) for _ in range(1 << 20))
    with Shell(icount=False, timeout=300) as sh:
        sh.send(junk)
        sh.send("\x03\recho ok\r")
        sh.expect(r"\r\nok\r\n", timeout=600)
        assert sh.run("echo still ok") == "still ok\n"


def test_root_without_an_initramfs():
    with Shell(initrd=None) as sh:
        assert sh.run("ls /") == "bin   dev   mnt   proc  root  sys   tmp\n"
        assert sh.run("ls /sys/kernel") == "debug    tracing\n"
        assert "Freeing initrd memory" not in sh.boot_log
        assert "Initramfs" not in sh.boot_log


def make_cpio(tmp_path, files, symlinks=(), dirs=()):
    root = tmp_path / "root"
    root.mkdir()
    for d, mode in dirs:
        (root / d).mkdir(parents=True)
        os.chmod(root / d, mode)
    for name, (data, mode) in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
        os.chmod(root / name, mode)
    for name, target in symlinks:
        os.symlink(target, root / name)
    listing = subprocess.run("find . | LC_ALL=C sort", shell=True, cwd=root, capture_output=True,
                             check=True).stdout
    archive = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet", "-R", "0:0"], cwd=root,
                             input=listing, capture_output=True, check=True).stdout
    return archive


def test_an_initramfs_made_with_cpio_comes_back_byte_for_byte(tmp_path):
    text = "".join(f"line {i}: {'x' * (i % 70)}\n" for i in range(300))  # 4 pages and more
    files = {"etc/motd": (b"hello from cpio\n", 0o644), "data/big.txt": (text.encode(), 0o600),
             "data/empty": (b"", 0o644), "bin/tool": (b"#!/bin/sh\necho hi\n", 0o755)}
    archive = make_cpio(tmp_path, files, symlinks=[("data/link", "big.txt")],
                        dirs=[("var/empty", 0o700)])
    path = tmp_path / "test.cpio"
    path.write_bytes(archive)
    with Shell(initrd=str(path)) as sh:
        pages = (len(archive) + 4095) // 4096
        assert re.search(rf"\] Freeing initrd memory: {pages * 4}K\r\n", sh.boot_log) or \
            re.search(rf"\] Freeing initrd memory: {(pages - 1) * 4}K\r\n", sh.boot_log), sh.boot_log
        assert sh.run("cat /etc/motd") == "hello from cpio\n"
        assert sh.run("cat /data/big.txt", timeout=60) == text
        assert sh.run("cat /data/link | wc -l") == "300\n"
        assert sh.run("wc -c /data/empty") == "0\n" or sh.run("cat /data/empty") == ""
        assert sh.run("ls -l /data") == (
            "total 14\n"
            f"-rw-------    1 root     root         {len(text):5d} Jan  1 00:00 big.txt\n"
            "-rw-r--r--    1 root     root             0 Jan  1 00:00 empty\n"
            "lrwxrwxrwx    1 root     root             7 Jan  1 00:00 link -> big.txt\n")
        assert sh.run("ls -l /bin/tool").startswith("-rwxr-xr-x ")
        assert sh.run("ls -l /var").startswith("total 0\ndrwx------ ")
        # the skeleton is still there around it
        assert sh.run("ls /") == "bin   data  dev   etc   mnt   proc  root  sys   tmp   var\n"


def hand_made_cpio(entries):
    """newc entries [(name, mode, data)] + TRAILER!!!, with names as given (no normalising)."""
    out = b""
    for ino, (name, mode, data) in enumerate(entries + [("TRAILER!!!", 0, b"")]):
        name_b = name.encode() + b"\0"
        fields = [ino + 1, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0]
        header = b"070701" + b"".join(b"%08X" % f for f in fields)
        out += header + name_b
        out += b"\0" * (-len(out) % 4) + data
        out += b"\0" * (-len(out) % 4)
    return out


def test_initramfs_names_cannot_leave_the_root(tmp_path):
    path = tmp_path / "escape.cpio"
    path.write_bytes(hand_made_cpio([("../../escaped", 0o100644, b"one\n"),
                                     ("/abs", 0o100644, b"two\n"),
                                     ("tmp/../../../tmp/inside", 0o100644, b"three\n")]))
    with Shell(initrd=str(path)) as sh:
        assert sh.run("cat /escaped /abs /tmp/inside") == "one\ntwo\nthree\n"


def test_truncated_corrupt_and_compressed_initramfs(tmp_path):
    good = hand_made_cpio([("first", 0o100644, b"first file\n"), ("second", 0o100644, b"2" * 600)])
    cut = tmp_path / "cut.cpio"
    cut.write_bytes(good[:300])  # inside the second file's data
    with Shell(initrd=str(cut)) as sh:
        assert re.search(r"\] Initramfs unpacking failed: .+\r\n", sh.boot_log), sh.boot_log
        assert sh.run("cat /first") == "first file\n"
        assert "boot complete" in sh.boot_log
    corrupt = bytearray(good)
    second = good.index(b"070701", 10)
    corrupt[second:second + 6] = b"XXXXXX"
    bad = tmp_path / "corrupt.cpio"
    bad.write_bytes(bytes(corrupt))
    with Shell(initrd=str(bad)) as sh:
        assert "Initramfs unpacking failed: no cpio magic" in sh.boot_log, sh.boot_log
        assert sh.run("cat /first") == "first file\n"
    gz = tmp_path / "archive.cpio.gz"
    gz.write_bytes(subprocess.run(["gzip", "-c"], input=good, capture_output=True).stdout)
    with Shell(initrd=str(gz)) as sh:
        assert re.search(r"Initramfs unpacking failed: gzip-compressed data", sh.boot_log), sh.boot_log
        assert sh.run("ls /first") == "ls: /first: No such file or directory\n"


def test_the_projects_initramfs_is_in_the_root():
    with Shell() as sh:
        assert sh.run("cat /etc/hostname") == "orangepi\n"
        assert sh.run("cat /etc/mtab | head -n 1") == "rootfs / rootfs rw 0 0\n"
        # and the modules the build made (make modules)
        assert sh.run("ls /lib/modules") == "hello.ko\n"


def test_poweroff_and_reboot_end_qemu():
    for cmd, line in (("poweroff", "reboot: Power down"), ("reboot", "reboot: Restarting system")):
        with Shell() as sh:
            sh.send(cmd + "\r")
            sh.expect(line)
            sh.child.expect(pexpect.EOF, timeout=30)  # -no-reboot: QEMU exits instead


def test_shell_after_u_boot_from_the_sd_card():
    card = os.path.join(BUILD, "sdcard-orangepi-pc.img")
    with Shell(sdcard=card, timeout=120) as sh:
        assert sh.run("cat /etc/hostname") == "orangepi\n"
        assert "Freeing initrd memory" in sh.boot_log
