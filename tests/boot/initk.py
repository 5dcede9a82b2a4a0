"""Boot initk under QEMU and read its serial console.

boot() runs qemu/run.sh, reads the serial port until the kernel says the boot
is complete, panics, or QEMU exits, and fails the calling test on a timeout.
The result keeps the raw bytes (to check CRLF) and the parsed printk lines.
"""
import os
import re
import socket
import subprocess
import time
from dataclasses import dataclass, field

import pexpect
from pexpect.popen_spawn import PopenSpawn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("INITK_BUILD", os.path.join(ROOT, "build"))
RUN = os.path.join(ROOT, "qemu", "run.sh")
RUN_SDCARD = os.path.join(ROOT, "qemu", "run-sdcard.sh")
DTB = os.path.join(BUILD, "dts", "sun8i-h3-orangepi-pc.dtb")
# The test kernel boots by default with the tree that adds the test drivers' nodes.
TEST_DTB = os.path.join(BUILD, "test", "dts", "sun8i-h3-orangepi-pc-test.dtb")

END_OF_BOOT = r"initk: boot complete: [^\r\n]*\r\n"
PANIC_END = r"---\[ end Kernel panic - not syncing: [^\r\n]*\r\n"
PANIC_START = r"Kernel panic - not syncing: [^\r]*\r\n"
# After a panic in a boot that must complete: how long to collect the rest of the report.
PANIC_GRACE = 5
# With quiet or a low loglevel the summary line is hidden, as Linux hides
# pr_info; under -icount QEMU says this once the CPU idles with nothing to do.
IDLE = r"icount sleep disabled and no active timers"
RAW_DTB_ADDR = 0x48000000
LINUX_FORMATS = os.path.join(ROOT, "tests", "fixtures", "linux-6.1-orangepi-pc", "formats.txt")
# Wall-clock limit for one boot: generous, a boot takes well under a second.
TIMEOUT = 60

LINE_RE = re.compile(r"^\[\s*(\d+)\.(\d{6})\] (.*)$")
CALLING_RE = re.compile(r"^calling  (\w+)\+0x([0-9a-f]+)/0x([0-9a-f]+) @ (\d+)$")
RETURNED_RE = re.compile(
    r"^initcall (\w+)\+0x([0-9a-f]+)/0x([0-9a-f]+) returned (-?\d+) after (\d+) usecs$")


def kernel_path(variant="test", image="bin"):
    """build/initk.bin (variant "prod") or build/test/initk.elf and so on."""
    base = BUILD if variant == "prod" else os.path.join(BUILD, "test")
    return os.path.join(base, "initk." + image)


@dataclass
class Boot:
    raw: str
    ended_by: str  # "complete", "panic", "exit"
    lines: list = field(default_factory=list)  # text of each line, without timestamp
    stamps: list = field(default_factory=list)  # timestamp in usecs, None if absent

    def text(self):
        return "\n".join(self.lines)

    def index(self, text, start=0):
        """Index of the first line equal to text (or matching it, if a regex)."""
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if (isinstance(text, re.Pattern) and text.search(line)) or line == text:
                return i
        raise AssertionError(f"line not found: {text!r}\n--- output ---\n{self.raw}")

    def has(self, text):
        try:
            self.index(text)
            return True
        except AssertionError:
            return False

    def calls(self):
        """[(name, offset, size, pid)] from initcall_debug 'calling' lines, in order."""
        out = []
        for line in self.lines:
            m = CALLING_RE.match(line)
            if m:
                out.append((m[1], int(m[2], 16), int(m[3], 16), int(m[4])))
        return out

    def returns(self):
        """[(name, offset, size, ret, usecs)] from 'initcall ... returned' lines."""
        out = []
        for line in self.lines:
            m = RETURNED_RE.match(line)
            if m:
                out.append((m[1], int(m[2], 16), int(m[3], 16), int(m[4]), int(m[5])))
        return out


def parse(raw):
    lines, stamps = [], []
    for line in raw.replace("\r\n", "\n").split("\n"):
        m = LINE_RE.match(line)
        if m:
            lines.append(m[3])
            stamps.append(int(m[1]) * 1000000 + int(m[2]))
        elif line:
            lines.append(line)
            stamps.append(None)
    return lines, stamps


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


KERNEL_ENTRY = 0x40010000


def set_r2_through_gdb(port, value, at_entry=False):
    """Set r2 of the halted CPU through QEMU's gdb stub, then let it run.
    at_entry: first run to the kernel's entry point (QEMU's boot stub, which
    enters a raw image in HYP, sets r2 itself on the way)."""
    steps = [f"break *{KERNEL_ENTRY:#x}", "continue", "delete"] if at_entry else []
    cmd = ["gdb-multiarch", "-nx", "-batch", "-ex", "set architecture arm",
           "-ex", f"target remote 127.0.0.1:{port}", *[a for s in steps for a in ("-ex", s)],
           "-ex", f"set $r2={value:#x}", "-ex", "detach"]
    for _ in range(50):  # QEMU may not be listening yet
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if "detached" in r.stdout + r.stderr and r.returncode == 0:
            return
        time.sleep(0.1)
    raise AssertionError("could not set r2 through gdb:\n" + r.stdout + r.stderr)


def boot(variant="test", image="bin", append=None, dtb=True, icount=True, expect=None,
         qemu_args=(), timeout=TIMEOUT, until_idle=False, raw_dtb=None, type_in=None,
         type_after=None, sdcard=None, until=None):
    """Boot and return a Boot. image "bin" goes through the DTB path (with
    append as bootargs), "elf" through QEMU's ELF path (no DTB). expect is the
    way the run must end: "complete" (default), "panic" or "exit".
    until_idle: the run ends when the CPU idles (needs icount), for boots that
    print no summary line; it still counts as "complete".
    type_in: bytes written to the serial line (QEMU's stdin), right away or
    once the output matched the regex type_after.
    until: a regex that ends the run instead of the summary line ("complete").
    sdcard: an SD card image booted through U-Boot instead (kernel and
    tree come from the card; variant, image, dtb, append do not apply).
    raw_dtb: a blob file handed to the kernel as-is (QEMU's -dtb would
    refuse a corrupt one and rewrites /memory and /psci): loaded at
    RAW_DTB_ADDR, r2 set through gdb; with image "bin" at the kernel's entry,
    so the kernel is entered in HYP as with a DTB."""
    # QEMU says it idles once, and with raw_dtb already while halted for gdb
    assert not (until_idle and raw_dtb), "until_idle cannot see the end of a raw_dtb boot"
    cmd = [RUN, "--kernel", kernel_path(variant, image)]
    if sdcard:
        cmd = [RUN_SDCARD, sdcard]
        dtb = append = icount = None
    if image == "bin" and dtb and not raw_dtb:
        default = TEST_DTB if variant == "test" else DTB
        cmd += ["--dtb", default if dtb is True else dtb]
    if append is not None:
        cmd += ["--append", append]
    if icount:
        cmd += ["--icount"]
    cmd += ["--", "-no-reboot", *qemu_args]
    port = None
    if raw_dtb:
        port = free_port()
        cmd += ["-S", "-gdb", f"tcp:127.0.0.1:{port}", "-device",
                f"loader,file={raw_dtb},addr={RAW_DTB_ADDR:#x},force-raw=on"]
    # Pipes, not a pty: a tty would rewrite the kernel's line ends. QEMU's
    # stderr comes along (its lines have no timestamp).
    child = PopenSpawn(cmd, encoding="utf-8", codec_errors="replace", timeout=timeout)
    if port:
        set_r2_through_gdb(port, RAW_DTB_ADDR, at_entry=image == "bin")
    earlier = ""
    try:
        if type_in and type_after:
            child.expect(type_after)
            earlier = child.before + child.after
        if type_in:
            child.proc.stdin.write(type_in)  # raw bytes, not through the text codec
            child.proc.stdin.flush()
        wanted = expect or "complete"
        patterns = [until or (IDLE if until_idle else END_OF_BOOT), PANIC_END, pexpect.EOF]
        if wanted == "complete" and not until:
            patterns.append(PANIC_START)  # fail within seconds, not at the timeout
        which = child.expect(patterns)
        if which == 3:
            earlier += child.before + child.after
            try:
                which = child.expect([PANIC_END, pexpect.EOF], timeout=PANIC_GRACE) + 1
            except pexpect.TIMEOUT:
                which = 1  # a panic that never printed its end line is still a panic
    except pexpect.TIMEOUT:
        raw = earlier + (child.before or "")
        child.kill(9)
        raise AssertionError(f"boot timed out after {timeout}s\n--- output ---\n{raw}")
    raw = earlier + (child.before or "") + (child.after if isinstance(child.after, str) else "")
    # QEMU's own warnings (stderr) are not serial output.
    raw = re.sub(r"qemu-system-arm: [^\n]*\n", "", raw)
    child.kill(9)
    child.wait()
    ended_by = ["complete", "panic", "exit"][which]
    result = Boot(raw=raw, ended_by=ended_by)
    result.lines, result.stamps = parse(raw)
    assert ended_by == wanted, f"boot ended by {ended_by}, wanted {wanted}\n--- output ---\n{raw}"
    if wanted == "complete" and not until:
        assert "Kernel panic" not in raw, raw
    # in-kernel KTAP tests (test kernel): any failure fails the boot
    assert not re.search(r"^(\[[ .0-9]+\] )?not ok ", raw.replace("\r\n", "\n"), re.M), raw
    return result


def linux_lines(section):
    """The printk texts (timestamps dropped) of one '## section' of Linux 6.1's
    reference output (tests/fixtures/linux-6.1-orangepi-pc/formats.txt)."""
    with open(LINUX_FORMATS) as f:
        text = f.read()
    start = text.index("## " + section)
    body = text[start:].split("\n", 2)[2]  # after the heading and its rule
    body = body.split("\n=====", 1)[0]
    return [m[1] for m in re.finditer(r"^\[ *\d+\.\d{6}\] (.*)$", body, re.M)]


def elf_symbols(variant="test", path=None):
    """{name: (address, size)} from `nm -S` of the kernel ELF (or of path: a .ko)."""
    out = subprocess.run(["arm-none-eabi-nm", "-S", path or kernel_path(variant, "elf")],
                         check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4:
            syms[parts[3]] = (int(parts[0], 16), int(parts[1], 16))
    return syms


def kallsyms_table(listing):
    """[(address, size, type, name)] that scripts/kallsyms keeps of an `nm -n -S`
    listing, by the rules it states: code (t T w W) with a size, no mapping
    symbols or .L labels; of several at one address the first, unless a
    global one follows a local one."""
    table = []
    for row in (line.split() for line in listing.splitlines()):
        if len(row) != 4 or row[2] not in ("t", "T", "w", "W") or not int(row[1], 16):
            continue
        if row[3].startswith("$") or row[3].startswith(".L"):
            continue
        sym = (int(row[0], 16), int(row[1], 16), row[2], row[3])
        if table and table[-1][0] == sym[0]:
            if table[-1][2] == "t" and sym[2] == "T":
                table[-1] = sym
            continue
        table.append(sym)
    return table


def cpio_newc(files):
    """A cpio newc archive of {path: bytes} (regular files, mode 0644; the
    directories must exist in the archive it is appended to). The kernel
    unpacks concatenated archives, as Linux does: initramfs + extra."""
    out = bytearray()

    def entry(name, data, mode, ino):
        nonlocal out
        name = name.encode() + b"\0"
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name), 0]
        out += b"070701" + b"".join(b"%08x" % f for f in fields) + name
        out += b"\0" * (-len(out) % 4) + data
        out += b"\0" * (-len(out) % 4)

    for i, (path, data) in enumerate(sorted(files.items())):
        entry(path.lstrip("/"), data, 0o100644, 1000 + i)
    entry("TRAILER!!!", b"", 0, 0)
    out += b"\0" * (-len(out) % 512)
    return bytes(out)


def initramfs_with(tmp_path, files, base=None):
    """A file holding the default initramfs (base) followed by files, for Shell(initrd=...)."""
    path = os.path.join(str(tmp_path), "initramfs-extra.cpio")
    with open(base or INITRAMFS, "rb") as f, open(path, "wb") as out:
        out.write(f.read())
        out.write(cpio_newc(files))
    return path


# --- The shell, typed at over the serial line ------------------------------------

INITRAMFS = os.path.join(BUILD, "initramfs.cpio")
LINUX_SESSION = os.path.join(ROOT, "tests", "fixtures", "linux-6.1-orangepi-pc", "shell-session.txt")
# The article's command line (Linux's shell-session.txt was booted with it).
ARTICLE_CMDLINE = ("console=ttyS0,115200 initcall_debug loglevel=8 trace_event="
                   "initcall:initcall_level,initcall:initcall_start,initcall:initcall_finish")
PROMPT = r"(/[^\r\n #]*) # "


class Shell:
    """A boot that ends at the shell's prompt; run() types a line and returns
    what came back before the next prompt (line ends as "\\n")."""

    def __init__(self, variant="test", append=ARTICLE_CMDLINE, initrd=INITRAMFS, icount=True,
                 dtb=True, sdcard=None, timeout=TIMEOUT, qemu_args=()):
        if sdcard:
            cmd = [RUN_SDCARD, sdcard]
        else:
            cmd = [RUN, "--kernel", kernel_path(variant, "bin")]
            if dtb:
                default = TEST_DTB if variant == "test" else DTB
                cmd += ["--dtb", default if dtb is True else dtb]
            if append is not None:
                cmd += ["--append", append]
            if initrd:
                cmd += ["--initrd", initrd]
            if icount:
                cmd += ["--icount"]
        cmd += ["--", "-no-reboot", *qemu_args]
        # QEMU's own warnings go elsewhere: they would land inside the shell's output
        self.child = PopenSpawn(["sh", "-c", 'exec "$@" 2>/dev/null', "sh", *cmd], encoding="utf-8",
                                codec_errors="replace", timeout=timeout, maxread=65536)
        self.timeout = timeout
        try:
            self.child.expect(r"Run /bin/sh as init process\r\n")
            self.boot_log = self.child.before + self.child.after
            self.child.expect(PROMPT)
            self.boot_log += self.child.before
            self.cwd = self.child.match[1]
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise AssertionError("no shell prompt\n--- output ---\n" + str(self.child.before))
        assert "Kernel panic" not in self.boot_log, self.boot_log

    def send(self, data):
        """Bytes straight onto the serial line."""
        if isinstance(data, str):
            data = data.encode()
        self.child.proc.stdin.write(data)
        self.child.proc.stdin.flush()

    def run(self, line, timeout=None, oops=False):
        """oops: the command may oops (and be abandoned); a panic still fails."""
        self.send(line + "\r")  # what a terminal sends for Enter
        try:
            self.child.expect_exact(line + "\r\n", timeout=timeout or self.timeout)
            self.child.expect(PROMPT, timeout=timeout or self.timeout)
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise AssertionError(f"no prompt after {line!r}\n--- output ---\n{self.child.before}")
        self.cwd = self.child.match[1]
        out = self.child.before.replace("\r\n", "\n")
        assert "Kernel panic" not in out and (oops or "Internal error: Oops" not in out), out
        return out

    def expect(self, pattern, timeout=None):
        self.child.expect(pattern, timeout=timeout or self.timeout)
        return self.child.before.replace("\r\n", "\n")

    def close(self):
        self.child.kill(9)
        self.child.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def linux_session():
    """[(command, output)] from Linux's shell-session.txt, in order (both sessions)."""
    pairs, cmd, out = [], None, []
    with open(LINUX_SESSION) as f:
        for line in f.read().split("\n"):
            # the file's own comments: before the first prompt, and the session rules
            if (cmd is None and line.startswith("#")) or line.startswith("########"):
                continue
            if line.startswith("/ # "):
                if cmd is not None:
                    pairs.append((cmd, "\n".join(out)))
                cmd, out = line[4:], []
            elif cmd is not None:
                out.append(line)
    if cmd is not None:
        pairs.append((cmd, "\n".join(out).rstrip("\n")))
    return pairs


def linux_output(command, index=0):
    """What Linux printed for command (its index-th occurrence in the session)."""
    found = [out for cmd, out in linux_session() if cmd == command]
    return found[index].strip("\n")
