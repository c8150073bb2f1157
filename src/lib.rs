//! postlint: a linter for Jekyll sites.

pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod site;
