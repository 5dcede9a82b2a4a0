#!/bin/sh
# Boot initk on QEMU's Orange Pi PC (Allwinner H3, 4x Cortex-A7, 1 GiB).
#   qemu/run.sh --kernel build/initk.bin --dtb build/dts/X.dtb --append "..."
#       raw image: QEMU enters it in non-secure HYP with r2 = the DTB, to
#       which it adds /chosen/bootargs (from --append), /memory and /psci
#   qemu/run.sh --kernel build/initk.elf
#       ELF: secure SVC, no DTB; the kernel uses its built-in command line
#   --initrd FILE  the initramfs (-initrd: QEMU loads it and sets
#              /chosen/linux,initrd-start and -end; raw image only)
#   --icount   deterministic virtual time (-icount shift=0,sleep=off): the
#              same run gives the same counter values every time
# Anything after -- goes to QEMU unchanged. On a terminal the serial port
# shares it with QEMU's monitor (exit with Ctrl-A X); from a pipe (tests) the
# serial port gets stdin alone, since QEMU's multiplexer drops piped input.
set -eu
kernel="" dtb="" append="" icount="" initrd=""
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--dtb) dtb=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--) shift; break ;;
	*) echo "usage: $0 --kernel FILE [--dtb FILE] [--append ARGS] [--initrd FILE] [--icount] [-- QEMU-ARGS]" >&2; exit 2 ;;
	esac
done
[ -n "$kernel" ] || { echo "$0: --kernel is required" >&2; exit 2; }

if [ -t 0 ]; then
	set -- -M orangepi-pc -nographic -nic none -kernel "$kernel" "$@"
else
	set -- -M orangepi-pc -display none -serial stdio -monitor none -nic none -kernel "$kernel" "$@"
fi
[ -n "$dtb" ] && set -- "$@" -dtb "$dtb"
[ -n "$append" ] && set -- "$@" -append "$append"
[ -n "$initrd" ] && set -- "$@" -initrd "$initrd"
[ -n "$icount" ] && set -- "$@" -icount shift=0,sleep=off
exec qemu-system-arm "$@"
