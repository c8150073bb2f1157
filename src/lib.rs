//! postlint: a linter for Jekyll sites.

pub mod checks;
pub mod diagnostic;
pub mod document;
pub mod site;
