#!/bin/sh
# What Linux's modpost does for initk's modules, from nm/objdump output:
#
#   modpost.sh kernel INITK.ELF
#       Module.symvers lines (crc, symbol, module, export type) for what the
#       kernel exports: its ksymtab/ksymgpl linker-list entries.
#   modpost.sh check OUT [SYMVERS...] -- KO...
#       Every undefined symbol of each .ko must be exported by the kernel,
#       by a module listed in SYMVERS, or by one of the KOs; a module whose
#       license is not GPL-compatible may not use EXPORT_SYMBOL_GPL ones.
#       Errors in modpost's words; with KBUILD_MODPOST_WARN=1 they are
#       warnings. OUT gets the KOs' own exports (their Module.symvers).
#
# Environment: NM, OBJDUMP, OBJCOPY (the cross tools).
set -eu
NM=${NM:-arm-none-eabi-nm}
OBJDUMP=${OBJDUMP:-arm-none-eabi-objdump}
OBJCOPY=${OBJCOPY:-arm-none-eabi-objcopy}

case $1 in
kernel)
	"$NM" "$2" | awk '
		$3 ~ /^__ll_ksymgpl_/ { sub(/^__ll_ksymgpl_/, "", $3); printf "0x00000000\t%s\tinitk\tEXPORT_SYMBOL_GPL\t\n", $3; next }
		$3 ~ /^__ll_ksymtab_/ { sub(/^__ll_ksymtab_/, "", $3); printf "0x00000000\t%s\tinitk\tEXPORT_SYMBOL\t\n", $3 }'
	exit 0
	;;
check) ;;
*) echo "usage: modpost.sh kernel ELF | check OUT [SYMVERS...] -- KO..." >&2; exit 2 ;;
esac

out=$2
shift 2
known=$(mktemp)
trap 'rm -f "$known" "$known.modinfo"' EXIT
while [ "$1" != -- ]; do
	[ -f "$1" ] && cat "$1" >> "$known"
	shift
done
shift

: > "$out.tmp"
for ko; do
	"$OBJDUMP" -t "$ko" | awk -v mod="${ko%.ko}" '
		$NF ~ /^__ksymtab_/ && $NF != $(NF-2) && ($(NF-2) == "__ksymtab" || $(NF-2) == "__ksymtab_gpl") {
			name = $NF; sub(/^__ksymtab_/, "", name)
			printf "0x00000000\t%s\t%s\t%s\t\n", name, mod, $(NF-2) == "__ksymtab" ? "EXPORT_SYMBOL" : "EXPORT_SYMBOL_GPL"
		}' >> "$out.tmp"
done
cat "$out.tmp" >> "$known"

level=ERROR
[ "${KBUILD_MODPOST_WARN:-}" = 1 ] && level=WARNING
failed=0
for ko; do
	"$OBJCOPY" -O binary -j .modinfo "$ko" "$known.modinfo"
	license=$(tr '\0' '\n' < "$known.modinfo" | sed -n 's/^license=//p' | head -n 1)
	case $license in
	"GPL" | "GPL v2" | "GPL and additional rights" | "Dual BSD/GPL" | "Dual MIT/GPL" | "Dual MPL/GPL") gpl=1 ;;
	*) gpl=0 ;;
	esac
	# weak undefined symbols may stay undefined (the loader makes them 0)
	for sym in $("$NM" -u "$ko" | awk '$1 == "U" { print $2 }'); do
		type=$(awk -F '\t' -v s="$sym" '$2 == s { print $4; exit }' "$known")
		if [ -z "$type" ]; then
			echo "$level: modpost: \"$sym\" [$ko] undefined!" >&2
			failed=1
		elif [ "$type" = EXPORT_SYMBOL_GPL ] && [ $gpl = 0 ]; then
			echo "$level: modpost: GPL-incompatible module ${ko##*/} uses GPL-only symbol '$sym'" >&2
			failed=1
		fi
	done
done
if [ $failed = 1 ] && [ $level = ERROR ]; then
	rm -f "$out.tmp"
	exit 1
fi
mv "$out.tmp" "$out"
