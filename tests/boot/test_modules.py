"""Loadable modules, typed at the shell as a person does: insmod, lsmod,
rmmod, modinfo, /proc/modules and /proc/kallsyms, parameters, exports
between modules, and every refusal in Linux's and BusyBox's words."""
import os
import random
import re
import subprocess

import pytest

from initk import BUILD, ROOT, Shell, boot, elf_symbols, initramfs_with, linux_output, linux_session

HELLO = "/lib/modules/hello.ko"
TEST_INITRAMFS = os.path.join(BUILD, "test", "initramfs.cpio")
TEST_MODULES = os.path.join(BUILD, "test", "modules")
TRACING = "/sys/kernel/debug/tracing"
CALLING = r"calling  (\w+)\+0x0/0x([0-9a-f]+)( \[(\w+)\])? @ 1"
RETURNED = r"initcall (\w+)\+0x0/0x([0-9a-f]+)( \[(\w+)\])? returned (-?\d+) after \d+ usecs"


def shell_with_test_modules(**kw):
    return Shell(variant="test", initrd=TEST_INITRAMFS, **kw)


def lines(out):
    """The printk texts and plain lines of a command's output."""
    return [re.sub(r"^\[ *\d+\.\d{6}\] ", "", l) for l in out.split("\n") if l]


def ko_size(path, symbol):
    return elf_symbols(path=path)[symbol][1]


def test_insmod_lsmod_rmmod_hello():
    """The issue's session: the initcall_debug pair with [hello] and nm's size,
    lsmod and /proc/modules in Linux's formats, rmmod running the exit."""
    size = ko_size(os.path.join(BUILD, "modules", "hello.ko"), "hello_init")
    with Shell(variant="prod") as sh:
        out = lines(sh.run(f"insmod {HELLO}"))
        assert out == [f"calling  hello_init+0x0/0x{size:x} [hello] @ 1", "hello: world",
                       out[2]], out
        assert re.fullmatch(rf"initcall hello_init\+0x0/0x{size:x} \[hello\] returned 0 after \d+ usecs",
                            out[2])
        lsmod = sh.run("lsmod").split("\n")
        # BusyBox's header, as in Linux's session; an in-tree GPL module taints nothing
        assert lsmod[0] == linux_output("lsmod").split("\n")[0]
        assert re.fullmatch(r"hello {18} *\d+  0 ", lsmod[1]), lsmod
        assert int(lsmod[1].split()[1]) % 4096 == 0
        modules = sh.run("cat /proc/modules")
        assert re.fullmatch(r"hello (\d+) 0 - Live 0x[0-9a-f]{8}\n", modules), modules
        # the same shape as Linux's line
        assert re.fullmatch(r"\w+ \d+ 0 - Live 0x[0-9a-f]{8}", linux_output("cat /proc/modules"))
        assert lines(sh.run("rmmod hello")) == ["hello: goodbye"]
        assert sh.run("cat /proc/modules") == ""
        assert sh.run("lsmod").split("\n")[1:] == [""]


def test_the_articles_point_same_function_built_in_and_as_module():
    """hello.c's postcore_initcall runs at postcore in the boot (no [hello]),
    and the same function runs at insmod through module_init, reported by the
    same do_one_initcall, each with its own nm size."""
    builtin = elf_symbols("prod")["hello_init"][1]
    module = ko_size(os.path.join(BUILD, "modules", "hello.ko"), "hello_init")
    with Shell(variant="prod") as sh:
        boot_lines = lines(sh.boot_log.replace("\r\n", "\n"))
        i = boot_lines.index(f"calling  hello_init+0x0/0x{builtin:x} @ 1")
        assert boot_lines[i + 1] == "hello: world"
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        table = sh.run(f"grep hello_init {TRACING}/initcalls").split()
        assert table[0] == "postcore", table
        out = lines(sh.run(f"insmod {HELLO} whom=article"))
        assert out[0] == f"calling  hello_init+0x0/0x{module:x} [hello] @ 1"
        assert out[1] == "hello: article"


def test_module_init_trace_events_as_linux():
    """With initcall:* enabled, a module's init gives initcall_start/finish;
    by the time trace is read its init memory is gone, so func is an address,
    exactly as in Linux's session."""
    with Shell(variant="prod") as sh:
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        sh.run(f"echo initcall:* > {TRACING}/set_event")
        sh.run(f"echo > {TRACING}/trace")
        sh.run(f"insmod {HELLO}")
        events = [l for l in sh.run(f"cat {TRACING}/trace").split("\n") if l and not l.startswith("#")]
        assert len(events) == 2, events
        start = re.fullmatch(r" +sh-1 +\[000\] \.{5} +\d+\.\d{6}: initcall_start: func=(0x[0-9a-f]{8})",
                             events[0])
        finish = re.fullmatch(r" +sh-1 +\[000\] \.{5} +\d+\.\d{6}: initcall_finish: func=(0x[0-9a-f]{8}) ret=0",
                              events[1])
        assert start and finish and start[1] == finish[1], events
        linux = [l for l in linux_output("cat /sys/kernel/debug/tracing/trace").split("\n")
                 if "initcall_start" in l]
        assert re.search(r"initcall_start: func=0x[0-9a-f]{8}$", linux[0])


def test_kallsyms_and_percent_ps_know_module_symbols():
    with Shell(variant="prod") as sh:
        sh.run(f"insmod {HELLO}")
        base = int(sh.run("cat /proc/modules").split()[5], 16)
        syms = [l.split() for l in sh.run("grep '\\[hello\\]' /proc/kallsyms").split("\n") if l]
        names = {s[2]: (int(s[0], 16), s[1]) for s in syms}
        assert all(s[3] == "[hello]" for s in syms)
        # the exit stays, the init went with the init memory (Linux keeps core symbols only)
        assert "hello_exit" in names and "hello_init" not in names, names
        assert names["hello_exit"][1] == "t"
        assert base <= names["hello_exit"][0] < base + 0x10000
        # a tab before [mod], as Linux's s_show
        assert re.search(r"[0-9a-f]{8} t hello_exit\t\[hello\]", sh.run("grep hello_exit /proc/kallsyms"))


def test_modinfo_fields_as_busybox():
    with Shell(variant="prod") as sh:
        out = sh.run(f"modinfo {HELLO}").split("\n")
        assert out[:6] == [
            f"filename:       {HELLO}",
            "author:         initk",
            "description:    The article's example: a postcore_initcall built in, module_init as a module",
            "license:        GPL",
            "parm:           whom:who to greet (insmod hello.ko whom=you)",
            "intree:         Y"], out
        assert re.fullmatch(r"vermagic:       \S+ SMP mod_unload ARMv7 ", out[6])
        assert "can't open '/nope.ko'" in sh.run("modinfo /nope.ko")


def test_module_parameters_of_every_type():
    with shell_with_test_modules() as sh:
        # BusyBox joins the words with spaces, unquoted: "words" is a parameter of its own
        out = lines(sh.run("insmod /lib/modules/params.ko i=-5 u=7 b s=\"two words\" zz=1"))
        assert out[:2] == ["params: unknown parameter 'words' ignored",
                           "params: unknown parameter 'zz' ignored"], out
        assert "params: i=-5 u=7 b=1 s=two" in out
        sh.run("rmmod params")
        assert "params: i=1 u=2 b=0 s=default" in lines(sh.run("insmod /lib/modules/params.ko"))
        sh.run("rmmod params")
        # the whole unsigned range, as Linux's kstrtouint
        assert "params: i=1 u=4294967295 b=0 s=default" in lines(
            sh.run("insmod /lib/modules/params.ko u=4294967295"))
        sh.run("rmmod params")
        # a bad value fails the load before init, in Linux's words; BusyBox says EINVAL
        out = lines(sh.run("insmod /lib/modules/params.ko i=x u=-1 b= u=4294967296"))
        assert out == ["params: `x' invalid for parameter `i'", "params: `-1' invalid for parameter `u'",
                       "params: `' invalid for parameter `b'",
                       "params: `4294967296' invalid for parameter `u'",
                       "insmod: can't insert '/lib/modules/params.ko': Invalid argument"], out
        assert "params" not in sh.run("cat /proc/modules")


def test_a_module_uses_another_modules_exports():
    with shell_with_test_modules() as sh:
        out = lines(sh.run("insmod /lib/modules/user.ko"))
        assert sorted(out[:2]) == ["user: Unknown symbol exporter_add (err -2)",
                                   "user: Unknown symbol exporter_gpl_value (err -2)"], out
        assert out[2] == ("insmod: can't insert '/lib/modules/user.ko': "
                          "unknown symbol in module, or unknown parameter")
        assert "exporter: ready" in sh.run("insmod /lib/modules/exporter.ko")
        assert "user: exporter_add(2, 3) = 5" in sh.run("insmod /lib/modules/user.ko")
        modules = sh.run("cat /proc/modules").split("\n")
        assert re.fullmatch(r"user \d+ 0 - Live 0x[0-9a-f]{8}", modules[0]), modules
        assert re.fullmatch(r"exporter \d+ 1 user, Live 0x[0-9a-f]{8}", modules[1]), modules
        lsmod = sh.run("lsmod").split("\n")
        assert re.fullmatch(r"exporter {13} *\d+  1 user", lsmod[2]), lsmod
        # exported from a module: upper case in kallsyms only for the plain export
        ks = sh.run("grep exporter_ /proc/kallsyms")
        assert re.search(r" T exporter_add\t\[exporter\]", ks) and re.search(r" d exporter_gpl_value\t\[exporter\]", ks), ks
        # Linux's session: rmmod of a module in use
        assert sh.run("rmmod exporter") == "rmmod: can't unload module 'exporter': Resource temporarily unavailable\n"
        assert linux_output("rmmod fat") == "rmmod: can't unload module 'fat': Resource temporarily unavailable"
        sh.run("rmmod user")
        assert "exporter: gone" in sh.run("rmmod exporter")
        assert sh.run("cat /proc/modules") == ""


def test_refusals_in_linux_words():
    with shell_with_test_modules() as sh:
        assert lines(sh.run("insmod /lib/modules/unknown.ko")) == [
            "unknown: Unknown symbol no_such_symbol (err -2)",
            "insmod: can't insert '/lib/modules/unknown.ko': unknown symbol in module, or unknown parameter"]
        # not GPL: taints the kernel and cannot reach an EXPORT_SYMBOL_GPL
        assert lines(sh.run("insmod /lib/modules/proprietary.ko")) == [
            "proprietary: module license 'Proprietary' taints kernel.",
            "proprietary: Unknown symbol local_clock (err -2)",
            "insmod: can't insert '/lib/modules/proprietary.ko': unknown symbol in module, or unknown parameter"]
        assert sh.run("lsmod").split("\n")[0] == "Module                  Size  Used by    Tainted: P  "
        assert sh.run("cat /proc/sys/kernel/tainted") == "1\n"
        # an init that fails: the module is gone again, BusyBox names the errno
        out = lines(sh.run("insmod /lib/modules/misbehave.ko ret=-19"))
        assert re.fullmatch(RETURNED, out[-2]) and re.fullmatch(RETURNED, out[-2])[5] == "-19", out
        assert out[-1] == "insmod: can't insert '/lib/modules/misbehave.ko': No such device"
        assert "misbehave" not in sh.run("cat /proc/modules")
        # already loaded: Linux's session's words
        sh.run("insmod /lib/modules/permanent.ko")
        assert sh.run("insmod /lib/modules/permanent.ko") == \
            "insmod: can't insert '/lib/modules/permanent.ko': File exists\n"
        assert linux_output("insmod /lib/modules/vfat.ko", 1).endswith("': File exists")
        # init and no exit: permanent
        assert re.fullmatch(r"permanent \d+ 0 \[permanent\], Live 0x[0-9a-f]{8}\n", sh.run("cat /proc/modules"))
        assert sh.run("rmmod permanent") == "rmmod: can't unload module 'permanent': Device or resource busy\n"
        assert sh.run("rmmod nothere") == "rmmod: can't unload module 'nothere': No such file or directory\n"
        assert sh.run("insmod /nope.ko") == "insmod: can't insert '/nope.ko': No such file or directory\n"
        assert "Usage: insmod" in sh.run("insmod")
        # an exit in .init would be gone by rmmod: refused at insmod
        assert lines(sh.run("insmod /lib/modules/badexit.ko")) == [
            "badexit: init_module or cleanup_module misplaced (an exit may not be __init)",
            "insmod: can't insert '/lib/modules/badexit.ko': invalid module format"]
        # a weak undefined symbol nobody exports is 0, as in Linux (and modpost let it be)
        assert "weak: maybe_there is absent" in sh.run("insmod /lib/modules/weak.ko")
        assert lines(sh.run("insmod /etc/motd")) == [
            "Invalid ELF header magic: != \x7fELF", "insmod: can't insert '/etc/motd': invalid module format"]


def test_module_init_goes_through_the_interrupt_check():
    with shell_with_test_modules() as sh:
        out = lines(sh.run("insmod /lib/modules/misbehave.ko irqs_off=1"))
        assert re.fullmatch(r"initcall misbehave_init\+0x0/0x[0-9a-f]+ \[misbehave\] returned with "
                            r"disabled interrupts ", out[out.index("------------[ cut here ]------------") + 1]), out
        # interrupts are back on: the shell still reads the serial line
        assert sh.run("echo still here") == "still here\n"


def test_initcall_blacklist_applies_to_module_init():
    with Shell(variant="prod", append="console=ttyS0,115200 initcall_debug loglevel=8 "
               "initcall_blacklist=hello_init") as sh:
        assert "hello: world" not in sh.boot_log
        assert lines(sh.run(f"insmod {HELLO}")) == [
            "initcall hello_init blacklisted", f"insmod: can't insert '{HELLO}': Operation not permitted"]
        assert sh.run("cat /proc/modules") == ""


def mem_free(sh):
    return int(re.search(r"^MemFree: +(\d+) kB$", sh.run("cat /proc/meminfo"), re.M)[1])


@pytest.mark.parametrize("how,status,what", [
    ("oops=1", r"data abort: translation fault \(section\) \(DFSR=0x005\) at 00000000 on read", None),
    ("text=1", r"data abort: permission fault \(page\) \(DFSR=0x80f\) at [0-9a-f]{8} on write", None),
    ("exec_data=1", r"prefetch abort: permission fault \(page\) \(IFSR=0x00f\) at [0-9a-f]{8}",
     "code_in_data"),
])
def test_a_fault_in_a_module_init_is_contained(how, status, what):
    """An oops in a module's init symbolizes the pc with [module] and lists
    the modules, with + for the one loading (Linux's print_modules); the init
    is abandoned: insmod fails with EFAULT, the module is gone with all its
    memory, and the shell goes on. Module text is read-only, data never
    executable."""
    with shell_with_test_modules() as sh:
        sh.run("insmod /lib/modules/exporter.ko")
        free = mem_free(sh)
        out = sh.run(f"insmod /lib/modules/misbehave.ko {how}", oops=True)
        text = lines(out)
        i = text.index(next(l for l in text if l.startswith("Internal error: Oops: ")))
        assert any(re.fullmatch(status, l) for l in text[:i]), text
        assert text[i + 1] == "Modules linked in: misbehave(+) exporter", text
        pc = next(l for l in text if l.startswith("PC is at "))
        if what:  # the jump's target, in the module's data
            assert pc == f"PC is at {what}+0x0/0x4 [misbehave]", pc
            assert re.fullmatch(r"LR is at misbehave_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[misbehave\]",
                                text[text.index(pc) + 1]), text
        else:
            assert re.fullmatch(r"PC is at misbehave_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[misbehave\]", pc), text
        assert re.search(r"^initk: abandoning misbehave_init\+0x0/0x[0-9a-f]+ \[misbehave\] \(module\) "
                         r"on CPU0: it returns -14$", "\n".join(text), re.M), text
        assert text[-1] == "insmod: can't insert '/lib/modules/misbehave.ko': Bad address", text
        assert sh.run("cat /proc/modules").startswith("exporter ")
        assert "misbehave" not in sh.run("cat /proc/modules")
        assert mem_free(sh) == free  # the module's memory went back
        assert sh.run("echo ok") == "ok\n"
        # and the module loads and runs normally afterwards
        assert "misbehave: returning 0" in sh.run("insmod /lib/modules/misbehave.ko")


def test_a_module_init_that_never_returns_is_abandoned():
    with shell_with_test_modules(append="console=ttyS0,115200 initcall_timeout_ms=300") as sh:
        free = mem_free(sh)
        text = lines(sh.run("insmod /lib/modules/misbehave.ko spin=1", oops=True))
        assert text[0] == "watchdog: BUG: soft lockup - CPU#0 stuck for 0s! [sh:1]", text
        assert text[1] == "Modules linked in: misbehave(+)", text
        assert re.fullmatch(r"PC is at misbehave_init\+0x[0-9a-f]+/0x[0-9a-f]+ \[misbehave\]", text[3]), text
        assert re.fullmatch(r"initk: abandoning misbehave_init\+0x0/0x[0-9a-f]+ \[misbehave\] \(module\) "
                            r"on CPU0: it returns -110", text[-2]), text
        assert text[-1] == "insmod: can't insert '/lib/modules/misbehave.ko': Connection timed out"
        assert sh.run("cat /proc/modules") == ""
        assert mem_free(sh) == free
        assert sh.run("echo ok") == "ok\n"
        sh.run("mount -t debugfs nodev /sys/kernel/debug")
        assert sh.run("cat /sys/kernel/debug/tracing/trace | head -1") == "# tracer: nop\n"


def mutations(good):
    """Corrupt versions of a good .ko: named ones that each break one
    header, section, symbol or relocation field, and seeded random ones."""
    import struct
    out = {}
    shoff, = struct.unpack_from("<I", good, 0x20)
    shnum, shstrndx = struct.unpack_from("<HH", good, 0x30)

    def patched(offset, fmt, value):
        b = bytearray(good)
        struct.pack_into(fmt, b, offset, value)
        return bytes(b)

    sections = [struct.unpack_from("<10I", good, shoff + 40 * i) for i in range(shnum)]
    symtab = next(i for i, s in enumerate(sections) if s[1] == 2)
    rel = next(i for i, s in enumerate(sections) if s[1] == 9 and sections[s[7]][2] & 2)
    out["magic"] = patched(0, "<I", 0x464c457e)
    out["elf64"] = patched(4, "<B", 2)
    out["machine"] = patched(0x12, "<H", 62)
    out["exec"] = patched(0x10, "<H", 2)
    out["shoff"] = patched(0x20, "<I", len(good))
    out["shnum"] = patched(0x30, "<H", 0xfe00)
    out["shstrndx"] = patched(0x32, "<H", shnum)
    out["sec-offset"] = patched(shoff + 40 * symtab + 16, "<I", len(good) - 8)
    out["sec-size"] = patched(shoff + 40 * symtab + 20, "<I", 0x7ffffff0)
    sym_off = sections[symtab][4]
    nsyms = sections[symtab][5] // 16
    out["sym-shndx"] = patched(sym_off + 16 * (nsyms - 1) + 14, "<H", 0xfe00)
    out["sym-name"] = patched(sym_off + 16 * (nsyms - 1), "<I", 0x7fffffff)
    out["rel-offset"] = patched(sections[rel][4], "<I", 0x7ffffff0)
    out["rel-symbol"] = patched(sections[rel][4] + 4, "<I", (0xffffff << 8) | 2)
    out["rel-type"] = patched(sections[rel][4] + 4, "<B", 108)  # R_ARM_TLS_LE32
    for n in (0, 16, 52, shoff, len(good) // 2, len(good) - 1):
        out[f"trunc-{n}"] = good[:n]
    # Random bytes in the ELF header's fields the loader reads: refused, or
    # harmless (a module whose code itself is changed may load and crash:
    # no loader can tell; the host fuzzer covers the rest of the file).
    fields = [*range(4, 8), *range(0x10, 0x18), *range(0x20, 0x28), *range(0x2e, 0x34)]
    rng = random.Random(12)
    for k in range(12):
        b = bytearray(good)
        for _ in range(3):
            b[rng.choice(fields)] = rng.randrange(256)
        out[f"random-{k}"] = bytes(b)
    return out


def test_corrupt_modules_are_refused_then_a_good_one_loads(tmp_path):
    with open(os.path.join(BUILD, "modules", "hello.ko"), "rb") as f:
        good = f.read()
    bad = mutations(good)
    initrd = initramfs_with(tmp_path, {f"/tmp/{name}.ko": data for name, data in bad.items()})
    with Shell(variant="prod", initrd=initrd) as sh:
        for name in bad:
            out = sh.run(f"insmod /tmp/{name}.ko")
            if name.startswith("random-") and "can't insert" not in out:
                # a random change in a byte nothing checks may still load: then it works
                assert "hello: world" in out, (name, out)
                sh.run("rmmod hello")
                continue
            assert out.endswith(f"insmod: can't insert '/tmp/{name}.ko': invalid module format\n"), (name, out)
            if not name.startswith("random-"):
                assert len(lines(out)) >= 2, (name, out)  # the kernel said why
        assert "R_ARM_TLS_LE32" in sh.run("insmod /tmp/rel-type.ko")
        assert sh.run("cat /proc/modules") == ""
        assert "hello: world" in sh.run(f"insmod {HELLO}")


def test_out_of_tree_module_builds_and_loads(tmp_path):
    src = tmp_path / "mymod"
    src.mkdir()
    (src / "Makefile").write_text("obj-m := mymod.o\n")
    (src / "mymod.c").write_text(
        '#include <kernel/module.h>\n#include <kernel/printk.h>\n'
        'static int __init mymod_init(void)\n{\n\tpr_info("mymod: %s\\n", "out of tree");\n\treturn 0;\n}\n'
        'module_init(mymod_init);\nMODULE_LICENSE("GPL");\n')
    r = subprocess.run(["make", "-C", ROOT, f"M={src}", f"O={BUILD}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (src / "mymod.ko").exists() and (src / "Module.symvers").exists()
    # not built: a clear message, not a compiler error
    r = subprocess.run(["make", "-C", ROOT, f"M={src}", f"O={tmp_path}/nothing"], capture_output=True, text=True)
    assert r.returncode != 0 and "initk is not built in" in r.stderr, r.stderr
    # a symbol nobody exports: modpost's error
    (src / "mymod.c").write_text((src / "mymod.c").read_text().replace(
        "return 0;", "extern int nobody(void);\n\treturn nobody();"))
    r = subprocess.run(["make", "-C", ROOT, f"M={src}", f"O={BUILD}"], capture_output=True, text=True)
    assert r.returncode != 0 and f'ERROR: modpost: "nobody" [{src}/mymod.ko] undefined!' in r.stderr, r.stderr
    (src / "mymod.c").write_text((src / "mymod.c").read_text().replace(
        "extern int nobody(void);\n\treturn nobody();", "return 0;"))
    r = subprocess.run(["make", "-C", ROOT, f"M={src}", f"O={BUILD}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    # the same, not GPL, as a second module
    prop = tmp_path / "prop"
    prop.mkdir()
    (prop / "Makefile").write_text("obj-m := prop.o\n")
    (prop / "prop.c").write_text((src / "mymod.c").read_text().replace("mymod", "prop").replace(
        'MODULE_LICENSE("GPL")', 'MODULE_LICENSE("Proprietary")'))
    r = subprocess.run(["make", "-C", ROOT, f"M={prop}", f"O={BUILD}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    initrd = initramfs_with(tmp_path, {"/tmp/mymod.ko": (src / "mymod.ko").read_bytes(),
                                       "/tmp/prop.ko": (prop / "prop.ko").read_bytes()})
    with Shell(variant="prod", initrd=initrd) as sh:
        out = lines(sh.run("insmod /tmp/mymod.ko"))
        assert out[0] == "mymod: loading out-of-tree module taints kernel."
        assert "mymod: out of tree" in out
        # an init and no exit: there for good, as Linux says
        assert re.fullmatch(r"mymod \d+ 0 \[permanent\], Live 0x[0-9a-f]{8} \(O\)\n",
                            sh.run("cat /proc/modules"))
        # taint letters in Linux's order, whatever order they were added in
        out = lines(sh.run("insmod /tmp/prop.ko"))
        assert out[0] == "prop: module license 'Proprietary' taints kernel.", out
        assert re.fullmatch(r"prop \d+ 0 \[permanent\], Live 0x[0-9a-f]{8} \(PO\)",
                            sh.run("cat /proc/modules").split("\n")[0])
    # M=dir clean: the module's files only, never the kernel's
    r = subprocess.run(["make", "-C", ROOT, f"M={src}", f"O={BUILD}", "clean"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in src.iterdir()) == ["Makefile", "mymod.c"]
    assert os.path.exists(os.path.join(BUILD, "initk.elf"))
