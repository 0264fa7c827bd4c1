//! One module per page (route).

use crate::error::AppError;
use leptos::prelude::*;

/// The entry named by the page's `{id}` path segment, loaded by `load` (a server function);
/// a segment that is not a number is "not found" without asking the server.
pub fn by_path_id<T, Fut>(
    load: impl Fn(i64) -> Fut + Clone + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let id = leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    Resource::new_blocking(
        move || id,
        move |id| {
            let load = load.clone();
            async move {
                match id {
                    Some(id) => load(id).await,
                    None => Err(AppError::NotFound),
                }
            }
        },
    )
}

pub mod account;
pub mod admin;
pub mod admin_claims;
mod admin_review;
pub mod admin_rfq;
pub mod claim;
pub mod company_form;
pub mod contact;
pub mod detail;
pub mod home;
pub mod import;
pub mod inbox;
pub mod listing_form;
pub mod not_found;
pub mod outbox;
pub mod recovery;
pub mod reported;
pub mod rfq;
pub mod rfq_quotes;
pub mod search;
mod search_facets;
pub mod stats;
