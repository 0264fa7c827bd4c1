//! Pieces shared by several journeys' pages: the page frame and the HS code pickers.

pub mod hs_combobox;
pub mod hs_input;
pub mod layout;
