#!/bin/sh
# The entrypoint of the test cluster's stand-in for tonistiigi/binfmt (no registry here; its Go command is
# not on the Go module proxy either). Like `binfmt --install all`, it registers this image's static qemu
# user-mode emulators with the kernel's binfmt_misc, with the flags C (credentials from the binary) and
# F (the kernel opens the emulator now, so it keeps working from other containers once this one is gone).
#   binfmt --install all|ARCH[,ARCH...]    ARCH as in platforms: arm64, arm, riscv64, ppc64le, s390x, ...
#   binfmt --uninstall ARCH[,ARCH...]
#   binfmt                                 prints the registered emulators
# An emulator that is already registered is left as it is. Registration changes the whole machine (the
# host's binfmt_misc): whoever installs removes the entries again.
set -eu

mount_point=/proc/sys/fs/binfmt_misc
emulators=/usr/bin

# ARCH EMULATOR ELF_CLASS ENDIANNESS E_MACHINE: from the ELF specification and each architecture's psABI.
table='
arm64    qemu-aarch64     64 le 00b7
arm      qemu-arm         32 le 0028
riscv64  qemu-riscv64     64 le 00f3
ppc64le  qemu-ppc64le     64 le 0015
s390x    qemu-s390x       64 be 0016
mips64le qemu-mips64el    64 le 0008
mips64   qemu-mips64      64 be 0008
loong64  qemu-loongarch64 64 le 0102
386      qemu-i386        32 le 0003
amd64    qemu-x86_64      64 le 003e
'

# The first 20 bytes of an ELF executable of that kind, and which of them must match, in the \xHH form
# binfmt_misc reads: the ELF magic, class, byte order and version; any OS ABI and ABI version; zero
# padding; e_type ET_EXEC or ET_DYN (2 or 3: the low bit is masked); e_machine.
elf_magic() { # class endianness machine
  c=01; [ "$1" = 64 ] && c=02
  if [ "$2" = le ]; then d=01; t='\x02\x00'; m="\\x${3#??}\\x${3%??}"; else d=02; t='\x00\x02'; m="\\x${3%??}\\x${3#??}"; fi
  printf '%s' "\\x7f\\x45\\x4c\\x46\\x$c\\x$d\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00$t$m"
}
elf_mask() { # endianness
  if [ "$1" = le ]; then t='\xfe\xff'; else t='\xff\xfe'; fi
  printf '%s' "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff$t\\xff\\xff"
}

# Architectures this machine runs without an emulator.
native() {
  case "$(uname -m)" in
    x86_64) echo "amd64 386" ;;
    aarch64) echo "arm64 arm" ;;
    *) uname -m ;;
  esac
}

row() { # arch: prints its table row, or fails
  echo "$table" | awk -v a="$1" '$1 == a { print; found = 1 } END { exit !found }'
}

install_one() { # arch
  r=$(row "$1") || { echo "installing: $1 unsupported architecture"; return 1; }
  # shellcheck disable=SC2086 # the row splits into its fields
  set -- $r
  emulator="$emulators/$2"
  [ -x "$emulator" ] || { echo "installing: $1 no $emulator in this image"; return 1; }
  if [ -e "$mount_point/$2" ]; then
    echo "installing: $1 already registered as $2, left as it is"
    return 0
  fi
  if printf '%s' ":$2:M::$(elf_magic "$3" "$4" "$5"):$(elf_mask "$4"):$emulator:CF" > "$mount_point/register"; then
    echo "installing: $1 OK"
  else
    # a concurrent install may have won
    [ -e "$mount_point/$2" ] && { echo "installing: $1 registered meanwhile"; return 0; }
    echo "installing: $1 failed to register $emulator"
    return 1
  fi
}

uninstall_one() { # arch or emulator name
  name=$1
  # shellcheck disable=SC2086 # the row splits into its fields
  if r=$(row "$1"); then set -- $r; name=$2; fi
  if [ -e "$mount_point/$name" ]; then
    echo -1 > "$mount_point/$name"
    echo "uninstalling: $name OK"
  else
    echo "uninstalling: $name not registered"
  fi
}

install=
uninstall=
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=$2; shift 2 ;;
    --install=*) install=${1#*=}; shift ;;
    --uninstall) uninstall=$2; shift 2 ;;
    --uninstall=*) uninstall=${1#*=}; shift ;;
    --mount) mount_point=$2; shift 2 ;;
    *) echo "binfmt: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ ! -e "$mount_point/register" ]; then
  mount -t binfmt_misc binfmt_misc "$mount_point" || { echo "binfmt: cannot mount binfmt_misc at $mount_point (privileged?)" >&2; exit 1; }
  mounted=1
fi

failed=0
for a in $(echo "$uninstall" | tr ',' ' '); do uninstall_one "$a" || failed=1; done
if [ "$install" = all ]; then
  skip=" $(native) "
  install=$(echo "$table" | awk '$1 != "" { print $1 }' | while read -r a; do
    # shellcheck disable=SC2046 # the row splits into its fields
    set -- $(row "$a")
    case "$skip" in *" $a "*) continue ;; esac
    [ -x "$emulators/$2" ] && echo "$a"
  done | tr '\n' ',')
fi
for a in $(echo "$install" | tr ',' ' '); do install_one "$a" || failed=1; done

echo "registered emulators:"
for f in "$mount_point"/*; do
  case "${f##*/}" in register|status) continue ;; esac
  [ -f "$f" ] && echo "  ${f##*/}: $(head -n 1 "$f")"
done
[ -z "${mounted:-}" ] || umount "$mount_point" || true
exit $failed
