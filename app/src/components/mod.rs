//! Pieces shared by several pages.

pub mod hs_combobox;
pub mod hs_input;
pub mod layout;
pub mod search_box;
