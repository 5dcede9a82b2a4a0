# initk: build, run and test. `make help` lists the targets.
#
# Objects come from Kbuild-style lists: each directory's Makefile says
# `obj-y += file.o` (or `obj-y += subdir/`), starting from the directories
# below. Everything is built out of tree, in $(O).

O ?= build
V ?= 0
# TEST=y builds the test kernel: the same sources plus tests/kernel/.
TEST ?= n
CROSS_COMPILE ?= arm-none-eabi-

# The command line when the boot loader gives none (QEMU's ELF boot has no DTB).
CMDLINE ?= console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 initcall_debug loglevel=8
# The device tree built into the image, for boots without one (boot/dts/<name>.dts).
BUILTIN_DTB ?= sun8i-h3-orangepi-pc
# What `make qemu` passes through the device tree.
BOOTARGS ?= console=ttyS0,115200 earlycon initcall_debug loglevel=8
VERSION := 0.1

CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
NM := $(CROSS_COMPILE)nm
LD := $(CROSS_COMPILE)ld
HOSTCC ?= gcc
DTC ?= dtc
PYTHON := /usr/bin/python3

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-7s %s\n' '$(1)' '$(2)';
endif

CONFIG_INITK_TEST := $(TEST)

# C is compiled to Thumb-2 (a third smaller than ARM code, as fast on the
# Cortex-A7); the entry code and the exception vectors are ARM (.arm in
# head.S and entry.S: the boot loader enters in ARM state, SCTLR.TE is 0).
KERNEL_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Os -g \
	-ffreestanding -fno-builtin -fno-common -fno-pic -fno-stack-protector \
	-fno-unwind-tables -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns -fno-toplevel-reorder \
	-mcpu=cortex-a7 -mthumb -mfloat-abi=soft -mno-unaligned-access \
	-Iinclude -Iarch/arm/include -I$(O)/include -MMD -MP
KERNEL_LDFLAGS := -mcpu=cortex-a7 -mthumb -mfloat-abi=soft -nostdlib -static -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
	-Wl,--orphan-handling=error -Wl,--gc-sections -T $(O)/linker.lds
# The kernel's own objects (not modules, whose loader takes one .text): a
# section per function and object, so the link drops what nothing uses.
KERNEL_SECTION_CFLAGS := -ffunction-sections -fdata-sections

HOST_TEST_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O1 \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-DHOST_TEST -Itests/unit/include -Iinclude -Iarch/arm/include

# --- Kbuild-style object lists ----------------------------------------------
# (-fno-toplevel-reorder keeps initcalls of one file in the order written.)

objs :=
modules :=
define descend
obj-y :=
obj-m :=
include $(1)/Makefile
objs += $$(addprefix $$(O)/$(1)/,$$(filter %.o,$$(obj-y)))
$$(foreach m,$$(filter %.o,$$(obj-m)),$$(eval $$(call module-def,$(1),$$(m:.o=),$$(O)/mod/$(1),$$(O)/modules)))
$$(foreach sub,$$(filter %/,$$(obj-y)),$$(eval $$(call descend,$(1)/$$(sub:/=))))
endef

# Module $(2) of directory $(1): `obj-m += $(2).o`, made of $(2)-y if the
# Makefile lists parts (`$(2)-y := a.o b.o`), else of $(2).o alone; objects
# in $(3), the .ko in $(4).
define module-def
modules += $(2)
mod-objs-$(2) := $$(addprefix $(3)/,$$(or $$($(2)-y),$(2).o))
mod-ko-$(2) := $(4)/$(2).ko
mod-dir-$(2) := $(1)
$$(mod-objs-$(2)) $(4)/$(2).mod.o: MODNAME := $(2)
endef

# make -C <initk> M=<dir>: the modules of <dir>/Makefile (or Kbuild), out of
# tree, against the kernel already built in $(O); nothing else is built.
# (Only M= on the command line counts, as in Linux: not one from the environment.)
ifneq ($(origin M),command line)
M :=
endif
ifneq ($(M),)
override M := $(abspath $(M))
ifeq ($(M),$(CURDIR))
$(error M=$(M) is initk itself: M= names the directory of an out-of-tree module)
endif
ext-makefile := $(firstword $(wildcard $(M)/Kbuild $(M)/Makefile))
ifeq ($(ext-makefile),)
$(error M=$(M): no Makefile or Kbuild there)
endif
KERNELRELEASE := $(VERSION)
obj-m :=
include $(ext-makefile)
$(foreach m,$(filter %.o,$(obj-m)),$(eval $(call module-def,$(M),$(m:.o=),$(M),$(M))))
else
top-dirs := arch/arm init kernel mm fs block drivers boot samples
ifeq ($(CONFIG_INITK_TEST),y)
top-dirs += tests/kernel tests/modules
endif
$(foreach d,$(top-dirs),$(eval $(call descend,$(d))))
endif

# --- Kernel --------------------------------------------------------------------

.DEFAULT_GOAL := all
.PHONY: all modules help deps initramfs qemu qemu-elf check check-layers unit-tests boot-tests lava test-kernel bench boot-report boot-regress boot-baseline tool-tests profile clean print-ldflags print-objs FORCE

all: deps $(O)/initk.elf $(O)/initk.bin $(O)/System.map modules $(O)/initramfs.cpio $(O)/initramfs.cpio.uboot $(patsubst boot/dts/%.dts,$(O)/dts/%.dtb,$(wildcard boot/dts/*.dts))

help:
	@echo 'initk targets:'
	@echo '  all (default)  build/initk.elf, initk.bin, System.map and the DTB; print section sizes'
	@echo '  modules        the obj-m modules into build/modules/ (make -C <initk> M=dir: out of tree)'
	@echo '  initramfs      build/initramfs.cpio from usr/initramfs and build/modules (cpio newc)'
	@echo '  qemu           build and boot on qemu-system-arm -M orangepi-pc (raw image, DTB, initramfs)'
	@echo '  qemu-elf       boot the ELF instead (secure SVC, no DTB, built-in command line)'
	@echo "  sdcard         SD card image with Debian's U-Boot: build/sdcard-BOARD.img (BOARD=orangepi-pc, bananapi, cubieboard2)"
	@echo "  qemu-sdcard    boot the Orange Pi PC SD card image through U-Boot in QEMU"
	@echo '  check          every test: host unit tests, then QEMU boot tests'
	@echo '  check-layers   kernel/ uses no init/ or drivers/ symbol, arch/ no driver one; no stale .init references'
	@echo '  unit-tests     host unit tests only (cmocka, ASan/UBSan)'
	@echo '  boot-tests     QEMU boot tests only (pytest + pexpect)'
	@echo '  lava           the QEMU LAVA job run by lava-run, its results checked'
	@echo '  bench          boot under -icount shift=0,sleep=off and report figures'
	@echo '  boot-report    boot under icount, capture, scripts/bootreport into build/boot-report/index.html'
	@echo '  boot-regress   the boot-time gate: the default boot against tests/bootreport/baseline (part of check)'
	@echo '  boot-baseline  renew that baseline from the default kernel (commit the file it writes)'
	@echo '  tool-tests     scripts/bootreport unit tests (pytest, headless chromium; part of check)'
	@echo '  profile        instructions per initcall and per function of the default boot (build/profile/);'
	@echo '                 PROFILE_WINDOW=<initcall>: also from it to the next initcall, by function'
	@echo '  fuzz           libFuzzer on the device tree reader for FUZZ_TIME seconds (default 600)'
	@echo '  fuzz-smoke     the same for 20 s (part of check)'
	@echo '  deps           install missing Debian packages (as root) or print the command'
	@echo '  clean          remove build/'
	@echo 'Variables: V=1 (show commands), O=dir, CMDLINE="..." (built-in), BOOTARGS="..." (make qemu),'
	@echo '           BUILTIN_DTB=name (the tree from boot/dts/ built into the image; default sun8i-h3-orangepi-pc)'

deps:
	$(Q)scripts/ensure-deps.sh build

# Written for the kernel build only: an out-of-tree module (M=) builds
# against the header as the kernel left it, never rewrites it.
ifeq ($(M),)
$(O)/include/generated/autoconf.h: FORCE
	$(Q)mkdir -p $(dir $@)
	$(Q)printf '%s\n' '/* Generated by the Makefile. */' \
		'#define CONFIG_CMDLINE "$(subst ",\",$(CMDLINE))"' \
		'#define CONFIG_INITK_TEST $(if $(filter y,$(CONFIG_INITK_TEST)),1,0)' \
		'#define INITK_VERSION "$(VERSION)"' \
		'#define CONFIG_BUILTIN_DTB "$(BUILTIN_DTB)"' \
		'#define CONFIG_BUILTIN_DTB_FILE "$(abspath $(O)/dts/$(BUILTIN_DTB).dtb)"' \
		'/* built with: $(KERNEL_CFLAGS) */' > $@.tmp
	$(Q)cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
endif

$(O)/%.o: %.c $(O)/include/generated/autoconf.h
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(KERNEL_SECTION_CFLAGS) -c $< -o $@

$(O)/%.o: %.S $(O)/include/generated/autoconf.h
	$(call msg,AS,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

# The linker script is preprocessed, as Linux's vmlinux.lds.S: it follows
# the initcall level table in include/kernel/initcall_levels.h.
$(O)/linker.lds: linker.lds.S $(O)/include/generated/autoconf.h
	$(call msg,LDS,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x assembler-with-cpp -D__ASSEMBLY__ -DLINKER_SCRIPT -Iinclude -MMD -MP -MT $@ -MF $@.d $< -o $@

$(O)/boot/builtin_dtb.o: $(O)/dts/$(BUILTIN_DTB).dtb

$(O)/scripts/kallsyms: scripts/kallsyms.c include/kernel/kallsyms.h include/kernel/types.h
	$(call msg,HOSTCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -Werror -Iinclude -o $@ $<

# Link three times so the symbol table describes the final image, and fail
# if any symbol moved between the last two links (scripts/link-initk.sh).
$(O)/initk.elf: $(objs) $(O)/linker.lds scripts/link-initk.sh $(O)/scripts/kallsyms
	$(call msg,LD,$@)
	$(Q)CC="$(CC)" NM="$(NM)" LDFLAGS="$(KERNEL_LDFLAGS)" CFLAGS="$(KERNEL_CFLAGS)" \
		scripts/link-initk.sh $@ $(O)/scripts/kallsyms $(objs)

$(O)/System.map: $(O)/initk.elf
	$(Q)$(NM) -n $< > $@

$(O)/initk.bin: $(O)/initk.elf
	$(call msg,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

$(O)/dts/%.dtb: boot/dts/%.dts
	$(call msg,DTC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DTC) -q -I dts -O dtb -o $@ $<
	$(Q)$(DTC) -I dts -O dtb -o /dev/null $< 2>&1 | { ! grep . >&2; } || { echo "dtc warnings in $< (treated as errors)" >&2; rm -f $@; exit 1; }

# --- Modules (obj-m) -------------------------------------------------------------
# x.ko is `ld -r` of its objects (built with -DMODULE -DKBUILD_MODNAME="x")
# and x.mod.o (the name, vermagic and intree strings Linux's modpost adds);
# then scripts/modpost.sh checks every module's undefined symbols against
# what initk and the modules export (Module.symvers), as Linux's modpost.

MODULE_CFLAGS = $(KERNEL_CFLAGS) -DMODULE -DKBUILD_MODNAME='"$(MODNAME)"'
mod-kos := $(foreach m,$(modules),$(mod-ko-$(m)))
MODPOST := NM=$(NM) OBJDUMP=$(CROSS_COMPILE)objdump OBJCOPY=$(OBJCOPY) scripts/modpost.sh

$(O)/mod/%.o: %.c $(O)/include/generated/autoconf.h
	$(call msg,CC [M],$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MODULE_CFLAGS) -c $< -o $@

define module-rules
$(mod-ko-$(1)): $(mod-objs-$(1)) $(basename $(mod-ko-$(1))).mod.o
	$$(call msg,LD [M],$$@)
	$$(Q)$$(LD) -r -o $$@ $$^
$(basename $(mod-ko-$(1))).mod.c: $(if $(M),,Makefile)
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)printf '%s\n' '/* Generated: what Linux'"'"'s modpost adds to a module. */' \
		'#include <kernel/module.h>' '#include <kernel/version.h>' 'MODULE_INFO(name, "$(1)");' \
		'MODULE_INFO(vermagic, VERMAGIC_STRING);' $(if $(M),,'MODULE_INFO(intree, "Y");') > $$@
$(basename $(mod-ko-$(1))).mod.o: $(basename $(mod-ko-$(1))).mod.c | $(O)/include/generated/autoconf.h
	$$(Q)$$(CC) $$(MODULE_CFLAGS) -c $$< -o $$@
endef
$(foreach m,$(modules),$(eval $(call module-rules,$(m))))

$(O)/Module.symvers: $(O)/initk.elf scripts/modpost.sh
	$(call msg,MODPOST,$@)
	$(Q)$(MODPOST) kernel $< > $@

ifeq ($(M),)
modules: $(O)/modules/Module.symvers
$(O)/modules/Module.symvers: $(mod-kos) $(O)/Module.symvers scripts/modpost.sh
	$(call msg,MODPOST,$(O)/modules)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(MODPOST) check $@ $(O)/Module.symvers -- $(mod-kos)
else
# Out of tree: objects and the .ko next to their sources, as Linux's M=.
.DEFAULT_GOAL := modules
modules: $(M)/Module.symvers
$(M)/Module.symvers: $(mod-kos) scripts/modpost.sh
	$(call msg,MODPOST,$(M))
	$(Q)$(MODPOST) check $@ $(O)/Module.symvers $(O)/modules/Module.symvers -- $(mod-kos)
$(M)/%.o: $(M)/%.c | kernel-built
	$(call msg,CC [M],$@)
	$(Q)$(CC) $(MODULE_CFLAGS) -c $< -o $@
$(patsubst %.ko,%.mod.o,$(mod-kos)): | kernel-built
.PHONY: kernel-built
kernel-built:
	$(Q)for f in $(O)/initk.elf $(O)/Module.symvers $(O)/include/generated/autoconf.h; do \
		[ -f $$f ] || { echo "initk is not built in $(abspath $(O)) (no $$f): run 'make' in $(CURDIR) first" >&2; exit 1; }; \
	done
	$(Q)[ -n "$(mod-kos)" ] || { echo "$(ext-makefile): no obj-m modules to build" >&2; exit 1; }
endif

# The test kernel also gets trees with the test drivers' nodes.
ifeq ($(CONFIG_INITK_TEST),y)
all: $(patsubst tests/kernel/%.dts,$(O)/dts/%.dtb,$(wildcard tests/kernel/*.dts))
endif
$(O)/dts/%.dtb: tests/kernel/%.dts boot/dts/*.dts
	$(call msg,DTC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(DTC) -q -I dts -O dtb -o $@ $<

# --- The initramfs: usr/initramfs packed as cpio newc (usr/README.md) ----------------

INITRAMFS_SRC := usr/initramfs
initramfs: $(O)/initramfs.cpio

# The initramfs with a U-Boot header (mkimage -T ramdisk), for boot loaders
# that want one: LAVA's sunxi device types.
$(O)/initramfs.cpio.uboot: $(O)/initramfs.cpio
	$(call msg,MKIMAGE,$@)
	$(Q)mkimage -q -A arm -O linux -T ramdisk -C none -n "initk initramfs" -d $< $@

$(O)/initramfs.cpio: $(shell find $(INITRAMFS_SRC) ! -type l) $(O)/modules/Module.symvers Makefile
	$(call msg,CPIO,$@)
	$(Q)rm -rf $(O)/initramfs-root && mkdir -p $(O)/initramfs-root
	$(Q)cp -R $(INITRAMFS_SRC)/. $(O)/initramfs-root/
	$(Q)mkdir -p $(O)/initramfs-root/lib/modules $(if $(mod-kos),&& cp $(mod-kos) $(O)/initramfs-root/lib/modules/)
	$(Q)cd $(O)/initramfs-root && find . ! -name .gitkeep | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --reproducible --quiet > $(abspath $@).tmp
	$(Q)mv $@.tmp $@

# --- Running -------------------------------------------------------------------

qemu: all
	$(Q)scripts/ensure-deps.sh run
	qemu/run.sh --kernel $(O)/initk.bin --dtb $(O)/dts/sun8i-h3-orangepi-pc.dtb \
		--initrd $(O)/initramfs.cpio --append "$(BOOTARGS)"

qemu-elf: all
	$(Q)scripts/ensure-deps.sh run
	qemu/run.sh --kernel $(O)/initk.elf

# --- Tests ---------------------------------------------------------------------

unit_tests := $(patsubst tests/unit/%.c,$(O)/host/%,$(wildcard tests/unit/test_*.c))
include tests/unit/Makefile

$(O)/host/%: tests/unit/%.c
	$(call msg,HOSTCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_TEST_CFLAGS) -o $@ $(filter-out $(host_test_included),$^) $(HOST_TEST_LIBS) -lcmocka

unit-tests: $(unit_tests) $(unit_fixtures) $(unit_test_data)
	$(Q)scripts/ensure-deps.sh test
	$(Q)set -e; $(foreach t,$(unit_tests),echo "== $t"; $t $(O)/host/fixtures $(unit_test_args_$(notdir $t));)

# Its test modules (tests/modules) include ones that are broken on purpose
# (an unknown symbol): modpost warns for them instead of failing.
test-kernel:
	$(Q)$(MAKE) --no-print-directory O=$(O)/test TEST=y KBUILD_MODPOST_WARN=1 all

boot-tests: all test-kernel $(O)/linux-dtbs/.stamp sdcards
	$(Q)scripts/ensure-deps.sh run test
	$(Q)cd tests/boot && INITK_BUILD=$(abspath $(O)) $(PYTHON) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# Layers, init references and list regions of both kernels (scripts/check-layers.py).
check-layers: all test-kernel
	$(Q)$(PYTHON) scripts/check-layers.py $(O)
	$(Q)$(PYTHON) scripts/check-layers.py $(O)/test

check: deps
	$(Q)scripts/ensure-deps.sh build run test
	$(Q)$(MAKE) --no-print-directory check-layers
	$(Q)$(MAKE) --no-print-directory unit-tests
	$(Q)$(MAKE) --no-print-directory tool-tests
	$(Q)$(MAKE) --no-print-directory boot-regress
	$(Q)$(MAKE) --no-print-directory fuzz-smoke
	$(Q)$(MAKE) --no-print-directory boot-tests
	$(Q)$(MAKE) --no-print-directory lava

# The QEMU LAVA job and the Orange Pi PC board job (QEMU as the board, LAVA's
# own device type from Debian's lava-server) run here by Debian's
# lava-dispatcher, their results checked (lava/run-local); the jobs for real
# labs: lava/render-jobs.
LAVA_DEVICE_TYPES := $(O)/debian-data/lava-server/usr/share/lava-server/device-types
$(O)/debian-data/lava-server/.stamp: scripts/debian-data.sh
	$(Q)$(DEBIAN_DATA) lava-server $(O)/debian-data/lava-server
	$(Q)touch $@

lava: all test-kernel $(O)/debian-data/u-boot-sunxi/usr/lib/u-boot/.stamp $(O)/debian-data/lava-server/.stamp
	$(Q)scripts/ensure-deps.sh lava run image
	$(Q)rm -rf $(O)/lava && mkdir -p $(O)/lava
	$(Q)$(PYTHON) lava/run-local --build $(O)/test --board-build $(O) --device-types $(LAVA_DEVICE_TYPES) \
		--u-boot $(UBOOT_DIR)/nanopi_neo/u-boot-sunxi-with-spl.bin --out $(O)/lava

bench: all test-kernel $(O)/linux-dtbs/vmlinuz
	$(Q)scripts/ensure-deps.sh run test
	$(Q)$(PYTHON) scripts/bench.py --build $(O) $(if $(BENCH_ONLY),--only $(BENCH_ONLY))

# --- Boot reports and the boot-time gate (scripts/bootreport) ---------------------
# The gate boots the default (non-test) kernel with the arguments below under
# -icount shift=0,sleep=off: the same image gives the same log on every
# machine, so any growth is the code's. It fails when an initcall or the total
# (first call to last return) grew by more than BOOT_GATE_US microseconds AND
# more than BOOT_GATE_PCT percent (README, "Seeing a boot"); shrinking never fails.
BOOT_GATE_ARGS := console=ttyS0,115200 earlycon initcall_debug loglevel=8
BOOT_BASELINE := tests/bootreport/baseline/initk-default.log
BOOT_GATE_US ?= 50
BOOT_GATE_PCT ?= 10
boot_capture = scripts/boot-capture --kernel $(O)/initk.bin --dtb $(O)/dts/sun8i-h3-orangepi-pc.dtb \
	--initrd $(O)/initramfs.cpio

boot-report: all
	$(Q)scripts/ensure-deps.sh run
	$(Q)$(boot_capture) --append "$(BOOTARGS)" -o $(O)/boot-report/boot.log
	$(Q)scripts/bootreport $(O)/boot-report/boot.log -o $(O)/boot-report

boot-regress: all
	$(Q)scripts/ensure-deps.sh run
	$(Q)$(boot_capture) --append "$(BOOT_GATE_ARGS)" -o $(O)/boot-regress/boot.log
	$(Q)scripts/bootreport --diff $(BOOT_BASELINE) $(O)/boot-regress/boot.log \
		--fail-above $(BOOT_GATE_PCT) --fail-above-us $(BOOT_GATE_US) -o $(O)/boot-regress || \
		{ echo "boot-regress: the boot grew past the gate (report: $(O)/boot-regress/index.html);" \
			"if that is intended, renew the baseline: make boot-baseline" >&2; exit 1; }

boot-baseline: all
	$(Q)scripts/ensure-deps.sh run
	$(Q)$(boot_capture) --append "$(BOOT_GATE_ARGS)" -o $(BOOT_BASELINE)
	@echo "$(BOOT_BASELINE) renewed: commit it with the change that moved the boot time"

tool-tests:
	$(Q)scripts/ensure-deps.sh test tool
	$(Q)cd tests/bootreport && $(PYTHON) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# Instructions per initcall and per function (self) of the default boot, from
# QEMU's exec and in_asm logs under icount; twice, the tables must match.
# PROFILE_WINDOW=<initcall>: also by function, from it to the next initcall.
profile: all
	$(Q)scripts/ensure-deps.sh run
	$(Q)$(PYTHON) scripts/profile.py --build $(O) --out $(O)/profile $(if $(PROFILE_WINDOW),--window $(PROFILE_WINDOW))

ifeq ($(M),)
clean:
	rm -rf $(O)
else
# make -C initk M=dir clean: the module's own outputs only, never the kernel's.
clean:
	rm -f $(foreach m,$(modules),$(mod-objs-$(m)) $(mod-objs-$(m):.o=.d) $(addprefix $(basename $(mod-ko-$(m))),.ko .mod.c .mod.o .mod.d)) $(M)/Module.symvers
endif

-include $(objs:.o=.d) $(O)/linker.lds.d $(foreach m,$(modules),$(mod-objs-$(m):.o=.d) $(basename $(mod-ko-$(m))).mod.d)

# For tests/boot/test_build.py: the flags the kernel is linked with, and its objects.
print-ldflags:
	@echo '$(KERNEL_LDFLAGS)'
print-objs:
	@echo '$(objs)'

# --- Debian packages as test data ------------------------------------------------
# scripts/debian-data.sh downloads a package (armhf here) into $(O)/debian-data
# and unpacks it. Mainline Linux 6.1's DTBs come from Debian's armmp kernel: the
# meta-package names the current linux-image-6.1.0-N-armmp.

LINUX_DTBS := sun8i-h3-orangepi-pc.dtb sun7i-a20-bananapi.dtb sun7i-a20-cubieboard2.dtb
DEBIAN_DATA := DEBIAN_DATA_CACHE=$(O)/debian-data/cache scripts/debian-data.sh

$(O)/linux-dtbs/.stamp: scripts/debian-data.sh
	$(call msg,FETCH,$(O)/linux-dtbs: $(LINUX_DTBS))
	$(Q)$(DEBIAN_DATA) linux-image-armmp:armhf $(O)/debian-data/linux-image-armmp
	$(Q)set -e; \
	kernel=$$(apt-cache depends linux-image-armmp:armhf | \
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-armmp\)\(:armhf\)\{0,1\}$$/\1/p' | head -n 1); \
	[ -n "$$kernel" ] || { echo "no kernel package behind linux-image-armmp:armhf" >&2; exit 1; }; \
	rm -rf $(O)/debian-data/kernel; \
	$(DEBIAN_DATA) $$kernel:armhf $(O)/debian-data/kernel; \
	mkdir -p $(dir $@); \
	for dtb in $(LINUX_DTBS); do cp $(O)/debian-data/kernel/usr/lib/$$kernel/$$dtb $(dir $@); done; \
	rm -rf $(O)/debian-data/kernel; \
	echo $$kernel > $@

# make bench boots the same Debian kernel next to initk: its zImage, taken from
# the package the DTBs came from (the .deb is still in the cache, nothing is
# downloaded again).
$(O)/linux-dtbs/vmlinuz: $(O)/linux-dtbs/.stamp
	$(Q)set -e; kernel=$$(cat $<); \
	rm -rf $(O)/debian-data/kernel; \
	$(DEBIAN_DATA) $$kernel:armhf $(O)/debian-data/kernel; \
	cp $(O)/debian-data/kernel/boot/vmlinuz-$${kernel#linux-image-} $@; \
	rm -rf $(O)/debian-data/kernel

# --- Fuzzing -----------------------------------------------------------------------
# libFuzzer (clang) on the readers of untrusted input, one fuzzer per word of
# FUZZERS: fuzz_X is tests/fuzz/fuzz_X.c linked with $(fuzz_srcs_X), seeded
# from $(O)/fuzz/seeds-X/. `make fuzz` runs each for FUZZ_TIME seconds and
# keeps its corpus in $(O)/fuzz/corpus-X; `make fuzz-smoke` (part of `make
# check`) runs each 20 s from its seeds alone; fuzz-X and fuzz-smoke-X run one.
# A crash leaves its input in $(O)/fuzz/artifacts/ (fuzz_X-crash-...).
#
# Adding a fuzzer X: tests/fuzz/fuzz_X.c, the word X in FUZZERS and a line
# `fuzz_srcs_X := <the sources it tests>`. Its seeds are the files of
# tests/fuzz/seeds-X/ if that directory exists (none otherwise), unless a rule
# for $(O)/fuzz/seeds-X/.stamp below makes them.

.PHONY: fuzz fuzz-smoke
FUZZ_TIME ?= 600
FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O1 \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-DHOST_TEST -Itests/unit/include -Iinclude -Iarch/arm/include

FUZZERS := fdt cpio sh_parse module_elf partitions fat
fuzz_srcs_fdt := kernel/fdt.c
fuzz_srcs_cpio := init/cpio.c
fuzz_srcs_sh_parse := kernel/shell/parse.c
fuzz_srcs_module_elf := kernel/module/elf.c tests/unit/printk_stub.c
fuzz_srcs_partitions := block/partitions/core.c block/partitions/msdos.c block/partitions/efi.c \
	kernel/crc32.c tests/unit/printk_stub.c
fuzz_srcs_fat := fs/namei.c fs/file.c fs/fat/fatent.c fs/fat/dir.c fs/fat/inode.c tests/unit/printk_stub.c
# it walks the filesystem list: no AddressSanitizer red zones between the entries
$(O)/fuzz/fuzz_fat: FUZZ_CFLAGS += -mllvm -asan-globals=0

# fdt: the unit-test fixtures and the board DTBs.
$(O)/fuzz/seeds-fdt/.stamp: $(unit_fixtures) $(unit_test_data)
	$(Q)rm -rf $(dir $@) && mkdir -p $(dir $@)
	$(Q)cp $(unit_fixtures) $(dir $@)
	$(Q)for f in $(O)/dts/*.dtb; do cp $$f $(dir $@)initk-$${f##*/}; done
	$(Q)for f in $(O)/linux-dtbs/*.dtb; do cp $$f $(dir $@)linux-$${f##*/}; done
	$(Q)touch $@

# cpio: small archives made by GNU cpio from a tree made here (every entry
# type, modes, a hard link, names with "..", "/" and "."), also in the crc and
# odc formats, and two archives concatenated.
$(O)/fuzz/seeds-cpio/.stamp: Makefile
	$(Q)scripts/ensure-deps.sh build
	$(Q)set -e; seeds=$(abspath $(dir $@)); tree=$(abspath $(O)/fuzz/seeds-cpio-tree); \
	rm -rf $$seeds $$tree && mkdir -p $$seeds $$tree/etc/init.d $$tree/bin $$tree/tmp; \
	cd $$tree; printf 'root:x:0:0::/root:/bin/sh\n' > etc/passwd; : > etc/empty; \
	printf '#!/bin/sh\necho hi\n' > etc/init.d/rcS; chmod 0755 etc/init.d/rcS; chmod 0600 etc/passwd; \
	chmod 01777 tmp; printf '\001\000\377' > bin/busybox; ln -s busybox bin/sh; \
	ln -s /etc/init.d/rcS init; ln bin/busybox bin/ls; mkfifo dev-fifo; \
	pack() { cpio -o -H $$1 -R 0:0 --reproducible --quiet; }; \
	find . | LC_ALL=C sort | pack newc > $$seeds/tree.cpio; \
	find . | LC_ALL=C sort | pack crc > $$seeds/tree-crc.cpio; \
	find etc | LC_ALL=C sort | pack odc > $$seeds/etc-odc.cpio; \
	echo etc/passwd | pack newc > $$seeds/one-file.cpio; \
	cd bin; printf '%s\n' ../etc/passwd $$tree/etc/empty ./../bin/sh ../etc//init.d/./rcS . .. | \
		pack newc > $$seeds/names.cpio; \
	cat $$seeds/one-file.cpio $$seeds/names.cpio > $$seeds/concatenated.cpio
	$(Q)rm -rf $(O)/fuzz/seeds-cpio-tree
	$(Q)touch $@

# partitions: small disks sfdisk writes (MBR primaries; MBR with logicals;
# GPT with a 4-entry array), a copy with its primary GPT header corrupt (the
# backup is read) and one whose first EBR links to itself.
$(O)/fuzz/seeds-partitions/.stamp: Makefile
	$(Q)scripts/ensure-deps.sh test
	$(Q)set -e; seeds=$(abspath $(dir $@)); rm -rf $$seeds && mkdir -p $$seeds; cd $$seeds; \
	disk() { truncate -s $$2 $$1 && /usr/sbin/sfdisk -q --no-reread --no-tell-kernel $$1 >/dev/null; }; \
	printf 'label: dos\nstart=2, size=20, type=83\nsize=10, type=c\nsize=10, type=82\nsize=10, bootable\n' | \
		disk mbr.img 32K; \
	printf 'label: dos\nstart=2, size=20\nstart=30, size=90, type=5\nstart=32, size=10\nstart=50, size=20\nstart=80, size=30\n' | \
		disk mbr-logicals.img 64K; \
	printf 'label: gpt\ntable-length: 4\nfirst-lba: 3\nstart=4, size=6\nstart=10, size=10\nstart=20, size=8\n' | \
		disk gpt.img 16K; \
	cp gpt.img gpt-bad-primary.img; printf 'X' | dd of=gpt-bad-primary.img bs=1 seek=572 conv=notrunc status=none; \
	cp mbr-logicals.img ebr-loop.img; \
	printf '\000\000\000\000' | dd of=ebr-loop.img bs=1 seek=$$((30 * 512 + 0x1be + 16 + 8)) conv=notrunc status=none
	$(Q)touch $@

# module_elf: the module loader unit test's objects (tests/unit/Makefile) and
# the modules built so far, if any: $(O)/modules and the test kernel's.
$(O)/fuzz/seeds-module_elf/.stamp: $(module_elf_fixtures)
	$(Q)rm -rf $(dir $@) && mkdir -p $(dir $@)
	$(Q)cp $(O)/host/fixtures/*.o $(dir $@)
	$(Q)for f in $(wildcard $(O)/modules/*.ko); do cp $$f $(dir $@); done
	$(Q)for f in $(wildcard $(O)/test/modules/*.ko); do cp $$f $(dir $@)test-$${f##*/}; done
	$(Q)touch $@

# fat: small images by mkfs.vfat (FAT12, FAT16, FAT32), filled by mcopy with
# long and short names, a directory, files of one and several clusters (not
# the FAT32 one: under 65525 clusters, which mtools takes for FAT16).
$(O)/fuzz/seeds-fat/.stamp: Makefile
	$(Q)scripts/ensure-deps.sh image
	$(Q)set -e; seeds=$(abspath $(dir $@)); tree=$(abspath $(O)/fuzz/seeds-fat-tree); \
	rm -rf $$seeds $$tree && mkdir -p $$seeds $$tree/Some\ Dir; cd $$tree; \
	printf 'hello\n' > UPPER.TXT; printf 'x' > lower.txt; seq 1 3000 > "A long file name.txt"; \
	seq 1 200 > "Some Dir/inner"; \
	mk() { img=$$1 kb=$$2; shift 2; mkfs.vfat -C "$$@" $$img $$kb > /dev/null 2>&1; \
		MTOOLS_SKIP_CHECK=1 mcopy -s -i $$img * ::/; }; \
	mk $$seeds/fat12.img 64 -F 12; mk $$seeds/fat16.img 2200 -F 16 -s 1; \
	mkfs.vfat -C -F 32 -s 1 $$seeds/fat32.img 1024 > /dev/null 2>&1
	$(Q)rm -rf $(O)/fuzz/seeds-fat-tree
	$(Q)touch $@

# Seeds by default: the files of tests/fuzz/seeds-X/, if there are any.
$(O)/fuzz/seeds-%/.stamp:
	$(Q)rm -rf $(dir $@) && mkdir -p $(dir $@)
	$(Q)if [ -d tests/fuzz/seeds-$* ]; then cp -R tests/fuzz/seeds-$*/. $(dir $@); fi
	$(Q)touch $@

# Runs fuzzer $(1) for $(3) seconds on corpus $(2), its seeds read-only; log $(O)/fuzz/$(4).log.
define run-fuzzer
	$(Q)mkdir -p $(2) $(O)/fuzz/artifacts
	$(Q)start=$$(date +%s); \
	if $(O)/fuzz/fuzz_$(1) -max_total_time=$(3) -timeout=10 -print_final_stats=1 \
		-artifact_prefix=$(O)/fuzz/artifacts/fuzz_$(1)- $(2) $(O)/fuzz/seeds-$(1) > $(O)/fuzz/$(4).log 2>&1; then \
		echo "  FUZZ    fuzz_$(1): $$(sed -n 's/^stat::number_of_executed_units: *//p' $(O)/fuzz/$(4).log) inputs in $$(( $$(date +%s) - start )) s, no failure ($(O)/fuzz/$(4).log)"; \
	else \
		tail -n 60 $(O)/fuzz/$(4).log >&2; \
		echo "fuzz_$(1) failed: the input is in $(O)/fuzz/artifacts/, the log in $(O)/fuzz/$(4).log" >&2; \
		exit 1; \
	fi
endef

# Fuzzer $(1): its binary, and its fuzz-$(1) and fuzz-smoke-$(1) runs.
define fuzzer
.PHONY: fuzz-$(1) fuzz-smoke-$(1)
$(O)/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(fuzz_srcs_$(1))
	$$(Q)scripts/ensure-deps.sh test
	$$(call msg,CLANG,$$@)
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$^

$(O)/fuzz/seeds-$(1)/.stamp: $(wildcard tests/fuzz/seeds-$(1)/*)

fuzz-$(1): $(O)/fuzz/fuzz_$(1) $(O)/fuzz/seeds-$(1)/.stamp
	$$(call run-fuzzer,$(1),$(O)/fuzz/corpus-$(1),$$(FUZZ_TIME),fuzz-$(1))

fuzz-smoke-$(1): $(O)/fuzz/fuzz_$(1) $(O)/fuzz/seeds-$(1)/.stamp
	$$(Q)rm -rf $(O)/fuzz/smoke-corpus-$(1)
	$$(call run-fuzzer,$(1),$(O)/fuzz/smoke-corpus-$(1),20,fuzz-smoke-$(1))
endef
$(foreach f,$(FUZZERS),$(eval $(call fuzzer,$(f))))

fuzz: $(addprefix fuzz-,$(FUZZERS))
fuzz-smoke: $(addprefix fuzz-smoke-,$(FUZZERS))

# --- SD card images: initk behind Debian's real U-Boot ------------------------------
# make sdcard [BOARD=orangepi-pc|bananapi|cubieboard2] -> $(O)/sdcard-$(BOARD).img
# U-Boot comes as data from Debian's u-boot-sunxi:armhf: QEMU's Orange Pi PC
# boots the nanopi_neo build (Debian has no orangepi_pc one; same H3).

BOARD ?= orangepi-pc
board_dts_orangepi-pc := sun8i-h3-orangepi-pc
board_dts_bananapi := sun7i-a20-bananapi
board_dts_cubieboard2 := sun7i-a20-cubieboard2
board_uboot_orangepi-pc := nanopi_neo
board_uboot_bananapi := Bananapi
board_uboot_cubieboard2 := Cubieboard2
BOARDS := orangepi-pc bananapi cubieboard2
UBOOT_DIR := $(O)/debian-data/u-boot-sunxi/usr/lib/u-boot

.PHONY: sdcard sdcards qemu-sdcard
.SECONDARY: $(foreach b,$(BOARDS),$(O)/boot/$(b)/initk.itb $(O)/boot/$(b)/initk.dtb)

$(UBOOT_DIR)/.stamp: scripts/debian-data.sh
	$(Q)$(DEBIAN_DATA) u-boot-sunxi:armhf $(O)/debian-data/u-boot-sunxi
	$(Q)touch $@

$(O)/boot/%/initk.itb: boot/initk.its.in $(O)/initk.bin $(O)/initramfs.cpio $(O)/dts/sun8i-h3-orangepi-pc.dtb \
		$(patsubst boot/dts/%.dts,$(O)/dts/%.dtb,$(wildcard boot/dts/*.dts))
	$(call msg,MKIMAGE,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)sed -e 's|@KERNEL@|$(abspath $(O)/initk.bin)|' \
		-e 's|@DTB@|$(abspath $(O)/dts/$(board_dts_$*).dtb)|' -e 's|@BOARD@|$*|' \
		-e 's|@INITRD@|$(abspath $(O)/initramfs.cpio)|' $< > $(dir $@)initk.its
	$(Q)mkimage -q -f $(dir $@)initk.its $@

$(O)/boot/%/initk.dtb: $(O)/dts/sun8i-h3-orangepi-pc.dtb $(patsubst boot/dts/%.dts,$(O)/dts/%.dtb,$(wildcard boot/dts/*.dts))
	$(Q)mkdir -p $(dir $@)
	$(Q)cp $(O)/dts/$(board_dts_$*).dtb $@

$(O)/boot/uImage: $(O)/initk.bin
	$(call msg,MKIMAGE,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)mkimage -q -A arm -O linux -T kernel -C none -a 0x40010000 -e 0x40010000 -n initk -d $< $@

$(O)/boot/boot.scr: boot/boot.cmd
	$(call msg,MKIMAGE,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)mkimage -q -A arm -O linux -T script -C none -n "initk boot script" -d $< $@

$(O)/boot/uboot.env: boot/uboot-env.txt
	$(call msg,MKENV,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)grep -v '^#' $< | mkenvimage -s 0x10000 -o $@ -

# The card's modules/ directory: every module of this build, for
# `mount -t vfat /dev/mmcblk0p1 /mnt; insmod /mnt/modules/hello.ko`.
$(O)/boot/card/modules/.stamp: $(O)/modules/Module.symvers
	$(Q)rm -rf $(dir $@) && mkdir -p $(dir $@)
	$(Q)cp $(mod-kos) $(dir $@)
	$(Q)touch $@

$(O)/sdcard-%.img: scripts/mksdcard.sh $(UBOOT_DIR)/.stamp $(O)/boot/%/initk.itb $(O)/boot/uImage \
		$(O)/initk.bin $(O)/boot/%/initk.dtb \
		$(O)/boot/boot.scr $(O)/boot/uboot.env $(O)/initramfs.cpio $(O)/boot/card/modules/.stamp
	$(call msg,SDCARD,$@)
	$(Q)scripts/ensure-deps.sh image
	$(Q)scripts/mksdcard.sh $@ $(UBOOT_DIR)/$(board_uboot_$*)/u-boot-sunxi-with-spl.bin \
		$(O)/boot/$*/initk.itb $(O)/boot/uImage $(O)/initk.bin $(O)/boot/$*/initk.dtb \
		$(O)/boot/boot.scr $(O)/boot/uboot.env $(O)/initramfs.cpio $(O)/boot/card/modules

sdcard: all $(O)/sdcard-$(BOARD).img
	@echo "SD card image: $(O)/sdcard-$(BOARD).img (write it with: sudo dd if=$(O)/sdcard-$(BOARD).img of=/dev/sdX bs=1M conv=fsync)"

sdcards: all $(foreach b,$(BOARDS),$(O)/sdcard-$(b).img)

qemu-sdcard: all $(O)/sdcard-orangepi-pc.img
	$(Q)scripts/ensure-deps.sh run
	qemu/run-sdcard.sh $(O)/sdcard-orangepi-pc.img
