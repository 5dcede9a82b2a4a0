"""Build-time guarantees that no boot shows directly."""
import glob
import shutil
import tempfile
import os
import subprocess

from initk import BUILD, ROOT

FAKE_KALLSYMS = """#!/bin/sh
# A symbol table generator whose output grows on every call, so the image
# moves between the last two links: link-initk.sh must refuse it.
n=$(cat "$0.count" 2>/dev/null || echo 0)
echo $((n + 1)) > "$0.count"
cat > /dev/null
cat <<ASM
	.section .rodata.kallsyms, "a"
	.balign 4
	.globl kallsyms_num_syms, kallsyms_addresses, kallsyms_sizes, kallsyms_name_offsets, kallsyms_names
kallsyms_num_syms: .word 0
kallsyms_addresses:
kallsyms_sizes:
kallsyms_name_offsets:
kallsyms_names: .space $((n * 64 + 4))
ASM
"""


def link(tmp_path, kallsyms):
    objs = sorted(o for o in glob.glob(os.path.join(BUILD, "**", "*.o"), recursive=True)
                  if "/test/" not in o and "/host/" not in o and "/.tmp_link/" not in o)
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
    assert "  sudo apt-get install -y device-tree-compiler gcc gcc-arm-none-eabi qemu-system-arm u-boot-tools" in r.stderr
    shutil.rmtree(bindir)
