//! View models shared by several journeys.

use serde::{Deserialize, Serialize};

/// One HS code offered while typing in a search box or the listing form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HsSuggestion {
    pub code: String,
    pub description: String,
}
