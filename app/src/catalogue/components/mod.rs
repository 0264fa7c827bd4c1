//! Islands of the catalogue.

pub mod search_box;
