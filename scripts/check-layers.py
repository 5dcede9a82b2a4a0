#!/usr/bin/python3
"""Check the kernel's layering and its init references, from the object files.

  layers   Nothing under kernel/ uses a symbol defined under init/ or drivers/
           (generic code reaches drivers only through what they register),
           and nothing under arch/ uses a symbol defined under drivers/ (the
           architecture knows no SoC device).
  init     Code and data that stay after boot never reference .init.* (what
           free_initmem() poisons), as Linux's modpost checks: only init
           sections, the init linker lists, head.S's entry and what is
           marked __ref (code) or __refdata (data) may.
  lists    Every linker list keeps all its entries and markers in one region
           (include/kernel/linker_lists.h): a list split across regions would
           silently lose the entries outside its markers.

Usage: scripts/check-layers.py BUILD-DIR   (the objects of one kernel build)
Exits 1 and names every violation, with the object and the symbol.
"""
import os
import re
import subprocess
import sys

READELF = "arm-none-eabi-readelf"

# Sections that may point into init memory: init itself, the init linker
# lists, the entry code (it calls start_kernel once), and code or data marked
# __ref / __refdata on purpose (Linux's names for the same exceptions).
INIT_SECTION = re.compile(r"^\.(init\.|ll\.init\.)")
MAY_REFERENCE_INIT = re.compile(r"^\.(init\.|ll\.init\.|ref\.|head\.text$)")
NOT_LOADED = re.compile(r"^\.(debug|ARM\.attributes|comment|note)")
LIST_SECTION = re.compile(r"^\.ll\.(\w+)\.(\w+)\.[012]$")


class Object:
    def __init__(self, path, rel):
        self.path, self.rel = path, rel  # rel: path under the build directory
        out = subprocess.run([READELF, "-W", "-S", "-s", "-r", path], check=True,
                             capture_output=True, text=True).stdout
        self.sections = {}  # index -> name
        for m in re.finditer(r"^\s*\[\s*(\d+)\]\s+(\S+)", out, re.M):
            self.sections[int(m[1])] = m[2]
        self.symbols = {}  # symtab index -> (name, section name or None, global?)
        for m in re.finditer(r"^\s*(\d+): [0-9a-f]+\s+\d+ (\w+)\s+(\w+)\s+\w+\s+(\w+)(?: (\S+))?$",
                             out.split("Symbol table", 1)[1] if "Symbol table" in out else "", re.M):
            index, kind, bind, ndx, name = int(m[1]), m[2], m[3], m[4], m[5] or ""
            section = self.sections.get(int(ndx)) if ndx.isdigit() else None
            if kind == "SECTION":
                name = section or name
            self.symbols[index] = (name, section, bind in ("GLOBAL", "WEAK"), ndx)
        self.relocations = []  # (section applied to, offset, symbol index)
        for block in re.split(r"^Relocation section '", out, flags=re.M)[1:]:
            target = block.split("'", 1)[0]
            target = target[len(".rel"):] if target.startswith(".rel.") else target
            for m in re.finditer(r"^([0-9a-f]{8})\s+([0-9a-f]{8})\s+R_ARM_\w+", block, re.M):
                self.relocations.append((target, int(m[1], 16), int(m[2], 16) >> 8))

    def defined(self):
        return {name: section for name, section, is_global, ndx in self.symbols.values()
                if is_global and section is not None}

    def undefined(self):
        return {name for name, _, is_global, ndx in self.symbols.values() if ndx == "UND" and name}


def layer_of(rel):
    top = rel.split(os.sep)[0]
    return "arch" if top == "arch" else top


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    objects = []
    for top in ("arch", "init", "kernel", "mm", "fs", "drivers", "tests"):
        for dirpath, _, files in os.walk(os.path.join(build, top)):
            for f in sorted(files):
                if f.endswith(".o"):
                    path = os.path.join(dirpath, f)
                    objects.append(Object(path, os.path.relpath(path, build)))
    if not objects:
        sys.exit(f"check-layers: no objects under {build}")

    definer = {}  # global symbol -> (object rel path, section)
    for obj in objects:
        for name, section in obj.defined().items():
            definer[name] = (obj.rel, section)

    errors = []
    # (tests/kernel, in the test kernel, may use anything)
    forbidden = {"kernel": ("init", "drivers"), "arch": ("drivers",)}
    for obj in objects:
        layer = layer_of(obj.rel)
        for name in sorted(obj.undefined()):
            where = definer.get(name)
            if where and layer in forbidden and layer_of(where[0]) in forbidden[layer]:
                errors.append(f"layers: {obj.rel} uses {name}, defined in {where[0]}")

    for obj in objects:
        for section, offset, index in obj.relocations:
            if MAY_REFERENCE_INIT.match(section) or NOT_LOADED.match(section):
                continue
            name, target, _, ndx = obj.symbols.get(index, ("?", None, False, ""))
            if target is None and ndx == "UND":
                target = definer.get(name, (None, None))[1]
            if target and INIT_SECTION.match(target):
                errors.append(f"init: {obj.rel}: {section}+{offset:#x} references {name} "
                              f"in {target}, which is freed after boot")

    regions = {}  # list -> {region: first object}
    for obj in objects:
        for section in obj.sections.values():
            m = LIST_SECTION.match(section)
            if m:
                regions.setdefault(m[2], {}).setdefault(m[1], obj.rel)
    for name, seen in sorted(regions.items()):
        if len(seen) > 1:
            errors.append(f"lists: list {name} is split across regions: " +
                          ", ".join(f"{r} (e.g. {o})" for r, o in sorted(seen.items())))

    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"check-layers: {len(errors)} violation(s) in {build}", file=sys.stderr)
        return 1
    print(f"  CHECK   layers, init references and list regions of {len(objects)} objects in {build}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
