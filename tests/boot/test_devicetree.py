"""The device tree from the boot loader: used when valid, named and ignored
when not (the boot goes on with the image's built-in tree)."""
import re
import struct

import pytest

from initk import DTB, boot

BUILTIN = "console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 initcall_debug loglevel=8"


def corrupt(tmp_path, name, edit):
    blob = bytearray(open(DTB, "rb").read())
    edit(blob)
    path = tmp_path / (name + ".dtb")
    path.write_bytes(bytes(blob))
    return str(path)


def header(blob, index):
    return struct.unpack_from(">I", blob, 4 * index)[0]


def set_header(blob, index, value):
    struct.pack_into(">I", blob, 4 * index, value)


def first_token_after_root(blob):
    # root node: FDT_BEGIN_NODE (4 bytes) + empty name padded to 4 bytes
    return header(blob, 2) + 8


CASES = [
    ("bad_magic", lambda b: set_header(b, 0, 0xd00dfeee), "bad magic"),
    ("huge_totalsize", lambda b: set_header(b, 1, 0x7fffffff),
     "totalsize larger than the memory given"),
    ("unknown_token", lambda b: struct.pack_into(">I", b, first_token_after_root(b), 0x0000000a),
     "unknown token"),
    ("strings_outside", lambda b: set_header(b, 3, header(b, 1) + 16),
     "strings block outside the blob"),
]


@pytest.mark.parametrize("name,edit,reason", CASES, ids=[c[0] for c in CASES])
def test_corrupt_dtb_is_named_and_boot_continues(tmp_path, name, edit, reason):
    b = boot(image="elf", raw_dtb=corrupt(tmp_path, name, edit))
    assert b.has(f"OF: fdt: invalid device tree at 0x48000000: {reason}; "
                 "using the built-in device tree (sun8i-h3-orangepi-pc)")
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")
    assert b.has(re.compile(r"^GIC: 160 interrupt lines"))
    assert b.has("Kernel command line: " + BUILTIN)
    assert b.calls()


def test_valid_raw_dtb_through_the_same_path(tmp_path):
    # the same mechanism with an intact blob: the tree is used (control for the cases above)
    b = boot(image="elf", raw_dtb=corrupt(tmp_path, "intact", lambda b: None))
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")
    assert b.has("Memory: 1024 MiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    # no /chosen/bootargs in initk's own DTB: the built-in line applies
    assert b.has("Kernel command line: " + BUILTIN)
