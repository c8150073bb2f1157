//! What postlint knows about the Jekyll site as a whole.

pub mod jekyll;
