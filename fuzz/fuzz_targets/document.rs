#![no_main]

use std::sync::OnceLock;

static CONTEXT: OnceLock<postlint_fuzz::Context> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let context = CONTEXT.get_or_init(|| {
        postlint_fuzz::Context::new(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/links"),
        )
    });
    postlint_fuzz::document(context, data)
});
