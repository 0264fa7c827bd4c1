//! Server state shared by pages, server functions and HTTP handlers.

use crate::error::AppError;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub home_cache: Arc<TtlCache<crate::services::catalogue::HomeOverview>>,
    names: Arc<tokio::sync::OnceCell<crate::services::catalogue::ReferenceNames>>,
    pub search_summaries: Arc<TtlMap<String, crate::services::search::Summary>>,
    pub clock: Arc<crate::auth::Clock>,
    pub auth: Arc<crate::auth::AuthConfig>,
    pub limiter: Arc<crate::auth::RateLimiter>,
    /// What a search's words matched, by the words as the search reads them: buyers page
    /// through and refine the same words, and the full-text lookup is most of a text search's
    /// cost.
    text_matches: Arc<TtlMap<String, Arc<crate::services::search::IndexText>>>,
    facet_index: Arc<std::sync::RwLock<Option<Arc<crate::services::facet_index::FacetIndex>>>>,
    index_building: Arc<std::sync::atomic::AtomicBool>,
}

/// Above this many public listings the facet index is rebuilt in the background (SQL answers
/// meanwhile); below, a rebuild takes milliseconds and happens in the request.
const INLINE_INDEX_REBUILD: usize = 200_000;

impl AppState {
    pub fn new(db: DatabaseConnection, leptos_options: LeptosOptions) -> Self {
        let clock: Arc<crate::auth::Clock> = Arc::default();
        Self {
            db,
            leptos_options,
            home_cache: Arc::new(TtlCache::new(Duration::from_secs(30), clock.clone())),
            names: Arc::default(),
            search_summaries: Arc::new(TtlMap::new(Duration::from_secs(60), 4096, clock.clone())),
            auth: Arc::default(),
            limiter: Arc::default(),
            text_matches: Arc::new(TtlMap::new(Duration::from_secs(60), 256, clock.clone())),
            clock,
            facet_index: Arc::default(),
            index_building: Arc::default(),
        }
    }

    /// The current generation of the public catalogue (read from the database: another
    /// instance or a CLI import may have changed it).
    pub async fn catalogue_generation(&self) -> Result<u64, sea_orm::DbErr> {
        crate::services::search::catalogue_generation(&self.db).await
    }

    /// Builds the facet index now (the server does this before it starts listening).
    pub async fn build_facet_index(&self) -> Result<usize, sea_orm::DbErr> {
        let generation = self.catalogue_generation().await?;
        let index = crate::services::facet_index::FacetIndex::load(&self.db, generation).await?;
        let n = index.len();
        *self.facet_index.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(index));
        release_freed_memory();
        Ok(n)
    }

    /// The facet index of the current catalogue generation, if there is one (or can be made
    /// quickly); else a background rebuild starts and the caller falls back to SQL.
    async fn current_facet_index(
        &self,
        generation: u64,
    ) -> Result<Option<Arc<crate::services::facet_index::FacetIndex>>, sea_orm::DbErr> {
        use std::sync::atomic::Ordering;
        let existing = self.facet_index.read().unwrap_or_else(|e| e.into_inner()).clone();
        match existing {
            Some(index) if index.generation == generation => Ok(Some(index)),
            Some(index) if index.len() >= INLINE_INDEX_REBUILD => {
                if !self.index_building.swap(true, Ordering::AcqRel) {
                    let state = self.clone();
                    tokio::spawn(async move {
                        if let Err(e) = state.build_facet_index().await {
                            tracing::error!(error = %e, "facet index rebuild failed");
                        }
                        state.index_building.store(false, Ordering::Release);
                    });
                }
                Ok(None)
            }
            _ => {
                self.build_facet_index().await?;
                Ok(self.facet_index.read().unwrap_or_else(|e| e.into_inner()).clone())
            }
        }
    }

    pub fn with_auth(mut self, auth: crate::auth::AuthConfig) -> Self {
        self.auth = Arc::new(auth);
        self
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Runs a search, reusing the total and facet counts of the same filters seen recently.
    pub async fn search_listings(
        &self,
        req: &crate::search::SearchRequest,
    ) -> Result<crate::search::results::SearchResults<crate::search::results::ListingHit>, AppError>
    {
        use crate::services::search::{IndexText, listings_by_ids, summary_key, text_key};
        let generation = self.catalogue_generation().await?;
        if let Some(index) = self.current_facet_index(generation).await? {
            // One full-text query serves both the counts and the page; the page's order comes
            // from memory too, so only its 20-odd rows are read from the tables.
            let text_key = format!("{generation}:{}", text_key(&req.q));
            let text = match self.text_matches.get(&text_key) {
                Some(hit) => hit,
                None => {
                    let fresh = Arc::new(IndexText::resolve(&self.db, &index, &req.q).await?);
                    self.text_matches.put(text_key, fresh.clone());
                    fresh
                }
            };
            let key = summary_key(req, generation);
            let summary = match self.search_summaries.get(&key) {
                Some(hit) => hit,
                None => {
                    let fresh = text.summarize(&index, req);
                    self.search_summaries.put(key, fresh.clone());
                    fresh
                }
            };
            let items =
                listings_by_ids(&self.db, &text.page(&index, req, summary.listings)).await?;
            return Ok(crate::search::results::SearchResults {
                total: summary.listings,
                page: req.page,
                per_page: req.per_page,
                items,
                facets: summary.facets,
            });
        }
        let summary = self.summary(req).await?;
        Ok(crate::services::search::search_listings(&self.db, req, Some(summary)).await?)
    }

    pub async fn search_producers(
        &self,
        req: &crate::search::SearchRequest,
    ) -> Result<crate::search::results::SearchResults<crate::search::results::ProducerHit>, AppError>
    {
        let summary = self.summary(req).await?;
        // The same typo corrections as the counts, when the index that holds them is ready.
        let index = self.current_facet_index(self.catalogue_generation().await?).await?;
        let dict = index.as_deref().map(|i| i.terms());
        Ok(crate::services::search::search_producers(&self.db, req, Some(summary), dict).await?)
    }

    async fn summary(
        &self,
        req: &crate::search::SearchRequest,
    ) -> Result<crate::services::search::Summary, AppError> {
        let generation = self.catalogue_generation().await?;
        let key = crate::services::search::summary_key(req, generation);
        if let Some(hit) = self.search_summaries.get(&key) {
            return Ok(hit);
        }
        let fresh = match self.current_facet_index(generation).await? {
            Some(index) => {
                crate::services::search::summary_from_index(&self.db, &index, req).await?
            }
            None => crate::services::search::summary(&self.db, req).await?,
        };
        self.search_summaries.put(key, fresh.clone());
        Ok(fresh)
    }

    /// The facet index of the current catalogue, if it is ready (its word dictionary gives
    /// typo corrections to the SQL paths too).
    pub async fn ready_facet_index(
        &self,
    ) -> Result<Option<Arc<crate::services::facet_index::FacetIndex>>, AppError> {
        Ok(self.current_facet_index(self.catalogue_generation().await?).await?)
    }

    /// Country, region and HS names, read from the database on first use.
    pub async fn names(&self) -> Result<&crate::services::catalogue::ReferenceNames, AppError> {
        Ok(self
            .names
            .get_or_try_init(|| crate::services::catalogue::reference_names(&self.db))
            .await?)
    }
}

/// Loading the index streams a million rows through short-lived buffers; glibc keeps the freed
/// pages unless asked to give them back.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only releases free heap memory; it has no preconditions.
        unsafe {
            malloc_trim(0);
        }
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
/// catalogue, which need not be recomputed for every visitor. Valid for one catalogue
/// generation; time is the state's clock, so tests can move past the lifetime.
pub struct TtlCache<T> {
    ttl: chrono::Duration,
    clock: Arc<crate::auth::Clock>,
    slot: Mutex<Option<(chrono::DateTime<chrono::Utc>, u64, T)>>,
}

impl<T: Clone> TtlCache<T> {
    pub fn new(ttl: Duration, clock: Arc<crate::auth::Clock>) -> Self {
        Self { ttl: to_chrono(ttl), clock, slot: Mutex::new(None) }
    }

    pub fn get(&self, generation: u64) -> Option<T> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.clock.now();
        slot.as_ref()
            .filter(|(at, g, _)| now - *at < self.ttl && *g == generation)
            .map(|(_, _, v)| v.clone())
    }

    pub fn put(&self, generation: u64, value: T) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((self.clock.now(), generation, value));
    }
}

fn to_chrono(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// A bounded map of values that expire. Facet counts of a search depend only on its filters, not
/// on the page or sort, and buyers page through the same search: those counts are kept a minute.
pub struct TtlMap<K, V> {
    ttl: chrono::Duration,
    capacity: usize,
    clock: Arc<crate::auth::Clock>,
    entries: Mutex<std::collections::HashMap<K, (chrono::DateTime<chrono::Utc>, V)>>,
}

impl<K: std::hash::Hash + Eq + Clone, V: Clone> TtlMap<K, V> {
    pub fn new(ttl: Duration, capacity: usize, clock: Arc<crate::auth::Clock>) -> Self {
        Self { ttl: to_chrono(ttl), capacity, clock, entries: Mutex::new(Default::default()) }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.clock.now();
        entries.get(key).filter(|(at, _)| now - *at < self.ttl).map(|(_, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.clock.now();
        if entries.len() >= self.capacity {
            // Expired entries go first; if none, the map starts over (simple and bounded).
            entries.retain(|_, (at, _)| now - *at < self.ttl);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(key, (now, value));
    }

    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
