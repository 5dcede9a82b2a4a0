"""The block layer in QEMU, on the test kernel's RAM disk (test_ramdisk=PATH:
a file of the initramfs becomes ram0, major 1, one minor, so its partitions
are 259:N as in Linux 6.1). Disk images are written by sfdisk in the test;
what the kernel reports is compared with what sfdisk says it wrote: the line
Linux prints for the table, /proc/partitions (Linux 6.1's format) and
`ls -l /dev` (BusyBox's device node format). Broken tables give their
message and the boot goes on to a working shell."""
import json
import re
import subprocess

from initk import Shell, initramfs_with

SFDISK = "/usr/sbin/sfdisk"
CMDLINE = "console=ttyS0,115200 loglevel=8 test_ramdisk=/disk.img"
MBR_SCRIPT = """label: dos
start=2048, size=4096, type=83
start=6144, size=8192, type=5
start=8192, size=2048, type=83
start=12288, size=2048, type=c
"""
GPT_SCRIPT = """label: gpt
start=2048, size=2048
start=4096, size=6144
start=10240, size=4096
"""
EXTENDED = {"5", "f", "85"}


def make_image(tmp_path, name, script, mib=8):
    path = tmp_path / name
    with open(path, "wb") as f:
        f.truncate(mib << 20)
    subprocess.run([SFDISK, "-q", "--no-reread", "--no-tell-kernel", str(path)], input=script,
                   text=True, check=True, capture_output=True)
    return path


def sfdisk_partitions(path):
    """[(number, start, size, type)] as sfdisk reads the image back."""
    table = json.loads(subprocess.run([SFDISK, "-J", str(path)], capture_output=True, text=True,
                                      check=True).stdout)["partitiontable"]
    return [(int(re.search(r"(\d+)$", p["node"])[1]), p["start"], p["size"], p["type"])
            for p in table["partitions"]]


def boot_with(tmp_path, image, data=None):
    disk = data if data is not None else open(image, "rb").read()
    return Shell(append=CMDLINE, initrd=initramfs_with(tmp_path, {"/disk.img": disk}))


def table_line(log):
    """The line the kernel printed for ram0's table (after its timestamp)."""
    lines = re.findall(r"\] ( ram0:[^\r\n]*)\r?\n", log)
    assert len(lines) == 1, log
    return lines[0]


def proc_partitions(image, parts):
    """/proc/partitions as Linux 6.1 prints it for this disk and these partitions."""
    sectors = len(open(image, "rb").read()) // 512
    out = "major minor  #blocks  name\n\n" + "%4d  %7d %10d %s\n" % (1, 0, sectors // 2, "ram0")
    for minor, (n, _start, size, ptype) in enumerate(sorted(parts)):
        if ptype in EXTENDED:
            size = min(size, 2)  # Linux keeps 2 sectors of an extended partition
        out += "%4d  %7d %10d %s\n" % (259, minor, size // 2, f"ram0p{n}")
    return out


def test_mbr_with_logical_partitions(tmp_path):
    image = make_image(tmp_path, "mbr.img", MBR_SCRIPT)
    parts = sfdisk_partitions(image)
    assert [p[0] for p in parts] == [1, 2, 5, 6]
    with boot_with(tmp_path, image) as sh:
        assert table_line(sh.boot_log) == " ram0: p1 p2 < p5 p6 >"
        assert sh.run("cat /proc/partitions") == proc_partitions(image, parts)
        listing = sh.run("ls -l /dev")
        nodes = [line for line in listing.split("\n") if line.startswith("b")]
        want = ["brw-rw----    1 root     root        1,   0 Jan  1 00:00 ram0"]
        want += [f"brw-rw----    1 root     root      259, {minor:3d} Jan  1 00:00 ram0p{n}"
                 for minor, (n, *_rest) in enumerate(parts)]
        assert nodes == want, listing
        # the nodes are not files: no bytes through them (yet)
        assert "No such device or address" in sh.run("cat /dev/ram0p1")


def test_gpt_with_a_corrupt_primary_header_uses_the_backup(tmp_path):
    image = make_image(tmp_path, "gpt.img", GPT_SCRIPT)
    parts = sfdisk_partitions(image)
    data = bytearray(open(image, "rb").read())
    data[512 + 60] ^= 0xff  # the disk GUID of the primary header: its CRC no longer matches
    with boot_with(tmp_path, image, bytes(data)) as sh:
        log = sh.boot_log.replace("\r\n", "\n")
        assert re.search(r"\] Primary GPT is invalid, using alternate GPT\.\n.*\]  ram0: p1 p2 p3\n", log), log
        assert sh.run("cat /proc/partitions") == proc_partitions(image, parts)


def test_broken_tables_give_their_message_and_no_crash(tmp_path):
    image = make_image(tmp_path, "broken.img", MBR_SCRIPT)
    data = bytearray(open(image, "rb").read())
    sectors = len(data) // 512
    ebr = 6144 * 512 + 0x1be
    data[ebr + 16:ebr + 32] = data[0x1be + 16:0x1be + 32]  # the EBR's link: to itself
    data[ebr + 16 + 8:ebr + 16 + 12] = (0).to_bytes(4, "little")
    data[ebr:ebr + 16] = bytes(16)  # and no partition in it: a loop of empty links
    data[0x1be + 12:0x1be + 16] = (sectors).to_bytes(4, "little")  # p1 runs past the end
    with boot_with(tmp_path, image, bytes(data)) as sh:
        log = sh.boot_log
        assert "ram0: extended partition: 100 links without a partition, the rest ignored" in log, log
        assert table_line(log) == " ram0: p1 p2 < >"
        assert f"ram0: p1 size {sectors} extends beyond EOD, truncated" in log, log
        got = sh.run("cat /proc/partitions")
        assert got.split("\n")[2:5] == ["%4d  %7d %10d ram0" % (1, 0, sectors // 2),
                                        "%4d  %7d %10d ram0p1" % (259, 0, (sectors - 2048) // 2),  # cut at the end
                                        "%4d  %7d %10d ram0p2" % (259, 1, 1)], got
        assert sh.run("echo still here") == "still here\n"


def test_no_disk_no_partitions():
    with Shell(append="console=ttyS0,115200 loglevel=8") as sh:
        # Linux prints not even the header when there is no disk
        assert sh.run("cat /proc/partitions") == ""
        assert not [line for line in sh.run("ls -l /dev").split("\n") if line.startswith("b")]
