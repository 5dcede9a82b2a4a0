#!/bin/sh
# Link the kernel with a symbol table of itself, the way Linux's
# link-vmlinux.sh does:
#   1. link with an empty table,
#   2. generate the table from that link and link again (the table now has
#      its final size, so only what follows it moves),
#   3. generate it again from link 2 and link a last time;
# then fail if any symbol has a different address in links 2 and 3: the
# table inside the image would lie.
# Usage: link-initk.sh OUT.elf KALLSYMS-TOOL OBJECTS...
# Environment: CC, NM, CFLAGS, LDFLAGS.
set -eu
out=$1 kallsyms=$2
shift 2
tmp=$(dirname "$out")/.tmp_link
mkdir -p "$tmp"

table() { # table N FROM.elf|-: assemble the symbol table generated from an ELF
	if [ "$2" = - ]; then : ; else $NM -n -S "$2"; fi | "$kallsyms" > "$tmp/kallsyms$1.S"
	$CC $CFLAGS -c "$tmp/kallsyms$1.S" -o "$tmp/kallsyms$1.o"
}

table 0 -
$CC $LDFLAGS -o "$tmp/initk1.elf" "$@" "$tmp/kallsyms0.o" -lgcc
table 1 "$tmp/initk1.elf"
$CC $LDFLAGS -o "$tmp/initk2.elf" "$@" "$tmp/kallsyms1.o" -lgcc
table 2 "$tmp/initk2.elf"
$CC $LDFLAGS -o "$out" "$@" "$tmp/kallsyms2.o" -lgcc

$NM -n "$tmp/initk2.elf" > "$tmp/System.map.2"
$NM -n "$out" > "$tmp/System.map.3"
if ! cmp -s "$tmp/System.map.2" "$tmp/System.map.3"; then
	echo "link-initk: symbol addresses moved between the last two links:" >&2
	diff "$tmp/System.map.2" "$tmp/System.map.3" | head -20 >&2
	rm -f "$out"
	exit 1
fi

# Section sizes, as the image occupies memory.
sym() { printf '%d' "0x$(grep " $1\$" "$tmp/System.map.3" | cut -d' ' -f1)"; }
printf '  SIZE    text %d, rodata %d, init (and data in the file) %d, bss %d; image %d bytes\n' \
	$(($(sym _etext) - $(sym _text))) $(($(sym __init_begin) - $(sym _etext))) \
	$(($(sym __init_end) - $(sym __init_begin))) $(($(sym _end) - $(sym __bss_start))) \
	$(($(sym _edata) - $(sym _text)))
