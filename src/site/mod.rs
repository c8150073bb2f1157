//! What postlint knows about the Jekyll site as a whole.

pub mod date;
pub mod jekyll;
pub mod permalink;
pub mod slug;
