# Sourced by run.sh and minimize.sh with the target names they were given: sets `targets` to
# those, or to every target in fuzz_targets/ when none were named, and builds them.
# postlint has no `unsafe`, so no sanitizer (`-s none`); RUSTC_BOOTSTRAP=1 lets cargo-fuzz
# build on a stable toolchain.
export RUSTC_BOOTSTRAP=1
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
cargo fuzz build -s none -O
