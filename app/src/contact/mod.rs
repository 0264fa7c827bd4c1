//! Buyers reaching producers: inquiries to one producer, requests for quotation to many
//! (and the quotes that answer them), and claims of a company's entry by its owner.

pub mod models;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
