#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| postlint_fuzz::document(
    postlint_fuzz::fixture_context(),
    data
));
