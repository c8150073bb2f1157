#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| postlint_fuzz::front_matter(data));
