"""Device-tree driven drivers: the driver core's probe order and deferral,
the GIC and timer interrupts, the UART console hand-over, VFP, and trees
that lack parts or were patched by the boot loader."""
import os
import re
import shutil
import subprocess

from initk import BUILD, DTB, TEST_DTB, boot, linux_lines

DEBUG = "console=ttyS0,115200 initcall_debug loglevel=8"


def probes(b):
    out = []
    for line in b.lines:
        m = re.fullmatch(r"probe of (\S+) returned (-?\d+) after \d+ usecs", line)
        if m:
            out.append((m[1], int(m[2])))
    return out


def edited_dtb(tmp_path, *removals, source=DTB):
    path = str(tmp_path / "edited.dtb")
    shutil.copy(source, path)
    for node in removals:
        subprocess.run(["fdtput", "-r", path, node], check=True)
    return path


def test_deferred_probe_order_and_report():
    b = boot(append=DEBUG)
    p = probes(b)
    assert p.index(("test-consumer", -517)) < p.index(("test-supplier", 0)) < p.index(("test-consumer", 0))
    # retried as soon as another driver binds, not only at the end
    assert p[p.index(("test-supplier", 0)) + 1] == ("test-consumer", 0)
    assert b.index(re.compile(r"^probe of test-consumer returned 0 ")) < b.index(
        re.compile(r"^calling  deferred_probe_initcall"))
    assert ("test-orphan", 0) not in p
    report = b.index("platform test-orphan: deferred probe pending: waiting for a supplier that never comes")
    last_try = max(i for i, l in enumerate(b.lines) if l.startswith("probe of test-orphan returned -517"))
    done = b.index(re.compile(r"^initcall deferred_probe_initcall\+\S+ returned 0"))
    assert last_try < report < done
    assert not any("deferred probe pending" in l and "orphan" not in l for l in b.lines)


def test_probe_lines_only_with_initcall_debug():
    b = boot(append="console=ttyS0,115200 loglevel=8")
    assert not probes(b)
    assert b.has("platform test-orphan: deferred probe pending: waiting for a supplier that never comes")


def test_gic_and_nonsecure_timer_interrupt():
    b = boot(append=DEBUG)
    assert b.has("GIC: 160 interrupt lines, 4 CPU interface(s), no security extensions, at 0x01c81000/0x01c82000")
    assert b.has("arch_timer: cp15 timer(s) running at 62.50MHz (phys).")
    assert b.has("arch_timer: non-secure physical timer, interrupt 30")
    # interrupt controller and timer come up before the secondary CPUs, as in Linux
    names = [c[0] for c in b.calls()]
    assert names.index("gic_of_init") < names.index("arch_timer_of_init") < names.index("psci_dt_init")
    assert b.index(re.compile("^GIC: ")) < b.index("smp: Bringing up secondary CPUs ...")
    # one came at probe (the driver checks its interrupt works), one in the self-test
    assert b.has("# timer interrupt 30: count 1 -> 2")
    assert re.search(r"^ok \d+ test_timer_interrupt_counted$", b.text(), re.M)
    assert re.search(r"^ok \d+ test_spurious_interrupt_counted$", b.text(), re.M)


def test_secure_timer_interrupt_on_the_elf_path(tmp_path):
    # ELF: secure SVC; the same test tree handed over raw through gdb
    b = boot(image="elf", raw_dtb=TEST_DTB)
    assert b.has("CPU: entered in SVC mode")
    assert b.has("arch_timer: secure physical timer, interrupt 29")
    assert b.has("# timer interrupt 29: count 1 -> 2")


def test_uart_console_goes_interrupt_driven():
    b = boot(append="console=ttyS0,115200n8 initcall_debug loglevel=8")
    assert b.has("1c28000.serial: ttyS0 at MMIO 0x1c28000 (irq = 32, base_baud = 1500000) is a 16550A")
    assert re.search(r"^ok \d+ test_printk_does_not_wait_for_uart$", b.text(), re.M)
    m = re.search(r"# uart interrupt 32: count (\d+)", b.raw)
    assert m and int(m[1]) > 10
    # every line still exactly once, in order, after the switch
    assert len(b.lines) == len(set(zip(b.lines, b.stamps)))
    assert b.stamps == sorted(b.stamps)


def test_vfp_line_is_linuxs():
    # Linux 6.1 on the same machine (tests/fixtures): the line, word for word
    linux = linux_lines("'VFP support' line")[0]
    assert linux == "VFP support v0.3: implementor 41 architecture 2 part 30 variant 7 rev 5"
    b = boot(append=DEBUG)
    assert b.has(linux)
    assert b.has("VFP: FPSID 41023075")  # QEMU's Cortex-A7, at debug level


def test_no_uart_node_stays_on_the_early_console(tmp_path):
    dtb = edited_dtb(tmp_path, "/soc/serial@1c28000", source=TEST_DTB)
    b = boot(dtb=dtb, append="console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 loglevel=8")
    assert b.has('ttyS: no console UART (/chosen/stdout-path "serial0:115200n8" names no node, '
                 "and console=ttyS0: serial0 names no node); staying on the early console")
    assert not b.has("printk: console [ttyS0] enabled")
    assert b.has("printk: bootconsole [uart0] enabled")
    assert len(b.lines) == len(set(zip(b.lines, b.stamps)))


def test_bootloader_patched_tree(tmp_path):
    # initk's tree has no /psci and no bootargs; without /memory too, everything
    # the kernel uses of those comes from what QEMU adds, as U-Boot's bootm does
    dtb = edited_dtb(tmp_path, "/memory@40000000", source=TEST_DTB)
    assert subprocess.run(["fdtget", dtb, "/memory", "reg"], capture_output=True).returncode != 0
    b = boot(dtb=dtb, append=DEBUG + " patched=1")
    assert b.has("Memory: 1024 MiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    assert b.has("Kernel command line: " + DEBUG + " patched=1")
    assert b.has("psci: PSCIv1.1 detected in firmware.")
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")


def test_received_bytes_are_buffered_even_junk():
    # binary junk, no Ctrl-A (QEMU's escape): all of it lands in ttyS0's buffer
    junk = bytes([0x00, 0xff, 0x1b, 0x5b, 0x41, 0x7f, 0x0d, 0x0a]) + b"initk-rx"
    # real time (no -icount): typed once the UART driver is up, while the
    # kernel waits for them (up to 1 s)
    b = boot(append=DEBUG + f" test_rx_bytes={len(junk)}", type_in=junk, icount=False,
             type_after=r"ttyS0 at MMIO 0x1c28000 [^\r\n]*\r\n")
    hexes = " ".join(f"{c:02x}" for c in junk)
    assert b.has(f"# ttyS0 received {len(junk)} bytes: {hexes}")
    assert re.search(r"^ok \d+ test_uart_rx_buffered$", b.text(), re.M)


def test_mainline_linux_dtb():
    # Linux 6.1's own sun8i-h3-orangepi-pc.dtb (Debian armmp): no /memory, no
    # clock-frequency on the UART: its rate comes from the CCU (APB2, 24 MHz),
    # so console=ttyS0,115200 is applied; GIC "arm,gic-400"
    mainline = os.path.join(BUILD, "linux-dtbs", "sun8i-h3-orangepi-pc.dtb")
    b = boot(dtb=mainline, append=DEBUG)
    assert b.has("OF: fdt: Machine model: Xunlong Orange Pi PC")
    assert b.has("Memory: 1024 MiB RAM at 0x40000000 mapped cacheable, page 0 unmapped")
    assert b.has(re.compile(r"^GIC: 160 interrupt lines"))
    assert b.has("arch_timer: non-secure physical timer, interrupt 30")
    assert not any("cannot set" in l for l in b.lines)
    assert b.has("1c28000.serial: ttyS0 at MMIO 0x1c28000 (irq = 32, base_baud = 1500000) is a 16550A")
    # the clock units bind, each in its own initcall, before the UART that needs one
    ccu = b.index("calling  sun8i_h3_ccu_driver_init+0x0/0xc @ 1")
    assert b.lines[ccu + 1].startswith("probe of 1c20000.clock returned 0 after ")
    r_ccu = b.index("calling  sun8i_r_ccu_driver_init+0x0/0xc @ 1")
    assert b.lines[r_ccu + 1].startswith("probe of 1f01400.clock returned 0 after ")
    assert ccu < r_ccu < b.index(re.compile(r"^probe of 1c28000.serial returned 0 "))
    no_driver = [l for l in b.lines if l.endswith(": no driver")]
    assert "platform 1c20000.clock: no driver" not in no_driver
    assert "platform 1f01400.clock: no driver" not in no_driver
    for test in ("test_timer_interrupt_counted", "test_printk_does_not_wait_for_uart",
                 "test_uart_interrupts_counted"):
        assert re.search(rf"^ok \d+ {test}$", b.text(), re.M), test


def test_clock_consumer_defers_until_the_ccu_binds():
    # the test consumer registers at subsys level, the CCU at device level
    b = boot(append=DEBUG)
    p = probes(b)
    assert p.index(("test-clk-consumer", -517)) < p.index(("1c20000.clock", 0)) < \
        p.index(("test-clk-consumer", 0))
    # rates read back from the CCU registers: APB2 from osc24M; MMC0 set from
    # osc24M / 4 / 15 and pll-periph0 (600 MHz) / 12, never above what was asked
    assert b.has("# uart clock 24000000 Hz, mmc clock 24000000 Hz")
    assert b.has("# mmc clock: asked 400000 Hz, got 400000 Hz (0)")
    assert b.has("# mmc clock: asked 52000000 Hz, got 50000000 Hz (0)")
    assert b.has("# output phase 90 degrees at 25000000 Hz")
    assert re.search(r"^ok \d+ test_clock_consumer$", b.text(), re.M)


def test_ktap_report_is_complete_and_tests_not_asked_for_skip():
    b = boot(append=DEBUG)
    text = b.text()
    plan = int(re.search(r"^1\.\.(\d+)$", text, re.M)[1])
    results = re.findall(r"^(not ok|ok) (\d+) (\w+)( # SKIP)?$", text, re.M)
    assert [int(r[1]) for r in results] == list(range(1, plan + 1))
    skipped = {r[2] for r in results if r[3]}
    # asked for by a boot parameter this boot did not give
    assert {"test_freed_init_faults", "test_uart_rx_buffered"} <= skipped
    # and these do run here (QEMU, the test tree, 4 CPUs)
    assert not skipped & {"test_timer_interrupt_counted", "test_deferred_consumer_bound",
                          "test_secondaries_ran_starting_hooks", "test_spurious_interrupt_counted"}
