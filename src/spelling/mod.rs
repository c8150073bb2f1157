//! Spelling: rule sets of wrong forms and their right forms (`rules/*.yml` and the user's own
//! files), compiled once into one matcher that understands Korean and English word boundaries.

pub mod matcher;
pub mod rules;
