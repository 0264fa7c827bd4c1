//! Server state shared by pages, server functions and HTTP handlers.

use crate::foundations::error::AppError;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

/// How the site presents itself to the outside.
#[derive(Clone, Debug, Default)]
pub struct SiteConfig {
    /// The address the site is reached at (`https://registry.example`, no trailing slash), for
    /// absolute links in exports. Unset: taken from the request (`Host`, and
    /// `X-Forwarded-Proto: https` for the scheme).
    pub public_url: Option<String>,
    /// Where producers write about a problem the site cannot solve for them (a tax ID
    /// registered by someone else).
    pub contact_email: Option<String>,
    /// Requests for quotation wait for an administrator before they reach producers.
    pub rfq_moderation: bool,
    /// Where claim documents are kept (outside the web root); None: `data/claims`.
    pub claim_documents: Option<std::path::PathBuf>,
}

impl SiteConfig {
    /// The folder of claim documents.
    pub fn claim_documents_dir(&self) -> std::path::PathBuf {
        self.claim_documents.clone().unwrap_or_else(|| "data/claims".into())
    }

    /// The site's base address for a request with these headers.
    pub fn base_url(&self, headers: &http::HeaderMap) -> String {
        if let Some(url) = &self.public_url {
            return url.trim_end_matches('/').to_owned();
        }
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let host = header("host")
            .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
            .unwrap_or("127.0.0.1:3000");
        let https = header("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"));
        format!("{}://{host}", if https { "https" } else { "http" })
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub home_cache: Arc<TtlCache<crate::catalogue::services::catalogue::HomeOverview>>,
    names:
        Arc<tokio::sync::OnceCell<crate::foundations::services::reference_names::ReferenceNames>>,
    pub search_summaries: Arc<TtlMap<String, crate::catalogue::services::search::Summary>>,
    pub clock: Arc<crate::foundations::auth::Clock>,
    pub auth: Arc<crate::foundations::auth::AuthConfig>,
    pub site: Arc<SiteConfig>,
    /// What a search's words matched, by the words as the search reads them: buyers page
    /// through and refine the same words, and the full-text lookup is most of a text search's
    /// cost.
    pub text_matches: Arc<TtlMap<String, Arc<crate::catalogue::services::search::IndexText>>>,
    facet_index:
        Arc<std::sync::RwLock<Option<Arc<crate::catalogue::services::facet_index::FacetIndex>>>>,
    index_building: Arc<std::sync::atomic::AtomicBool>,
}

/// Memory budgets of the search caches (their sizes are in `/metrics`).
pub const SUMMARY_CACHE_BYTES: usize = 16 << 20;
pub const TEXT_CACHE_BYTES: usize = 64 << 20;

/// Above this many public listings the facet index is rebuilt in the background (SQL answers
/// meanwhile); below, a rebuild takes milliseconds and happens in the request.
const INLINE_INDEX_REBUILD: usize = 200_000;

impl AppState {
    pub fn new(db: DatabaseConnection, leptos_options: LeptosOptions) -> Self {
        let clock: Arc<crate::foundations::auth::Clock> = Arc::default();
        Self {
            db,
            leptos_options,
            home_cache: Arc::new(TtlCache::new(Duration::from_secs(30), clock.clone())),
            names: Arc::default(),
            search_summaries: Arc::new(TtlMap::new(
                Duration::from_secs(60),
                SUMMARY_CACHE_BYTES,
                clock.clone(),
            )),
            auth: Arc::default(),
            site: Arc::default(),
            text_matches: Arc::new(TtlMap::new(
                Duration::from_secs(60),
                TEXT_CACHE_BYTES,
                clock.clone(),
            )),
            clock,
            facet_index: Arc::default(),
            index_building: Arc::default(),
        }
    }

    /// The current generation of the public catalogue (read from the database: another
    /// instance or a CLI import may have changed it).
    pub async fn catalogue_generation(&self) -> Result<u64, sea_orm::DbErr> {
        crate::catalogue::services::search::catalogue_generation(&self.db).await
    }

    /// Builds the facet index now (the server does this before it starts listening).
    pub async fn build_facet_index(&self) -> Result<usize, sea_orm::DbErr> {
        let generation = self.catalogue_generation().await?;
        let index =
            crate::catalogue::services::facet_index::FacetIndex::load(&self.db, generation).await?;
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
    ) -> Result<Option<Arc<crate::catalogue::services::facet_index::FacetIndex>>, sea_orm::DbErr>
    {
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

    pub fn with_auth(mut self, auth: crate::foundations::auth::AuthConfig) -> Self {
        self.auth = Arc::new(auth);
        self
    }

    pub fn with_site(mut self, site: SiteConfig) -> Self {
        self.site = Arc::new(site);
        self
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Runs a search, reusing the total and facet counts of the same filters seen recently.
    pub async fn search_listings(
        &self,
        req: &crate::catalogue::query::SearchRequest,
    ) -> Result<
        crate::catalogue::query::results::SearchResults<
            crate::catalogue::query::results::ListingHit,
        >,
        AppError,
    > {
        use crate::catalogue::services::search::{
            IndexText, listings_by_ids, summary_key, text_key,
        };
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
            return Ok(crate::catalogue::query::results::SearchResults {
                total: summary.listings,
                page: req.page,
                per_page: req.per_page,
                items,
                facets: summary.facets,
            });
        }
        let summary = self.summary(req).await?;
        Ok(crate::catalogue::services::search::search_listings(&self.db, req, Some(summary))
            .await?)
    }

    pub async fn search_producers(
        &self,
        req: &crate::catalogue::query::SearchRequest,
    ) -> Result<
        crate::catalogue::query::results::SearchResults<
            crate::catalogue::query::results::ProducerHit,
        >,
        AppError,
    > {
        let summary = self.summary(req).await?;
        // The same typo corrections as the counts, when the index that holds them is ready.
        let index = self.current_facet_index(self.catalogue_generation().await?).await?;
        let dict = index.as_deref().map(|i| i.terms());
        Ok(crate::catalogue::services::search::search_producers(&self.db, req, Some(summary), dict)
            .await?)
    }

    async fn summary(
        &self,
        req: &crate::catalogue::query::SearchRequest,
    ) -> Result<crate::catalogue::services::search::Summary, AppError> {
        let generation = self.catalogue_generation().await?;
        let key = crate::catalogue::services::search::summary_key(req, generation);
        if let Some(hit) = self.search_summaries.get(&key) {
            return Ok(hit);
        }
        let fresh = match self.current_facet_index(generation).await? {
            Some(index) => {
                crate::catalogue::services::search::summary_from_index(&self.db, &index, req)
                    .await?
            }
            None => crate::catalogue::services::search::summary(&self.db, req).await?,
        };
        self.search_summaries.put(key, fresh.clone());
        Ok(fresh)
    }

    /// The facet index of the current catalogue, if it is ready (its word dictionary gives
    /// typo corrections to the SQL paths too).
    pub async fn ready_facet_index(
        &self,
    ) -> Result<Option<Arc<crate::catalogue::services::facet_index::FacetIndex>>, AppError> {
        Ok(self.current_facet_index(self.catalogue_generation().await?).await?)
    }

    /// Country, region and HS names, read from the database on first use.
    pub async fn names(
        &self,
    ) -> Result<&crate::foundations::services::reference_names::ReferenceNames, AppError> {
        Ok(self
            .names
            .get_or_try_init(|| {
                crate::foundations::services::reference_names::reference_names(&self.db)
            })
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
    clock: Arc<crate::foundations::auth::Clock>,
    slot: Mutex<Option<(chrono::DateTime<chrono::Utc>, u64, T)>>,
}

impl<T: Clone> TtlCache<T> {
    pub fn new(ttl: Duration, clock: Arc<crate::foundations::auth::Clock>) -> Self {
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

/// What a cached value costs in memory, roughly: its heap data plus its own size. Caches hold a
/// budget of bytes, not of entries, because one entry can be 50 bytes (a count) or megabytes
/// (every listing id a common word matches).
pub trait Weighed {
    fn weight(&self) -> usize;
}

impl Weighed for String {
    fn weight(&self) -> usize {
        std::mem::size_of::<String>() + self.capacity()
    }
}

impl<T: Weighed> Weighed for Arc<T> {
    fn weight(&self) -> usize {
        std::mem::size_of::<usize>() * 2 + self.as_ref().weight()
    }
}

/// Hash-map bookkeeping per entry (hash, control byte, the timestamp beside the value).
const ENTRY_OVERHEAD: usize = 48;

/// A map of values that expire, held within a memory budget in bytes. Facet counts of a search
/// depend only on its filters, not on the page or sort, and buyers page through the same
/// search: those counts are kept a minute. When an entry would pass the budget, expired entries
/// go first, then the oldest; an entry larger than the whole budget is not kept at all.
pub struct TtlMap<K, V> {
    ttl: chrono::Duration,
    budget: usize,
    clock: Arc<crate::foundations::auth::Clock>,
    inner: Mutex<Entries<K, V>>,
}

struct Entries<K, V> {
    map: std::collections::HashMap<K, (chrono::DateTime<chrono::Utc>, usize, V)>,
    bytes: usize,
}

impl<K: std::hash::Hash + Eq + Clone + Weighed, V: Clone + Weighed> TtlMap<K, V> {
    pub fn new(
        ttl: Duration,
        budget_bytes: usize,
        clock: Arc<crate::foundations::auth::Clock>,
    ) -> Self {
        Self {
            ttl: to_chrono(ttl),
            budget: budget_bytes,
            clock,
            inner: Mutex::new(Entries { map: Default::default(), bytes: 0 }),
        }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.clock.now();
        inner.map.get(key).filter(|(at, _, _)| now - *at < self.ttl).map(|(_, _, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let weight = key.weight() + value.weight() + ENTRY_OVERHEAD;
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, old, _)) = inner.map.remove(&key) {
            inner.bytes -= old;
        }
        if weight > self.budget {
            return;
        }
        let now = self.clock.now();
        if inner.bytes + weight > self.budget {
            let ttl = self.ttl;
            inner.map.retain(|_, (at, _, _)| now - *at < ttl);
            inner.bytes = inner.map.values().map(|(_, w, _)| *w).sum();
        }
        if inner.bytes + weight > self.budget {
            // Oldest first, down to three quarters of the budget: room for a few more puts
            // before the next sort.
            let mut by_age: Vec<(chrono::DateTime<chrono::Utc>, K)> =
                inner.map.iter().map(|(k, (at, _, _))| (*at, k.clone())).collect();
            by_age.sort_by_key(|(at, _)| *at);
            let target = (self.budget / 4 * 3).min(self.budget - weight);
            for (_, k) in by_age {
                if inner.bytes <= target {
                    break;
                }
                if let Some((_, w, _)) = inner.map.remove(&k) {
                    inner.bytes -= w;
                }
            }
        }
        inner.bytes += weight;
        inner.map.insert(key, (now, weight, value));
    }

    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the entries weigh, by [`Weighed`] (live and expired ones).
    pub fn bytes(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct Blob(usize);

    impl Weighed for Blob {
        fn weight(&self) -> usize {
            self.0
        }
    }

    fn map(budget: usize) -> TtlMap<String, Blob> {
        TtlMap::new(Duration::from_secs(60), budget, Arc::default())
    }

    #[test]
    fn a_cache_stays_within_its_byte_budget_whatever_the_entries_weigh() {
        let cache = map(100_000);
        for i in 0..1_000 {
            cache.put(format!("k{i}"), Blob(1_000));
            assert!(cache.bytes() <= 100_000, "{} bytes after {i} puts", cache.bytes());
        }
        assert!(cache.len() < 100, "{} entries of about 1 kB in 100 kB", cache.len());
        // The newest entry is kept; the oldest went first.
        assert!(cache.get(&"k999".to_owned()).is_some());
        assert!(cache.get(&"k0".to_owned()).is_none());
        // Small entries: many more fit in the same budget.
        let small = map(100_000);
        for i in 0..1_000 {
            small.put(format!("k{i}"), Blob(10));
        }
        assert_eq!(small.len(), 1_000);
    }

    #[test]
    fn an_entry_larger_than_the_budget_is_not_kept_and_replacing_does_not_double_count() {
        let cache = map(10_000);
        cache.put("big".into(), Blob(20_000));
        assert!(cache.is_empty() && cache.bytes() == 0);
        cache.put("a".into(), Blob(1_000));
        let once = cache.bytes();
        cache.put("a".into(), Blob(1_000));
        assert_eq!(cache.bytes(), once);
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn expired_entries_go_before_live_ones() {
        let clock: Arc<crate::foundations::auth::Clock> = Arc::default();
        let cache: TtlMap<String, Blob> =
            TtlMap::new(Duration::from_secs(60), 3_000, clock.clone());
        cache.put("old".into(), Blob(1_000));
        clock.advance(Duration::from_secs(61));
        cache.put("new1".into(), Blob(1_000));
        cache.put("new2".into(), Blob(1_000));
        assert!(cache.get(&"new1".to_owned()).is_some() && cache.get(&"new2".to_owned()).is_some());
        assert_eq!(cache.len(), 2, "the expired entry made room");
    }
}
