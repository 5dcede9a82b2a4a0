#!/bin/sh
# The README's two commands on a brand-new minimal Debian bookworm: debootstrap
# minbase into DIR, add only git and make, clone this checkout's HEAD there,
# then run `make qemu` (until the boot completes) and `make check` inside.
# Everything else must come from the build's own dependency installer.
# Needs root, debootstrap and the Debian mirror; takes about 10 minutes.
# Usage: scripts/test-fresh-debian.sh [DIR]   (default /tmp/initk-bookworm; kept afterwards)
set -eu
dir=${1:-/tmp/initk-bookworm}
src=$(cd "$(dirname "$0")/.." && pwd)
mirror=http://deb.debian.org/debian

[ "$(id -u)" = 0 ] || { echo "$0: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap

if [ ! -x "$dir/usr/bin/apt-get" ]; then
	echo "== debootstrap --variant=minbase bookworm $dir"
	debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 ||
		{ tail "$dir.debootstrap.log" >&2; exit 1; }
fi

cleanup() {
	for m in src sys dev proc; do umount -l "$dir/$m" 2>/dev/null || true; done
}
trap cleanup EXIT
mkdir -p "$dir/src"
mount --bind "$src" "$dir/src" && mount -o remount,ro,bind "$dir/src"
mount -t proc proc "$dir/proc"
mount --rbind /dev "$dir/dev"
mount -t sysfs sys "$dir/sys"
cp /etc/resolv.conf "$dir/etc/resolv.conf"

in_chroot() { chroot "$dir" /bin/sh -c "$1"; }
echo "== apt-get install git make"
in_chroot 'apt-get update >/dev/null && apt-get install -y --no-install-recommends git make >/dev/null'
echo "== git clone (HEAD of $src)"
in_chroot 'rm -rf /root/initk && git clone -q /src /root/initk'

echo "== make qemu (stopped once the boot completes)"
log="$dir/root/make-qemu.log"
in_chroot 'cd /root/initk && make qemu </dev/null' >"$log" 2>&1 &
qemu=$!
for _ in $(seq 600); do
	grep -q "initk: boot complete" "$log" && break
	kill -0 $qemu 2>/dev/null || break
	sleep 1
done
for pid in $(pgrep qemu-system-arm || true); do # only the chroot's QEMU
	[ "$(readlink "/proc/$pid/root")" = "$(readlink -f "$dir")" ] && kill "$pid"
done
wait $qemu 2>/dev/null || true
grep -q "initk: boot complete" "$log" || { tail -30 "$log" >&2; echo "make qemu: no complete boot" >&2; exit 1; }
grep "initk: boot complete" "$log"

echo "== make check"
in_chroot 'cd /root/initk && make check </dev/null' >"$dir/root/make-check.log" 2>&1 ||
	{ tail -40 "$dir/root/make-check.log" >&2; echo "make check failed ($dir/root/make-check.log)" >&2; exit 1; }
tail -1 "$dir/root/make-check.log"
echo "both README commands passed on a fresh minimal bookworm ($dir)"
