#!/bin/sh
# Fetch a Debian package as data (not to install it) and unpack it into a
# directory: Linux's DTBs from linux-image-*-armmp:armhf, U-Boot builds from
# u-boot-sunxi:armhf, ... Used by the Makefile for test data.
#
# Usage: debian-data.sh PACKAGE[:ARCH] DESTDIR
#
# A foreign ARCH is added to dpkg (dpkg --add-architecture, then apt-get update)
# when it is not configured yet; that needs root, so otherwise the script prints
# the exact commands and fails. The .deb is downloaded with `apt-get download`
# into DEBIAN_DATA_CACHE (default: build/debian-data) and unpacked with
# `dpkg-deb -x`. Running it again once DESTDIR holds that package's version
# prints nothing and does nothing.
set -eu

usage() {
	echo "usage: $0 PACKAGE[:ARCH] DESTDIR" >&2
	exit 2
}
[ $# -eq 2 ] || usage
spec=$1
dest=$2
cache=${DEBIAN_DATA_CACHE:-build/debian-data}

case $spec in
*:*) package=${spec%%:*} arch=${spec#*:} ;;
*) package=$spec arch=$(dpkg --print-architecture) ;;
esac
[ -n "$package" ] && [ -n "$arch" ] || usage

# apt-get update fails as a whole when one index (say, a security mirror in
# the middle of a sync) fails; what counts is whether apt then knows the package.
update_lists() {
	apt-get update -qq >/dev/null 2>&1 ||
		echo "debian-data: warning: apt-get update reported errors; going on with the lists it has" >&2
}

architecture_known() {
	[ "$arch" = "$(dpkg --print-architecture)" ] ||
		dpkg --print-foreign-architectures | grep -qx "$arch"
}

# The candidate version apt would download, or nothing if apt does not know the package.
candidate() {
	apt-cache policy "$package:$arch" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -v '^(none)$' || true
}

if ! architecture_known; then
	if [ "$(id -u)" != 0 ]; then
		echo "debian-data: $spec needs the Debian architecture '$arch'. As root, run:" >&2
		echo "  sudo dpkg --add-architecture $arch && sudo apt-get update" >&2
		exit 1
	fi
	dpkg --add-architecture "$arch"
	update_lists
fi
version=$(candidate)
if [ -z "$version" ]; then
	# The package lists may simply be older than the package: refresh them once.
	if [ "$(id -u)" = 0 ]; then
		update_lists
		version=$(candidate)
	fi
	if [ -z "$version" ]; then
		echo "debian-data: apt knows no package $package:$arch" >&2
		[ "$(id -u)" = 0 ] || echo "  (perhaps the lists are old: sudo apt-get update)" >&2
		exit 1
	fi
fi

stamp="$dest/.debian-data-$package-$arch"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
	exit 0
fi

# Debian file names escape the epoch's ':' as %3a.
deb="$cache/${package}_$(echo "$version" | sed 's/:/%3a/')_$arch.deb"
if [ ! -f "$deb" ]; then
	mkdir -p "$cache"
	echo "  FETCH   $package:$arch $version"
	# apt-get download writes into the current directory; as root it drops to the
	# _apt user, which must be able to write there, so download into a fresh
	# world-writable directory and move the file into place.
	tmp=$(mktemp -d "$cache/.download.XXXXXX")
	chmod 0777 "$tmp"
	if ! (cd "$tmp" && apt-get download -qq "$package:$arch=$version" >/dev/null); then
		rm -rf "$tmp"
		echo "debian-data: apt-get download $package:$arch=$version failed" >&2
		exit 1
	fi
	mv "$tmp"/*.deb "$deb"
	rm -rf "$tmp"
fi

mkdir -p "$dest"
dpkg-deb -x "$deb" "$dest"
echo "$version" >"$stamp"
