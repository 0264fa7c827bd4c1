//! What every journey stands on: values parsed once (`domain`), the database tables
//! (`entities`), interface strings (`i18n`), form handling, the page frame and the HS pickers,
//! errors, who is asking (`auth`, `net`), mail, rate limits and the HS
//! nomenclature look-ups every journey shares.

#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod models;
#[cfg(feature = "ssr")]
pub mod net;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
