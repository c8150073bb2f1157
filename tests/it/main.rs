//! Integration tests: the real `postlint` binary on real files. One binary for all of them,
//! so the test build links once.

mod action;
mod agreement;
mod bad_input;
mod changed;
mod cli;
mod common;
mod dependencies;
mod fixtures_site;
mod formats;
mod fuzz_corpus;
mod generated;
mod hostile;
mod invariants;
mod links;
mod lsp;
mod neovim;
mod pre_commit;
mod properties;
mod readme;
mod released;
mod spelling;
mod suppress;
