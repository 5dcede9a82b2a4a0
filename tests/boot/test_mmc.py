"""The SD card in QEMU (-drive if=sd): the sunxi MMC driver identifies the
card with Linux's lines, the block layer reads its partition table, FAT
mounts from it; files put there by mtools are read back byte for byte, a
write survives a reboot, a corrupt filesystem is refused with a message, and
the modules `make sdcard` puts on the card load after the U-Boot boot.
Errors come from the test kernel's fault injection (Linux's
mmc_core.fail_request=interval,probability,space,times), since QEMU's card
never fails: retried ones go unnoticed but for their lines, persistent ones
are I/O errors that leave the shell running. The test kernel's in-kernel
tests also check that aligned buffers go by DMA and others by PIO.
Card images are made in the test by sfdisk, mkfs.vfat and mcopy; QEMU wants
a power-of-two size, and takes a card above 2 GiB for SDHC."""
import os
import re
import shutil
import subprocess

from initk import BUILD, Shell, boot

SFDISK = "/usr/sbin/sfdisk"
CMDLINE = "console=ttyS0,115200 loglevel=8 initcall_debug"
# QEMU's SD card: its product name and first relative card address
CARD = "mmc0:4567 QEMU!"
TEXT = "".join(f"line {i:04d} of a file that spans several clusters\n" for i in range(120))


def sd(path):
    return ("-drive", f"if=sd,format=raw,file={path}")


def make_card(tmp_path, mib=64, fat_mib=20, files=None, name="card.img"):
    """An MBR with a FAT16 partition at 1 MiB and a Linux one after it."""
    img, fat = tmp_path / name, tmp_path / (name + ".fat")
    with open(img, "wb") as f:
        f.truncate(mib << 20)
    script = f"label: dos\nstart=2048, size={fat_mib * 2048}, type=6\nstart={2048 + fat_mib * 2048}, size=8192, type=83\n"
    subprocess.run([SFDISK, "-q", str(img)], input=script, text=True, check=True, capture_output=True)
    subprocess.run(["/usr/sbin/mkfs.vfat", "-C", "-F", "16", "-n", "CARD", str(fat), str(fat_mib * 1024)],
                   check=True, capture_output=True)
    for dest, data in (files or {}).items():
        src = tmp_path / "upload"
        src.write_bytes(data if isinstance(data, bytes) else data.encode())
        subprocess.run(["mcopy", "-i", str(fat), str(src), "::" + dest], check=True)
    with open(img, "r+b") as f:
        f.seek(2048 * 512)
        f.write(fat.read_bytes())
    return img


def test_card_identified_with_linux_lines(tmp_path):
    img = make_card(tmp_path)
    b = boot(append=CMDLINE, qemu_args=sd(img))
    calling = b.index("calling  sunxi_mmc_driver_init+0x0/0xc @ 1")
    lines = ["sunxi-mmc 1c0f000.mmc: initialized, max. request size: 128 KB",
             "mmc0: host does not support reading read-only switch, assuming write-enable",
             "mmc0: new high speed SD card at address 4567",
             f"{CARD} 64.0 MiB ".join(["mmcblk0: ", ""]),
             " mmcblk0: p1 p2"]
    at = [b.index(l) for l in lines]
    assert calling < at[0] and at == sorted(at)
    assert b.lines[at[-1] + 1].startswith("probe of mmc0:4567 returned 0 after ")
    assert re.match(r"probe of 1c0f000.mmc returned 0 after \d+ usecs", b.lines[at[-1] + 2])


def test_sdhc_card_above_2_gib(tmp_path):
    img = make_card(tmp_path, mib=4096)
    b = boot(append=CMDLINE, qemu_args=sd(img))
    assert b.has("mmc0: new high speed SDHC card at address 4567")
    assert b.has(f"mmcblk0: {CARD} 4.00 GiB ")
    assert b.has(" mmcblk0: p1 p2")


def test_no_card_no_disk():
    b = boot(append=CMDLINE)
    assert not any(l.startswith("mmcblk0") or "new " in l and "card" in l for l in b.lines)
    assert b.has(re.compile(r"^probe of 1c0f000.mmc returned 0 after \d+ usecs$"))


def test_partitions_mount_and_read_byte_for_byte(tmp_path):
    img = make_card(tmp_path, files={"notes.txt": TEXT, "A Long File Name.txt": "long names work\n"})
    with Shell(append=CMDLINE, qemu_args=sd(img)) as sh:
        assert sh.run("cat /proc/partitions") == (
            "major minor  #blocks  name\n\n"
            " 179        0      65536 mmcblk0\n"
            " 179        1      20480 mmcblk0p1\n"
            " 179        2       4096 mmcblk0p2\n")
        assert sh.run("mount -t vfat /dev/mmcblk0p1 /mnt") == ""
        assert sh.run("cat /mnt/notes.txt") == TEXT
        assert sh.run("cat '/mnt/A Long File Name.txt'") == "long names work\n"
        assert sorted(sh.run("ls /mnt").split()) == sorted(["A", "Long", "File", "Name.txt", "notes.txt"])


def test_write_survives_a_reboot(tmp_path):
    img = make_card(tmp_path)
    with Shell(append=CMDLINE, qemu_args=sd(img)) as sh:
        assert sh.run("mount -t vfat /dev/mmcblk0p1 /mnt") == ""
        assert sh.run("echo written by initk > /mnt/new.txt; umount /mnt") == ""
    # the host's mtools read what initk wrote
    part = f"{img}@@1M"
    assert subprocess.run(["mtype", "-i", part, "::new.txt"], capture_output=True, text=True,
                          check=True).stdout == "written by initk\n"
    with open(img, "rb") as f:
        f.seek(2048 * 512)
        (tmp_path / "p1").write_bytes(f.read(20 << 20))
    fsck = subprocess.run(["/usr/sbin/fsck.fat", "-n", str(tmp_path / "p1")], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout
    with Shell(append=CMDLINE, qemu_args=sd(img)) as sh:
        assert sh.run("mount -t vfat -o ro /dev/mmcblk0p1 /mnt") == ""
        assert sh.run("cat /mnt/new.txt") == "written by initk\n"
        assert sh.run("echo x > /mnt/other") == "/bin/sh: can't create /mnt/other: Read-only file system\n"


def test_corrupt_fat_is_refused_with_a_message(tmp_path):
    img = make_card(tmp_path)
    with open(img, "r+b") as f:
        f.seek(2048 * 512 + 13)  # BPB sectors per cluster
        f.write(b"\0")
    with Shell(append=CMDLINE, qemu_args=sd(img)) as sh:
        out = [re.sub(r"^\[[ .\d]+\] ", "", l) for l in sh.run("mount -t vfat /dev/mmcblk0p1 /mnt").splitlines()]
        assert out == ["FAT-fs (mmcblk0p1): bogus sectors per cluster 0",
                       "FAT-fs (mmcblk0p1): Can't find a valid FAT filesystem",
                       "mount: mounting /dev/mmcblk0p1 on /mnt failed: Invalid argument"], out
        assert sh.run("echo still here") == "still here\n"


def ktap(b, name):
    return next(l for l in b.lines if re.match(rf"(not )?ok \d+ {name}\b", l))


def test_dma_pio_and_retries_in_kernel(tmp_path):
    b = boot(append=CMDLINE, qemu_args=sd(make_card(tmp_path)))
    assert re.fullmatch(r"ok \d+ test_mmc_dma_and_pio", ktap(b, "test_mmc_dma_and_pio"))
    assert re.fullmatch(r"ok \d+ test_mmc_errors_retried", ktap(b, "test_mmc_errors_retried"))
    # the aligned read went by DMA (one more DMA request), the other by PIO
    assert b.has(re.compile(r"^# aligned read: 0, DMA requests (\d+) -> (\d+), PIO (\d+) -> \3$"))
    # Linux's lines for each failed try and for the request given up
    tries = [l for l in b.lines if "transferring data" in l or "I/O error" in l]
    assert tries[:3] == ["mmcblk0: error -110 transferring data, sector 0, nr 1, cmd response 0x900, card status 0x0",
                         "mmcblk0: error -84 transferring data, sector 0, nr 1, cmd response 0x900, card status 0x0",
                         "mmcblk0: error -5 transferring data, sector 100, nr 1, cmd response 0x900, card status 0x0"]
    assert tries[6] == "I/O error, dev mmcblk0, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2"
    assert tries[10] == "I/O error, dev mmcblk0, sector 100 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 2"
    # a real timeout: a read past the card's end, which QEMU's card never answers with data
    assert tries[11:15] == 3 * ["mmcblk0: error -110 transferring data, sector 131080, nr 1, cmd response 0x0, card status 0x0"] + [
        "I/O error, dev mmcblk0, sector 131080 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2"]
    assert b.has("FAULT_INJECTION: forcing a failure.")
    assert b.has("name fail_mmc_request, interval 1, probability 100, space 0, times -1")


def test_errors_at_boot_retried_then_card_read(tmp_path):
    img = make_card(tmp_path, files={"notes.txt": TEXT})
    # three forced failures: the SCR read (the card stays at the default
    # speed) and two tries of the partition table's read, the third works
    with Shell(append=CMDLINE + " mmc_core.fail_request=1,100,0,3", qemu_args=sd(img)) as sh:
        assert "mmc0: new SD card at address 4567" in sh.boot_log
        assert sh.boot_log.count("transferring data, sector 0, nr 1") == 2
        assert " mmcblk0: p1 p2" in sh.boot_log and "I/O error" not in sh.boot_log
        assert sh.run("mount -t vfat /dev/mmcblk0p1 /mnt") == ""
        assert sh.run("cat /mnt/notes.txt") == TEXT


def test_card_that_always_fails_leaves_the_shell(tmp_path):
    img = make_card(tmp_path, files={"notes.txt": TEXT})
    with Shell(append=CMDLINE + " mmc_core.fail_request=1,100,0,-1", qemu_args=sd(img)) as sh:
        assert "I/O error, dev mmcblk0, sector 0 op 0x0:(READ)" in sh.boot_log
        assert " mmcblk0: unable to read partition table" in sh.boot_log
        assert sh.run("cat /proc/partitions") == "major minor  #blocks  name\n\n 179        0      65536 mmcblk0\n"
        out = [re.sub(r"^\[[ .\d]+\] ", "", l) for l in sh.run("mount -t vfat /dev/mmcblk0 /mnt").splitlines()]
        assert out[-1] == "mount: mounting /dev/mmcblk0 on /mnt failed: Input/output error", out
        assert "I/O error, dev mmcblk0, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2" in out
        assert sh.run("echo still here") == "still here\n"


def test_modules_from_the_card_after_the_u_boot_boot(tmp_path):
    img = tmp_path / "sdcard.img"
    shutil.copy(os.path.join(BUILD, "sdcard-orangepi-pc.img"), img)
    with Shell(sdcard=str(img)) as sh:
        assert sh.run("mount -t vfat /dev/mmcblk0p1 /mnt") == ""
        out = sh.run("insmod /mnt/modules/hello.ko")
        assert re.search(r"\] hello: world\n", out), out
        assert "hello" in sh.run("lsmod")
