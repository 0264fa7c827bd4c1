//! What every page uses: loading the entry its path names, and the "not found" page.

use crate::foundations::error::AppError;
use leptos::prelude::*;

/// The page's `{id}` path segment, when it is a positive number.
pub fn path_id() -> Option<i64> {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()))
        .filter(|id| *id > 0)
}

/// The entry named by the page's `{id}` path segment, loaded by `load` (a server function);
/// a segment that is not a number is "not found" without asking the server.
pub fn by_path_id<T, Fut>(
    load: impl Fn(i64) -> Fut + Clone + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    by_path_id_or(load, || Err(AppError::NotFound))
}

/// [`by_path_id`] for loaders that say "none" themselves (`Ok(None)`), as a segment that is not
/// a number does.
pub fn optional_by_path_id<T, Fut>(
    load: impl Fn(i64) -> Fut + Clone + Send + Sync + 'static,
) -> Resource<Result<Option<T>, AppError>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Option<T>, AppError>> + Send + 'static,
{
    by_path_id_or(load, || Ok(None))
}

fn by_path_id_or<T, Fut>(
    load: impl Fn(i64) -> Fut + Clone + Send + Sync + 'static,
    without_id: fn() -> Result<T, AppError>,
) -> Resource<Result<T, AppError>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let id = path_id();
    Resource::new_blocking(
        move || id,
        move |id| {
            let load = load.clone();
            async move {
                match id {
                    Some(id) => load(id).await,
                    None => without_id(),
                }
            }
        },
    )
}

/// An error in place of a page's content, with its status on the response (server side).
pub fn error_view(e: AppError) -> AnyView {
    #[cfg(feature = "ssr")]
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        r.set_status(
            http::StatusCode::from_u16(e.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any()
}

pub mod not_found;
