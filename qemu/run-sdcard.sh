#!/bin/sh
# Boot an SD card image made by `make sdcard` on QEMU's Orange Pi PC: the
# boot ROM model loads U-Boot's SPL from the card, U-Boot runs boot.scr, and
# bootm starts initk in non-secure HYP with U-Boot's patched device tree.
#   qemu/run-sdcard.sh IMAGE [-- QEMU-ARGS]
# U-Boot sets CNTFRQ to 24 MHz, the real boards' rate, while QEMU's counter
# runs at 62.5 MHz; the -global below makes QEMU's counter 24 MHz as well
# (QEMU rounds it to a 41 ns period, 24.39 MHz) so times come out right.
set -eu
img=$1
shift
[ "${1:-}" = "--" ] && shift
if [ -t 0 ]; then
	set -- -nographic "$@"
else
	set -- -display none -serial stdio -monitor none "$@"
fi
exec qemu-system-arm -M orangepi-pc -nic none -global cortex-a7-arm-cpu.cntfrq=24000000 \
	-drive if=sd,format=raw,file="$img" "$@"
