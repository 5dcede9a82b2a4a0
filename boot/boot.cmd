# initk's U-Boot script, compiled to boot.scr (mkimage -T script). Change the
# command line without rebuilding: at the U-Boot prompt, setenv initk_bootargs
# to the line you want, saveenv, boot. setenv initk_boot bootz boots the raw
# image with bootz, as LAVA's sunxi device types do.
if test -z "${initk_bootargs}"; then setenv initk_bootargs "console=ttyS0,115200 initcall_debug loglevel=8"; fi
setenv bootargs "${initk_bootargs}"
if test "${initk_dtb}" = "control"; then echo "initk: uImage with the U-Boot device tree"; load mmc 0:1 ${kernel_addr_r} uImage; load mmc 0:1 ${ramdisk_addr_r} initramfs.cpio; bootm ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}; fi
if test "${initk_boot}" = "bootz"; then echo "initk: bootz: raw image, device tree and initramfs"; load mmc 0:1 ${fdt_addr_r} initk.dtb; load mmc 0:1 ${ramdisk_addr_r} initramfs.cpio; setenv initrd_size ${filesize}; load mmc 0:1 ${kernel_addr_r} initk.bin; bootz ${kernel_addr_r} ${ramdisk_addr_r}:${initrd_size} ${fdt_addr_r}; fi
echo "initk: FIT image (kernel, device tree, initramfs)"
load mmc 0:1 ${kernel_addr_r} initk.itb
bootm ${kernel_addr_r}
