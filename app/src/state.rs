//! Server state shared by pages, server functions and HTTP handlers.

use crate::error::AppError;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub home_cache: Arc<TtlCache<crate::services::catalogue::HomeOverview>>,
    names: Arc<tokio::sync::OnceCell<crate::services::catalogue::ReferenceNames>>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, leptos_options: LeptosOptions) -> Self {
        Self {
            db,
            leptos_options,
            home_cache: Arc::new(TtlCache::new(Duration::from_secs(30))),
            names: Arc::default(),
        }
    }

    /// Country, region and HS names, read from the database on first use.
    pub async fn names(&self) -> Result<&crate::services::catalogue::ReferenceNames, AppError> {
        Ok(self
            .names
            .get_or_try_init(|| crate::services::catalogue::reference_names(&self.db))
            .await?)
    }
}

/// The state, from inside a server function or a server-rendered component.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// A single cached value that expires: counts on the home page are aggregates over the whole
/// catalogue, which need not be recomputed for every visitor.
pub struct TtlCache<T> {
    ttl: Duration,
    slot: Mutex<Option<(Instant, T)>>,
}

impl<T: Clone> TtlCache<T> {
    pub fn new(ttl: Duration) -> Self {
        Self { ttl, slot: Mutex::new(None) }
    }

    pub fn get(&self) -> Option<T> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.as_ref().filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, v)| v.clone())
    }

    pub fn put(&self, value: T) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), value));
    }

    pub fn clear(&self) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
