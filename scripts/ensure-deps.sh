#!/bin/sh
# Make sure the Debian packages a step needs are installed: install the
# missing ones when running as root, otherwise print the exact command.
# Usage: ensure-deps.sh GROUP...   (build, image, run, test, lava, tool)
set -u
missing=""

need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_file() { [ -e "$1" ] || missing="$missing $2"; }
need_py() { /usr/bin/python3 -c "import $1" >/dev/null 2>&1 || missing="$missing $2"; }

for group in "$@"; do
	case $group in
	build)
		need_cmd arm-none-eabi-gcc gcc-arm-none-eabi
		need_cmd dtc device-tree-compiler
		need_cmd mkimage u-boot-tools
		need_cmd cpio cpio
		need_cmd gcc gcc
		# gcc without its recommends (a minimal install) has no C library headers
		need_file /usr/include/stdio.h libc6-dev
		;;
	image)
		need_cmd mkimage u-boot-tools
		need_cmd mkenvimage u-boot-tools
		need_file /usr/sbin/sfdisk fdisk
		need_file /usr/sbin/mkfs.vfat dosfstools
		need_cmd mcopy mtools
		;;
	run)
		need_cmd qemu-system-arm qemu-system-arm
		;;
	test)
		need_file /usr/include/cmocka.h libcmocka-dev
		need_file /usr/include/libfdt.h libfdt-dev
		# disk images for the partition readers' and FAT's tests and fuzz seeds
		need_file /usr/sbin/sfdisk fdisk
		need_file /usr/sbin/mkfs.vfat dosfstools
		need_file /usr/sbin/fsck.fat dosfstools
		need_cmd mcopy mtools
		need_cmd /usr/bin/python3 python3
		need_py pytest python3-pytest
		need_py pexpect python3-pexpect
		need_cmd gdb-multiarch gdb-multiarch
		# libFuzzer: clang, and its runtime (libclang_rt.fuzzer) from libclang-rt-dev
		need_cmd clang clang
		need_file "$(clang --print-runtime-dir 2>/dev/null)/libclang_rt.fuzzer-$(uname -m).a" libclang-rt-dev
		;;
	lava)
		# make lava: Debian's LAVA dispatcher (it brings python3-yaml for lava/render-jobs)
		need_cmd lava-run lava-dispatcher
		need_py jinja2 python3-jinja2
		# LAVA's tftp deploy writes to TFTP_DIRECTORY from this file
		need_file /etc/default/tftpd-hpa tftpd-hpa
		;;
	tool)
		# scripts/bootreport's tests: its HTML page rendered by a real browser
		need_cmd chromium chromium
		need_cmd /usr/bin/python3 python3
		need_py pytest python3-pytest
		;;
	*)
		echo "ensure-deps: unknown group $group" >&2
		exit 2
		;;
	esac
done

[ -z "$missing" ] && exit 0
packages=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ]; then
	echo "Installing missing Debian packages: $packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y --no-install-recommends $packages >/dev/null ||
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends $packages >/dev/null; } ||
		{ echo "ensure-deps: apt-get install $packages failed" >&2; exit 1; }
	exit 0
fi
echo "Missing Debian packages. Install them with:" >&2
echo "  sudo apt-get install -y $packages" >&2
exit 1
