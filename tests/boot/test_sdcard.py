"""The SD card images: initk behind Debian's real U-Boot, booted in QEMU for
the Orange Pi PC, and the images for the real A20 boards built and checked."""
import json
import os
import re
import shutil
import subprocess

import pytest

from initk import BUILD, ROOT, boot

IMAGE = os.path.join(BUILD, "sdcard-orangepi-pc.img")
UBOOT = os.path.join(BUILD, "debian-data", "u-boot-sunxi", "usr", "lib", "u-boot")
BOOT_CMD_ARGS = "console=ttyS0,115200 initcall_debug loglevel=8"  # boot/boot.cmd
FAT = "@@1M"  # the FAT partition starts at sector 2048


def card_copy(tmp_path, env_extra=None, drop_env=False):
    img = str(tmp_path / "card.img")
    shutil.copy(IMAGE, img)
    if drop_env:
        subprocess.run(["mdel", "-i", img + FAT, "::uboot.env"], check=True)
    if env_extra:
        text = open(os.path.join(ROOT, "boot", "uboot-env.txt")).read()
        extra = dict(line.split("=", 1) for line in env_extra.splitlines())
        text = "\n".join(l for l in text.splitlines()
                         if not l.startswith("#") and l.split("=", 1)[0] not in extra) + "\n" + env_extra + "\n"
        env = str(tmp_path / "uboot.env")
        subprocess.run(["mkenvimage", "-s", "0x10000", "-o", env, "-"], input=text.encode(), check=True)
        subprocess.run(["mcopy", "-o", "-i", img + FAT, env, "::uboot.env"], check=True)
    return img


def test_boot_through_uboot_with_the_fit_tree():
    b = boot(sdcard=IMAGE)
    raw = b.raw
    assert "U-Boot SPL 2023.01" in raw and "Loading Environment from FAT... OK" in raw
    assert "initk: FIT image (kernel, device tree, initramfs)" in raw
    assert "Loading Ramdisk to " in raw  # bootm takes the FIT's ramdisk: the initramfs
    assert b.has(re.compile(r"^Freeing initrd memory: \d+K$"))
    assert "Starting kernel ..." in raw
    hand_off = raw.index("Starting kernel ...")
    assert raw.index("Booting initk on physical CPU 0x0") > hand_off
    assert b.has("CPU: entered in HYP mode")
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")
    assert b.has("Kernel command line: " + BOOT_CMD_ARGS)
    # U-Boot's CNTFRQ (24 MHz) and QEMU's counter agree (qemu/run-sdcard.sh); initk says which it uses
    assert b.has(re.compile(r"^clock: generic counter at 24000000 Hz"))
    assert b.has("arch_timer: cp15 timer(s) running at 24.00MHz (phys).")
    # U-Boot's PSCI (v0.1, ids from the /psci node it adds) starts every CPU
    assert b.has("psci: Using PSCI v0.1 Function IDs from DT")
    assert b.has("smp: Brought up 1 node, 4 CPUs")
    assert b.has("CPU: All CPU(s) started in HYP mode.")
    assert b.calls() and b.lines[-1].startswith("initk: boot complete:")


def test_boot_through_uboot_with_its_own_control_tree(tmp_path):
    b = boot(sdcard=card_copy(tmp_path, env_extra="initk_dtb=control"))
    assert "initk: uImage with the U-Boot device tree" in b.raw
    assert b.has(re.compile(r"^Freeing initrd memory: \d+K$"))  # the raw ramdisk, addr:size
    assert b.has("OF: fdt: Machine model: FriendlyARM NanoPi NEO")
    assert b.has("Kernel command line: " + BOOT_CMD_ARGS)
    assert b.has("smp: Brought up 1 node, 4 CPUs")
    assert b.has(re.compile(r"^1c28000\.serial: ttyS0 at MMIO 0x1c28000 "))


@pytest.mark.parametrize("addr", [0x42000000, 0x40008000, 0x40020000],
                         ids=["lava-sunxi", "overlapping-below", "overlapping-above"])
def test_boot_through_uboot_bootz(tmp_path, addr):
    # LAVA's sunxi device types: the raw image at 0x42000000, started there by
    # bootz (its zImage header); initk moves itself to its link address. Loads
    # that overlap the link address from below (Linux's usual zImage offset)
    # and from above move through a copy past both.
    b = boot(sdcard=card_copy(tmp_path, env_extra=f"initk_boot=bootz\nkernel_addr_r=0x{addr:x}"))
    raw = b.raw
    assert "initk: bootz: raw image, device tree and initramfs" in raw
    size = os.path.getsize(os.path.join(BUILD, "initk.bin"))
    assert f"Kernel image @ 0x{addr:x} [ 0x40010000 - 0x{0x40010000 + size:x} ]" in raw
    assert raw.index("Starting kernel ...") < raw.index("Booting initk on physical CPU 0x0")
    assert b.has("CPU: entered in HYP mode")
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")  # the card's initk.dtb, r2
    assert b.has("Kernel command line: " + BOOT_CMD_ARGS)
    assert b.has(re.compile(r"^Freeing initrd memory: \d+K$"))  # addr:size
    assert b.has("smp: Brought up 1 node, 4 CPUs")  # secondaries enter the moved copy
    assert b.calls() and b.lines[-1].startswith("initk: boot complete:")


def test_default_uboot_environment_still_boots_the_card(tmp_path):
    # no uboot.env: U-Boot's own environment, distro boot finds boot.scr (slower)
    b = boot(sdcard=card_copy(tmp_path, drop_env=True), timeout=120)
    assert "Loading Environment from FAT... OK" not in b.raw
    assert "Starting kernel ..." in b.raw
    assert b.has("Kernel command line: " + BOOT_CMD_ARGS)
    assert b.has("smp: Brought up 1 node, 4 CPUs")


def test_bootargs_changed_without_rebuilding(tmp_path):
    # what README tells a user to do at the U-Boot prompt, done through the environment
    b = boot(sdcard=card_copy(tmp_path, env_extra='initk_bootargs=console=ttyS0,115200 maxcpus=2 loglevel=8'))
    assert b.has("Kernel command line: console=ttyS0,115200 maxcpus=2 loglevel=8")
    assert b.has("smp: Brought up 1 node, 2 CPUs")


BOARDS = [("orangepi-pc", "nanopi_neo", "sun8i-h3-orangepi-pc", "Xunlong Orange Pi PC"),
          ("bananapi", "Bananapi", "sun7i-a20-bananapi", "LeMaker Banana Pi"),
          ("cubieboard2", "Cubieboard2", "sun7i-a20-cubieboard2", "Cubietech Cubieboard2")]


@pytest.mark.parametrize("board,uboot,dts,model", BOARDS, ids=[b[0] for b in BOARDS])
def test_board_image_layout(tmp_path, board, uboot, dts, model):
    img = os.path.join(BUILD, f"sdcard-{board}.img")
    data = open(img, "rb").read()
    assert len(data) == 32 << 20
    # MBR: one bootable FAT32-LBA partition from sector 2048
    table = json.loads(subprocess.run(["/usr/sbin/sfdisk", "-J", img], check=True,
                                      capture_output=True, text=True).stdout)["partitiontable"]
    assert table["label"] == "dos"
    [part] = table["partitions"]
    assert (part["start"], part["type"], part.get("bootable")) == (2048, "c", True)
    # U-Boot with SPL at 8 KiB, byte for byte Debian's build for the board
    spl = open(os.path.join(UBOOT, uboot, "u-boot-sunxi-with-spl.bin"), "rb").read()
    assert data[8192:8192 + len(spl)] == spl
    assert data[8192 + 4:8192 + 12] == b"eGON.BT0"  # the boot ROM's SPL signature
    assert 8192 + len(spl) <= 2048 * 512
    # the FAT partition's files
    files = subprocess.run(["mdir", "-b", "-i", img + FAT, "::"], check=True, capture_output=True,
                           text=True).stdout.split()
    # (mdir -b lists the modules/ directory as "::/modules/", then its files)
    assert sorted(os.path.basename(f.rstrip("/")) for f in files if not f.startswith("::/modules/") or f == "::/modules/") == \
        ["boot.scr", "initk.bin", "initk.dtb", "initk.itb", "initramfs.cpio", "modules", "uImage",
         "uboot.env"]
    modules = subprocess.run(["mdir", "-b", "-i", img + FAT, "::modules"], check=True,
                             capture_output=True, text=True).stdout.split()
    assert [os.path.basename(f) for f in modules] == ["hello.ko"]
    # the FIT: kernel at initk's link address, the board's tree, the initramfs, all hashed
    subprocess.run(["mcopy", "-i", img + FAT, "::initk.itb", str(tmp_path / "initk.itb")], check=True)
    listing = subprocess.run(["mkimage", "-l", str(tmp_path / "initk.itb")], check=True,
                             capture_output=True, text=True).stdout
    assert f"FIT description: initk for {board}" in listing
    assert re.search(r"Load Address: 0x40010000\s+Entry Point:\s+0x40010000", listing)
    assert f"Description:  {board} device tree" in listing
    assert "Description:  initramfs (cpio newc)" in listing and "Init Ramdisk: ramdisk" in listing
    assert listing.count("Hash algo:    crc32") == 3
    # bootz's files: the raw image as built, and the board's own tree
    subprocess.run(["mcopy", "-i", img + FAT, "::initk.dtb", str(tmp_path / "initk.dtb")], check=True)
    assert open(tmp_path / "initk.dtb", "rb").read() == \
        open(os.path.join(BUILD, "dts", dts + ".dtb"), "rb").read()
    subprocess.run(["dumpimage", "-T", "flat_dt", "-p", "1", "-o", str(tmp_path / "board.dtb"),
                    str(tmp_path / "initk.itb")], check=True, capture_output=True)
    dts_text = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(tmp_path / "board.dtb")],
                              check=True, capture_output=True, text=True).stdout
    assert f'model = "{model}";' in dts_text
    assert open(tmp_path / "board.dtb", "rb").read() == open(os.path.join(BUILD, "dts", dts + ".dtb"), "rb").read()
