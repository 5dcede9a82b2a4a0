#!/bin/sh
# Make a bootable SD card image for an Allwinner board:
#   U-Boot (SPL + U-Boot proper) at 8 KiB, where the boot ROM looks for it;
#   an MBR with one bootable FAT partition (type 0x0c) from sector 2048 (1 MiB);
#   the given files in that partition (a directory with what is in it, its
#   dot files left out).
# Usage: mksdcard.sh OUT.img U-BOOT-WITH-SPL.bin FILE|DIR...
# The image is 32 MiB: QEMU wants SD card sizes that are powers of two.
set -eu
out=$1 uboot=$2
shift 2
size_mib=32
part_start=2048 # sectors of 512 bytes
tmp=$out.tmp
rm -f "$tmp" "$tmp.fat"

dd if=/dev/zero of="$tmp" bs=1M count=$size_mib status=none
printf 'label: dos\nstart=%d, type=c, bootable\n' $part_start | /usr/sbin/sfdisk -q "$tmp"
dd if="$uboot" of="$tmp" bs=1024 seek=8 conv=notrunc status=none

fat_kib=$(( size_mib * 1024 - part_start / 2 ))
/usr/sbin/mkfs.vfat -C -n INITK "$tmp.fat" $fat_kib >/dev/null
for f in "$@"; do
	if [ -d "$f" ]; then
		mmd -i "$tmp.fat" "::${f##*/}"
		for g in "$f"/*; do
			mcopy -i "$tmp.fat" "$g" "::${f##*/}/"
		done
	else
		mcopy -i "$tmp.fat" "$f" ::
	fi
done
dd if="$tmp.fat" of="$tmp" bs=512 seek=$part_start conv=notrunc status=none
rm -f "$tmp.fat"
mv "$tmp" "$out"
