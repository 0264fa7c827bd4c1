//! Domain value types for the Central Asian producer registry.
//!
//! Pure Rust (serde derives; the sea-orm mapping of `EntryStatus` only with `ssr`) so the
//! same validation runs on the server and in the wasm32 front end.

pub mod certification;
pub mod claim;
pub mod country;
pub mod day;
pub mod email;
pub mod error;
pub mod hs_code;
pub mod inquiry;
pub mod moderation;
pub mod region_code;
pub mod rfq;
pub mod status;
pub mod tax_id;
pub mod text;
pub mod translit;
pub mod units;

#[cfg(test)]
mod test_support;

pub use certification::CertKind;
pub use claim::ClaimStatus;
pub use country::CountryCode;
pub use day::{Day, Minute};
pub use email::Email;
pub use error::DomainError;
pub use hs_code::{HsCode, looks_like_hs_query, national_code_matches};
pub use inquiry::InquiryStatus;
pub use moderation::{Decision, Target};
pub use region_code::RegionCode;
pub use rfq::RfqStatus;
pub use status::{AccountStatus, EntryStatus};
pub use tax_id::{KzIdKind, TaxId, kz_check_digit};
pub use text::{bounded, bounded_line, comma_list, csv_field};
pub use translit::{search_key, search_tokens, to_latin, transliterate_name};
