"""Valid but wrong device trees and careless command lines (issue 10): each
boot says what is wrong, speaks on some console and ends. Trees are made here
from initk's test tree with fdtput; where QEMU's -dtb would rewrite the node
under test (/memory, /psci) the tree is handed over raw (raw_dtb)."""
import re
import shutil
import subprocess

import pytest

from initk import TEST_DTB, boot

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"


def tree(tmp_path, *edits, bootargs=DEBUG, name="tree.dtb"):
    """TEST_DTB with fdtput edits: ("-ts", node, prop, value...), ("-c", node), ("-d", node, prop), ("-r", node)."""
    path = str(tmp_path / name)
    shutil.copy(TEST_DTB, path)
    if bootargs is not None:
        subprocess.run(["fdtput", "-ts", path, "/chosen", "bootargs", bootargs], check=True)
    for edit in edits:
        subprocess.run(["fdtput", edit[0], path, *edit[1:]], check=True)
    return path


def psci_node(method, compatible="arm,psci-1.0", *extra):
    return [("-c", "/psci"), ("-ts", "/psci", "compatible", compatible),
            ("-ts", "/psci", "method", method), *extra]


def test_psci_hvc_after_entering_in_hyp_is_refused(tmp_path):
    # entered in HYP (raw image), so nothing runs above the kernel: hvc would go nowhere
    b = boot(raw_dtb=tree(tmp_path, *psci_node("hvc")))
    assert b.has("CPU: entered in HYP mode")
    assert b.has('psci: method "hvc", but the kernel was entered in HYP itself: no hypervisor '
                 'to call; not using PSCI')
    assert ("psci_dt_init", -22) in [(r[0], r[3]) for r in b.returns()]
    assert b.has("smp: Brought up 1 node, 1 CPU")


def test_psci_smc_in_the_same_tree_works(tmp_path):
    b = boot(raw_dtb=tree(tmp_path, *psci_node("smc")))
    assert b.has("psci: PSCIv1.1 detected in firmware.")
    assert b.has("smp: Brought up 1 node, 4 CPUs")


def test_psci_0_1_without_cpu_on_says_why_no_cpu_starts(tmp_path):
    b = boot(raw_dtb=tree(tmp_path, *psci_node("smc", "arm,psci")))
    assert b.has("psci: Using PSCI v0.1 Function IDs from DT")
    assert b.has("psci: the v0.1 node has no cpu_on function id: cannot start CPUs")
    assert ("psci_dt_init", -22) in [(r[0], r[3]) for r in b.returns()]
    assert b.has("smp: Brought up 1 node, 1 CPU")


MEM = "/memory@40000000"
BOOT_DONE = re.compile(r"^initk: boot complete: ")


def mem_tree(tmp_path, *edits):
    return tree(tmp_path, *edits, bootargs="console=ttyS0,115200 loglevel=8")


def wide_root(*reg):
    """The root with 2 address cells and 2 size cells, /memory's reg in them."""
    return [("-tx", "/", "#address-cells", "2"), ("-tx", "/", "#size-cells", "2"),
            ("-tx", MEM, "reg", *reg)]


@pytest.mark.parametrize("reg", [["80000000", "40000000"], ["40100000", "3ff00000"]],
                         ids=["at-2GiB", "after-the-kernel-start"])
def test_memory_that_does_not_hold_the_kernel(tmp_path, reg):
    b = boot(raw_dtb=mem_tree(tmp_path, ("-tx", MEM, "reg", *reg)))
    base = int(reg[0], 16)
    assert b.has(re.compile(rf"^Memory: the RAM the tree describes \(0x{base:08x}-0x[0-9a-f]{{8}}\) does not "
                            r"hold the kernel at 0x40010000-0x[0-9a-f]{8}; mapping the kernel's own sections as RAM too$"))
    assert b.has(BOOT_DONE)


def test_memory_bank_above_4_gib_is_refused(tmp_path):
    b = boot(raw_dtb=mem_tree(tmp_path, *wide_root("1", "0", "0", "40000000")))
    assert b.has("Memory: the /memory bank at 0x100000000 (1073741824 bytes) is outside the 32-bit "
                 "space this kernel maps (no LPAE); not using it")
    assert b.has("Memory: its bank is unusable; assuming 128 MiB at 0x40000000")
    assert b.has(BOOT_DONE)


def test_memory_bank_of_4_gib_is_clipped(tmp_path):
    b = boot(raw_dtb=mem_tree(tmp_path, *wide_root("0", "40000000", "1", "0")))
    assert b.has("Memory: the /memory bank 0x40000000+0x100000000 clipped to 0x40000000-0xffefffff "
                 "(32 bits, no page 0, no top MiB: the high vectors)")
    assert b.has("Memory: 3071 MiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    assert b.has(BOOT_DONE)


def test_small_memory_bank_is_reported_in_kib(tmp_path):
    b = boot(raw_dtb=mem_tree(tmp_path, ("-tx", MEM, "reg", "40000000", "10000")))
    assert b.has("Memory: 64 KiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    assert b.has(BOOT_DONE)


@pytest.mark.parametrize("edit,why", [
    (("-ts", MEM, "status", "disabled"), "the /memory node is disabled"),
    (("-tx", MEM, "reg", "40000000", "0"), "the /memory node's first bank has size 0"),
    (("-tx", MEM, "reg", "40000000", "40000000", "0"),
     "the /memory node's reg does not fit the root's #address-cells and #size-cells"),
    (("-d", MEM, "reg"), "the /memory node has no reg"),
    (("-r", MEM), "no /memory node"),
], ids=["disabled", "size-0", "3-cells", "no-reg", "no-node"])
def test_unusable_memory_node_says_why(tmp_path, edit, why):
    b = boot(raw_dtb=mem_tree(tmp_path, edit))
    assert b.has(f"Memory: {why}; assuming 128 MiB at 0x40000000")
    assert b.has(BOOT_DONE)


# --- The console, when /chosen/stdout-path is no help ---------------------------

def console_tree(tmp_path, *edits):
    return tree(tmp_path, *edits, bootargs=None)


NO_STDOUT = ("-d", "/chosen", "stdout-path")


@pytest.mark.parametrize("edit,why", [
    (NO_STDOUT, "no /chosen/stdout-path"),
    (("-ts", "/chosen", "stdout-path", "/soc/serial@1c29000"),
     '/chosen/stdout-path "/soc/serial@1c29000" names no node'),
    (("-ts", "/chosen", "stdout-path", "/soc/interrupt-controller@1c81000"),
     '/chosen/stdout-path "/soc/interrupt-controller@1c81000" is not a 16550 UART'),
    (("-ts", "/chosen", "stdout-path", ""), '/chosen/stdout-path "" names no node'),
    (("-ts", "/chosen", "stdout-path", "/"), '/chosen/stdout-path "/" is not a 16550 UART'),
], ids=["none", "missing-node", "the-gic", "empty", "root"])
def test_console_falls_back_to_the_console_parameter(tmp_path, edit, why):
    b = boot(dtb=console_tree(tmp_path, edit), append=DEBUG)
    assert b.has(f"ttyS0: {why}; using serial0, which console=ttyS0 names")
    assert b.has("printk: console [ttyS0] enabled")
    # numbered by its alias: the UART aliased serial0 is ttyS0
    assert b.has("1c28000.serial: ttyS0 at MMIO 0x1c28000 (irq = 32, base_baud = 1500000) is a 16550A")
    assert b.has(BOOT_DONE)


def test_stdout_path_given_as_an_integer(tmp_path):
    b = boot(dtb=console_tree(tmp_path, ("-tx", "/chosen", "stdout-path", "5")), append=DEBUG)
    assert b.has(re.compile(r"^ttyS0: (no /chosen/stdout-path|/chosen/stdout-path .* names no node); "
                            r"using serial0, which console=ttyS0 names$"))
    assert b.has(BOOT_DONE)


def test_bare_earlycon_falls_back_to_the_console_parameter(tmp_path):
    b = boot(dtb=console_tree(tmp_path, NO_STDOUT), append=DEBUG + " earlycon")
    assert b.has("earlycon: uart0 at MMIO32 0x01c28000 (options '')")
    assert b.has("earlycon: no /chosen/stdout-path; using serial0, which console=ttyS0 names")
    assert not b.has("Malformed early option 'earlycon'")
    assert b.has(BOOT_DONE)


def test_no_console_anywhere_starts_the_builtin_earlycon(tmp_path):
    # no stdout-path, no console=: the built-in command line's earlycon speaks,
    # and the whole log is replayed on it
    b = boot(dtb=console_tree(tmp_path, NO_STDOUT), append="loglevel=8 earlycon")
    assert b.has("earlycon: no UART to use: no /chosen/stdout-path; no console=ttyS<n> to fall back on")
    assert b.has("ttyS: no console UART: no /chosen/stdout-path")
    assert b.has("earlycon: uart0 at MMIO32 0x01c28000 (options '')")
    assert b.has("console: none from the device tree or the command line; started the built-in "
                 "command line's earlycon")
    assert b.lines[0] == "Booting initk on physical CPU 0x0"
    assert b.has(BOOT_DONE)


def test_a_tree_cut_inside_its_strings_block_still_speaks(tmp_path):
    # a valid header and structure whose strings block is cut short (the rest
    # reads as zeros, handed over raw): "bootargs", first in the block, still
    # reads, every other property name is empty, so there is no stdout-path,
    # no compatible, nothing. The built-in command line's earlycon must speak.
    source = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", TEST_DTB], check=True,
                            capture_output=True, text=True).stdout
    # the root's first property makes "bootargs" the first string; /chosen's shares it
    args = '\tbootargs = "console=ttyS0,115200 loglevel=8";'
    source = source.replace("/ {", "/ {\n" + args, 1).replace("chosen {", "chosen {\n" + args, 1)
    full = tmp_path / "full.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(full)], input=source, check=True,
                   text=True)
    blob = full.read_bytes()
    strings = int.from_bytes(blob[12:16], "big")
    assert blob[strings:strings + 9] == b"bootargs\0"
    cut = tmp_path / "cut.dtb"
    cut.write_bytes(blob[:strings + 12])
    b = boot(raw_dtb=str(cut))
    assert b.has("console: none from the device tree or the command line; started the built-in "
                 "command line's earlycon")
    assert b.lines[0] == "Booting initk on physical CPU 0x0"
    assert b.has("Kernel command line: console=ttyS0,115200 loglevel=8")


def test_uart_sharing_the_timer_interrupt_is_not_registered(tmp_path):
    dtb = console_tree(tmp_path, ("-tx", "/soc/serial@1c28000", "interrupts", "1", "e", "f04"))
    b = boot(dtb=dtb, append=DEBUG)
    assert b.has("1c28000.serial: interrupt 30 is taken (-16): port not registered")
    assert not b.has(re.compile(r"^1c28000\.serial: ttyS0 at MMIO"))
    assert b.has(re.compile(r"^probe of 1c28000\.serial returned -16 after"))
    assert b.has(BOOT_DONE)  # the console goes on, polled


# --- Consoles at addresses that cannot be a UART ------------------------------------

@pytest.mark.parametrize("addr,what", [
    ("0x50000000", "in RAM"), ("0x40020000", "inside the kernel"), ("0x4", "in the unmapped first MiB"),
])
def test_earlycon_address_that_cannot_be_a_uart(addr, what):
    b = boot(append=f"{DEBUG} earlycon=uart8250,mmio32,{addr}")
    assert b.has(f"earlycon: 0x{int(addr, 16):08x} is {what}, not a UART: ignored")
    assert not b.has("Malformed early option 'earlycon'")
    assert b.has("printk: console [ttyS0] enabled")
    assert b.has(BOOT_DONE)


def test_polled_console_that_never_gets_ready_is_dropped():
    # 8-bit access to the 32-bit UART: its "transmitter ready" bit never reads
    # set. The early console gives up after one character's 50 ms and leaves;
    # the ttyS console then shows the whole log, and why.
    b = boot(append=f"{DEBUG} earlycon=uart8250,mmio,0x01c28000")
    assert b.has("printk: bootconsole [uart0] disabled: its transmitter never became ready")
    assert b.has("printk: console [ttyS0] enabled")
    assert b.lines[0] == "Booting initk on physical CPU 0x0"
    end = b.stamps[b.index(BOOT_DONE)]
    assert end < 500000, f"the boot ended at {end} us of virtual time"


def test_uart_in_page_0_is_refused_and_the_builtin_earlycon_speaks(tmp_path):
    dtb = console_tree(tmp_path, ("-tx", "/soc/serial@1c28000", "reg", "0", "400"))
    b = boot(dtb=dtb, append=DEBUG)
    assert b.has('ttyS: no console UART: /chosen/stdout-path "serial0:115200n8" is at 0x00000000, in the '
                 'unmapped first MiB, and serial0 is at 0x00000000, in the unmapped first MiB')
    assert b.has("console: none from the device tree or the command line; started the built-in "
                 "command line's earlycon")
    assert b.has("dw-apb-uart 0.serial: error -14: registers at 0x00000000 are in the unmapped first MiB")
    assert b.has(BOOT_DONE)


# --- Restart and panic ---------------------------------------------------------------

def test_watchdog_at_address_0_is_refused(tmp_path):
    # secure ELF path: no PSCI, so the watchdog would be the restart method
    dtb = tree(tmp_path, ("-tx", "/soc/watchdog@1c20ca0", "reg", "0", "20"),
               bootargs="console=ttyS0,115200 initcall_debug loglevel=8 test_fault=panic panic=1")
    b = boot(image="elf", raw_dtb=dtb, icount=False, expect="panic")
    assert b.has("sunxi-wdt: watchdog@1c20ca0: registers at 0x00000000 are in the unmapped first MiB: not used")
    assert ("sunxi_wdt_init", -22) in [(r[0], r[3]) for r in b.returns()]
    assert b.has("reboot: no way to restart this machine, halting")
    assert not b.has(re.compile(r"^PC is at sunxi_wdt_restart"))
    assert b.lines[-1] == "---[ end Kernel panic - not syncing: test_fault=panic requested ]---"


def test_a_fault_while_panicking_still_ends_the_report(tmp_path):
    b = boot(append="console=ttyS0,115200 loglevel=8 test_fault=panic panic=-1 test_restart_fault",
             expect="panic")
    start = b.index("Kernel panic - not syncing: test_fault=panic requested")
    oops = b.index("Unable to handle kernel NULL pointer dereference at virtual address 00000000")
    assert start < b.index("test-restart: reading NULL") < oops
    assert b.lines[-1] == "---[ end Kernel panic - not syncing: test_fault=panic requested ]---"


def test_a_console_that_faults_never_prints_the_panic():
    # an address QEMU answers with an external abort: the first character
    # faults inside the early console; the report comes out on the built-in
    # earlycon instead of faulting again (which halted with nothing said)
    b = boot(append="console=ttyS0,115200 loglevel=8 earlycon=uart8250,mmio32,0xd0000000", expect="panic")
    assert b.has("data abort: synchronous external abort (DFSR=0x008) at d0000014 on read")
    assert b.has("printk: bootconsole [uart0] disabled: it faulted while printing")
    assert b.has("earlycon: uart0 at MMIO32 0x01c28000 (options '')")
    assert b.lines[-1] == "---[ end Kernel panic - not syncing: Fatal exception ]---"


# --- CPUs --------------------------------------------------------------------------------

def test_cpu_numbers_are_logical_not_mpidr_aff0(tmp_path):
    # cpu@2 claims MPIDR 0x100 (cluster 1): it is logical CPU 2, which fails
    # to boot (no such core); it must not be taken for CPU0 (0x100 & 0xff)
    b = boot(raw_dtb=tree(tmp_path, *psci_node("smc"), ("-tx", "/cpus/cpu@2", "reg", "100")))
    assert b.has("CPU2: failed to boot: -5")
    assert not b.has("CPU0: failed to boot: -5")
    assert b.has("CPU1: thread -1, cpu 1, socket 0, mpidr 80000001")
    assert b.has("CPU3: thread -1, cpu 3, socket 0, mpidr 80000003")
    assert b.has("smp: Brought up 1 node, 3 CPUs")
    assert b.has(BOOT_DONE)


def test_cpus_listed_out_of_order_get_logical_numbers_in_tree_order(tmp_path):
    # the tree lists the cores 0, 3, 2, 1: logical CPU n is the nth node (after the boot CPU)
    edits = [("-tx", "/cpus/cpu@1", "reg", "3"), ("-tx", "/cpus/cpu@3", "reg", "1")]
    b = boot(raw_dtb=tree(tmp_path, *psci_node("smc"), *edits))
    assert b.has("CPU1: thread -1, cpu 3, socket 0, mpidr 80000003")
    assert b.has("CPU3: thread -1, cpu 1, socket 0, mpidr 80000001")
    assert b.has("smp: Brought up 1 node, 4 CPUs")
    assert re.search(r"^ok \d+ test_secondaries_ran_starting_hooks$", b.text(), re.M)


# --- Command lines --------------------------------------------------------------------

def test_a_ninth_console_parameter_is_not_unknown():
    consoles = " ".join(f"console=tty{n}" for n in range(8))
    b = boot(append=f"{DEBUG} {consoles} console=ttyS3")
    assert b.has("printk: console=ttyS3: only 8 console= options are kept; this one is ignored")
    assert not any(l.startswith("Unknown kernel command line parameters") for l in b.lines)


def test_the_longest_command_line_is_shown_whole():
    line = DEBUG + " " + " ".join(f"unknown{n:03d}=x" for n in range(200))
    line = line[:1023].rstrip("=").rstrip()
    while len(line) < 1023:
        line += "y"
    b = boot(append=line)
    assert b.has("Kernel command line: " + line)
    unknown = next(l for l in b.lines if l.startswith("Unknown kernel command line parameters"))
    assert unknown.endswith('", will be passed to user space.')


def test_serial_input_during_the_self_tests_does_not_fail_them():
    # bytes keep arriving while the in-kernel tests run (real time: QEMU
    # delivers them as they are written)
    b = boot(append=DEBUG, icount=False, type_after=r"KTAP version 1\r\n", type_in=b"junk " * 200)
    assert re.search(r"^ok \d+ test_spurious_interrupt_counted$", b.text(), re.M)
