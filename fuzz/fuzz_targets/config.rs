#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| postlint_fuzz::config(data));
