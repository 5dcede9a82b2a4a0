"""Build-time guarantees that no boot shows directly."""
import re
import shutil
import tempfile
import os
import subprocess

from initk import BUILD, ROOT, kallsyms_table

FAKE_KALLSYMS = """#!/bin/sh
# A symbol table generator whose output grows on every call, so the image
# moves between the last two links: link-initk.sh must refuse it.
n=$(cat "$0.count" 2>/dev/null || echo 0)
echo $((n + 1)) > "$0.count"
cat > /dev/null
cat <<ASM
	.section .rodata.kallsyms, "a"
	.balign 4
	.globl kallsyms_num_syms, kallsyms_relative_base, kallsyms_offsets, kallsyms_sizes, kallsyms_markers, kallsyms_names
	.globl kallsyms_token_index, kallsyms_token_table, kallsyms_num_sizes
kallsyms_num_syms: .word 0
kallsyms_num_sizes: .word 0
kallsyms_relative_base: .word 0
kallsyms_offsets:
kallsyms_sizes:
kallsyms_markers:
kallsyms_token_index:
kallsyms_token_table:
kallsyms_names: .space $((n * 64 + 4))
ASM
"""


def link(tmp_path, kallsyms):
    # the production kernel's objects, as the Makefile lists them
    objs = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, f"O={BUILD}", "print-objs"],
                          check=True, capture_output=True, text=True).stdout.split()
    flags = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "print-ldflags"],
                           check=True, capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, CC="arm-none-eabi-gcc", NM="arm-none-eabi-nm",
               CFLAGS="-mcpu=cortex-a7 -marm", LDFLAGS=flags)
    return subprocess.run([os.path.join(ROOT, "scripts", "link-initk.sh"), str(tmp_path / "k.elf"),
                           kallsyms, *objs], cwd=ROOT, env=env, capture_output=True, text=True)


def test_link_fails_when_symbols_move(tmp_path):
    fake = tmp_path / "kallsyms"
    fake.write_text(FAKE_KALLSYMS)
    fake.chmod(0o755)
    r = link(tmp_path, str(fake))
    assert r.returncode != 0
    assert "symbol addresses moved between the last two links" in r.stderr
    assert not (tmp_path / "k.elf").exists()


def test_link_succeeds_with_the_real_table(tmp_path):
    r = link(tmp_path, os.path.join(BUILD, "scripts", "kallsyms"))
    assert r.returncode == 0, r.stderr
    assert "SIZE" in r.stdout


KALLSYMS = os.path.join(BUILD, "scripts", "kallsyms")


def kallsyms_table_size(tmp_path, listing):
    """Bytes of the table scripts/kallsyms makes from an `nm -n -S` listing."""
    asm = subprocess.run([KALLSYMS], input=listing, check=True, capture_output=True, text=True).stdout
    (tmp_path / "table.S").write_text(asm)
    subprocess.run(["arm-none-eabi-gcc", "-c", str(tmp_path / "table.S"), "-o", str(tmp_path / "table.o")],
                   check=True)
    out = subprocess.run(["arm-none-eabi-size", "-A", str(tmp_path / "table.o")], check=True,
                         capture_output=True, text=True).stdout
    return int(re.search(r"^\.rodata\.kallsyms\s+(\d+)", out, re.M)[1])


def test_kallsyms_table_size_depends_on_the_names_only(tmp_path):
    # Links 2 and 3 differ only in addresses: the table must not change size with them.
    listing = subprocess.run(["arm-none-eabi-nm", "-n", "-S", os.path.join(BUILD, "initk.elf")],
                             check=True, capture_output=True, text=True).stdout
    code = kallsyms_table(listing)
    assert len(code) > 500

    def nm(rows):
        return "".join(f"{a:08x} {s:08x} {t} {n}\n" for a, s, t, n in rows)

    size = kallsyms_table_size(tmp_path, nm(code))
    assert kallsyms_table_size(tmp_path, nm((a + 0x1234, s, t, n) for a, s, t, n in code)) == size
    # the same names in another order: each at another symbol's address
    names = [n for _, _, _, n in code]
    shuffled = names[1::2] + names[0::2]
    assert kallsyms_table_size(tmp_path, nm((a, s, t, n) for (a, s, t, _), n in zip(code, shuffled))) == size
    # (the measure itself sees a change: one symbol less is a smaller table)
    assert kallsyms_table_size(tmp_path, nm(code[1:])) < size


def test_kallsyms_refuses_a_name_longer_than_ksym_name_len():
    longest = "f" * 63  # KSYM_NAME_LEN - 1
    r = subprocess.run([KALLSYMS], input=f"40010000 00000010 T {longest}\n", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    too_long = "g" * 64
    r = subprocess.run([KALLSYMS], input=f"40010000 00000010 T {longest}\n40010010 00000010 t {too_long}\n",
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert f"kallsyms: symbol {too_long} is 64 characters long, longer than KSYM_NAME_LEN - 1 (63)" in r.stderr
    # only the names that go into the table count
    r = subprocess.run([KALLSYMS], input=f"40010000 00000010 D {too_long}\n", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_missing_packages_print_the_apt_command_when_not_root():
    # A PATH with only what the script itself needs: every tool it checks is "missing".
    # (A directory the unprivileged user can read: pytest's tmp_path is root-only.)
    bindir = tempfile.mkdtemp(prefix="initk-path-")
    os.chmod(bindir, 0o755)
    for tool in ("id", "tr", "sort", "cat"):
        os.symlink(shutil.which(tool), os.path.join(bindir, tool))
    # the checkout may sit where that user cannot read: run a copy
    script = os.path.join(bindir, "ensure-deps.sh")
    shutil.copy(os.path.join(ROOT, "scripts", "ensure-deps.sh"), script)
    os.chmod(script, 0o755)
    r = subprocess.run(["su", "nobody", "-s", "/bin/sh", "-c", f"PATH={bindir} /bin/sh {script} build run"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "Missing Debian packages. Install them with:" in r.stderr
    assert "  sudo apt-get install -y cpio device-tree-compiler gcc gcc-arm-none-eabi qemu-system-arm u-boot-tools" in r.stderr
    shutil.rmtree(bindir)


CHECK_LAYERS = os.path.join(ROOT, "scripts", "check-layers.py")


def compile_into(tree, rel, source):
    path = tree / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    src = path.with_suffix(".c")
    src.write_text(source)
    subprocess.run(["arm-none-eabi-gcc", "-c", "-Os", "-marm", "-mcpu=cortex-a7", "-Iinclude",
                    str(src), "-o", str(path)], cwd=ROOT, check=True)


def check_layers(tree):
    return subprocess.run(["/usr/bin/python3", CHECK_LAYERS, str(tree)], capture_output=True, text=True)


def test_layer_check_passes_on_the_kernels():
    for build in (BUILD, os.path.join(BUILD, "test")):
        r = check_layers(build)
        assert r.returncode == 0, r.stderr
        assert "ok" in r.stdout


def test_layer_check_names_a_call_from_kernel_into_a_driver(tmp_path):
    compile_into(tmp_path, "drivers/tty/uart.o", "int uart_read(void) { return 1; }\n")
    compile_into(tmp_path, "init/boot.o", "int boot_step(void) { return 2; }\n")
    compile_into(tmp_path, "kernel/generic.o",
                 "int uart_read(void); int boot_step(void);\n"
                 "int generic(void) { return uart_read() + boot_step(); }\n")
    compile_into(tmp_path, "arch/arm/cpu.o", "int uart_read(void);\nint cpu(void) { return uart_read(); }\n")
    r = check_layers(tmp_path)
    assert r.returncode == 1
    assert "layers: kernel/generic.o uses uart_read, defined in drivers/tty/uart.o" in r.stderr
    assert "layers: kernel/generic.o uses boot_step, defined in init/boot.o" in r.stderr
    assert "layers: arch/arm/cpu.o uses uart_read, defined in drivers/tty/uart.o" in r.stderr
    # the other direction is fine: drivers may use kernel/
    compile_into(tmp_path, "kernel/generic.o", "int generic(void) { return 0; }\n")
    compile_into(tmp_path, "arch/arm/cpu.o", "int cpu(void) { return 0; }\n")
    compile_into(tmp_path, "drivers/tty/uart.o", "int generic(void);\nint uart_read(void) { return generic(); }\n")
    assert check_layers(tmp_path).returncode == 0


def test_init_reference_check_like_modpost(tmp_path):
    compile_into(tmp_path, "drivers/foo.o", """#include <kernel/init.h>
static int __init foo_setup(void) { return 1; }
int (*foo_hook)(void) = foo_setup;          /* data that stays points at init code */
int foo_call(void) { return foo_setup(); }  /* code that stays calls init code */
int (*foo_ok)(void) __refdata = foo_setup;  /* on purpose: accepted */
core_initcall(foo_setup);                   /* the init lists: accepted */
""")
    r = check_layers(tmp_path)
    assert r.returncode == 1
    errors = [l for l in r.stderr.splitlines() if l.startswith("init: ")]
    assert len(errors) == 2, r.stderr
    assert any(l.startswith("init: drivers/foo.o: .data+0x0 references foo_setup in .init.text") for l in errors)
    assert any(l.startswith("init: drivers/foo.o: .text+") and "foo_setup" in l for l in errors)


def test_list_split_across_regions_is_refused(tmp_path):
    compile_into(tmp_path, "kernel/a.o", """#include <kernel/linker_lists.h>
LL_LIST(things, rodata, const int);
static LL_ENTRY(things, rodata, one) = 1;
""")
    compile_into(tmp_path, "drivers/b.o", """#include <kernel/linker_lists.h>
LL_LIST(things, data, int);
LL_ENTRY(things, data, two) = 2;
""")
    r = check_layers(tmp_path)
    assert r.returncode == 1
    assert "lists: list things is split across regions: data (e.g. drivers/b.o), rodata (e.g. kernel/a.o)" in r.stderr
