//! `/search`: results with facets, chips, sorting and pages. Every state is the URL, every
//! control a link or a GET form, so the page works the same with JavaScript off.

use super::search_facets::{Chips, FacetPanel, active_filters};
use crate::{
    catalogue::query::{
        ParamError, SearchRequest, Sort,
        params::{View, section_roman},
        results::{ListingHit, ProducerHit, SearchResults},
    },
    foundations::{
        error::AppError,
        i18n::{Locale, Strings, count, fill, use_locale, use_strings},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Display names for facet values, in the page's language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    pub country: BTreeMap<String, String>,
    pub region: BTreeMap<String, String>,
    pub section: BTreeMap<String, String>,
    pub chapter: BTreeMap<String, String>,
}

impl Labels {
    /// "Kostanay Region, Kazakhstan": where a hit is, as buyers read places (codes only when the
    /// reference data lacks a name).
    pub fn place(&self, region: &str, country: &str) -> String {
        let name = |map: &BTreeMap<String, String>, code: &str| {
            map.get(code).cloned().unwrap_or_else(|| code.to_owned())
        };
        format!("{}, {}", name(&self.region, region), name(&self.country, country))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Hits {
    Listings(SearchResults<ListingHit>),
    Producers(SearchResults<ProducerHit>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchPageData {
    pub request: SearchRequest,
    pub notices: Vec<ParamError>,
    pub hits: Hits,
    pub labels: Labels,
}

#[server(endpoint = "search_page")]
pub async fn search_page(query: String, locale: Locale) -> Result<SearchPageData, AppError> {
    let state = crate::state::app_state()?;
    let (request, notices) = crate::catalogue::query::params::parse(&query);
    let mut hits = match request.view {
        View::Listings => Hits::Listings(state.search_listings(&request).await?),
        View::Producers => Hits::Producers(state.search_producers(&request).await?),
    };
    let names = state.names().await?;
    // A heading by its name in the interface language, where the nomenclature has one.
    if let Hits::Listings(r) = &mut hits {
        for h in &mut r.items {
            if let Some(name) = names.heading(&h.hs_code, locale) {
                h.hs_description = name.to_owned();
            }
        }
    }
    let facets = match &hits {
        Hits::Listings(r) => &r.facets,
        Hits::Producers(r) => &r.facets,
    };
    let pick = |name: Option<&crate::foundations::services::reference_names::PlaceName>,
                key: &str| {
        name.map(|n| n.get(locale).to_owned()).unwrap_or_else(|| key.to_owned())
    };
    let mut labels = Labels::default();
    for code in facets
        .country
        .keys()
        .cloned()
        .chain(request.countries.iter().map(|c| c.as_str().to_owned()))
    {
        let label = pick(names.countries.get(&code), &code);
        labels.country.insert(code, label);
    }
    for code in
        facets.region.keys().cloned().chain(request.regions.iter().map(|r| r.as_str().to_owned()))
    {
        let label = pick(names.regions.get(&code), &code);
        labels.region.insert(code, label);
    }
    // Every hit's place by name ("Kostanay Region, Kazakhstan"), not by code.
    let places: Vec<(String, String)> = match &hits {
        Hits::Listings(r) => {
            r.items.iter().map(|h| (h.region.clone(), h.country.clone())).collect()
        }
        Hits::Producers(r) => {
            r.items.iter().map(|p| (p.region.clone(), p.country.clone())).collect()
        }
    };
    for (region, country) in places {
        let region_label = pick(names.regions.get(&region), &region);
        let country_label = pick(names.countries.get(&country), &country);
        labels.region.entry(region).or_insert(region_label);
        labels.country.entry(country).or_insert(country_label);
    }
    for id in 1..=21 {
        if let Some(name) = names.section(id, locale) {
            labels.section.insert(section_roman(id).to_owned(), name.to_owned());
        }
    }
    for chapter in facets.hs_chapter.keys() {
        if let Some(name) = names.chapter(chapter, locale) {
            labels.chapter.insert(chapter.clone(), name.to_owned());
        }
    }
    Ok(SearchPageData { request, notices, hits, labels })
}

/// The raw query string of the page being rendered (server only; pages never render in WASM).
fn request_query() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<http::request::Parts>() {
        return parts.uri.query().unwrap_or_default().to_owned();
    }
    String::new()
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let query = request_query();
    let data = Resource::new_blocking(move || query.clone(), move |q| search_page(q, locale));
    view! {
        <Title text=format!("{} — {}", t.search_title, t.site_name)/>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Results data=d/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(data: SearchPageData) -> impl IntoView {
    let t = use_strings();
    let req = data.request.clone();
    let (facets, total, page, per_page) = match &data.hits {
        Hits::Listings(r) => (r.facets.clone(), r.total, r.page, r.per_page),
        Hits::Producers(r) => (r.facets.clone(), r.total, r.page, r.per_page),
    };
    let pages = ((total + per_page as i64 - 1) / per_page as i64).max(1);
    let count_text = match req.view {
        View::Listings => count(use_locale(), "search_results_count", "total", total as u64),
        View::Producers => count(use_locale(), "search_results_producers", "total", total as u64),
    };
    let notices = data.notices.clone();
    view! {
        <section class="search-head">
            <h1 class="visually-hidden">{t.search_title}</h1>
            <form class="search-box" method="get" action="/search" role="search">
                <label for="q" class="visually-hidden">{t.search_label}</label>
                <input id="q" name="q" type="search" value=req.q.clone() maxlength="200"
                    placeholder=t.search_placeholder/>
                <HiddenFilters req=req.clone()/>
                <button type="submit">{t.search_button}</button>
            </form>
            {(!notices.is_empty()).then(|| view! {
                <div class="notice" role="status" data-testid="notices">
                    <p>{t.search_notice}</p>
                    <ul>{notices.into_iter().map(|n| view! { <li data-param=n.param.clone()>{n.param.clone()} ": " {n.message}</li> }).collect_view()}</ul>
                </div>
            })}
            <Chips req=req.clone() labels=data.labels.clone()/>
        </section>
        // The count first, then the filters behind a "Filters (n)" disclosure (a `<details>`, so
        // it folds without JavaScript; on wide screens the style keeps it open as a sidebar).
        <div class="search-layout">
            <div class="results-bar">
                <p class="results-count" data-total=total>{count_text}</p>
                <ViewAndSort req=req.clone()/>
            </div>
            <details class="facets-disclosure">
                <summary>{fill(t.filters_toggle, &[("n", &active_filters(&req, &data.labels).len())])}</summary>
                <aside class="facets" aria-label=t.filters_title>
                    <FacetPanel req=req.clone() facets=facets labels=data.labels.clone()/>
                </aside>
            </details>
            <section class="results" aria-live="polite">
                {match data.hits.clone() {
                    Hits::Listings(r) => view! { <ListingList items=r.items from=req.href() labels=data.labels.clone()/> }.into_any(),
                    Hits::Producers(r) => view! { <ProducerList items=r.items from=req.href() labels=data.labels.clone()/> }.into_any(),
                }}
                {(total == 0).then(|| view! { <EmptyHint req=req.clone() labels=data.labels.clone()/> })}
                <Pager req=req.clone() page=page pages=pages/>
            </section>
        </div>
    }
}

/// Keeps the active filters when the text is changed in the search box.
#[component]
fn HiddenFilters(req: SearchRequest) -> impl IntoView {
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    fields.extend(req.countries.iter().map(|c| ("country", c.as_str().to_owned())));
    fields.extend(req.regions.iter().map(|r| ("region", r.as_str().to_owned())));
    if let Some(hs) = &req.hs {
        fields.push(("hs", hs.as_str().to_owned()));
    }
    if let Some(s) = req.section {
        fields.push(("section", section_roman(s).to_owned()));
    }
    if let Some(c) = req.cert {
        fields.push(("cert", c.as_str().to_owned()));
    }
    if req.verified {
        fields.push(("verified", "1".into()));
    }
    if req.view == View::Producers {
        fields.push(("view", "producers".into()));
    }
    fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}

#[component]
fn ViewAndSort(req: SearchRequest) -> impl IntoView {
    let t = use_strings();
    let view_link = |v: View, label: &'static str| {
        let active = req.view == v;
        view! { <a href=req.with(|r| r.view = v).href() aria-current=active.then_some("page")>{label}</a> }
    };
    let sort_link = |s: Sort, label: &'static str| {
        let active = req.sort == s;
        view! { <a href=req.with(|r| r.sort = s).href() aria-current=active.then_some("true")>{label}</a> }
    };
    view! {
        <nav class="views">{view_link(View::Listings, t.search_view_listings)} {view_link(View::Producers, t.search_view_producers)}</nav>
        <nav class="sorts" aria-label=t.search_sort>
            <span>{t.search_sort} ": "</span>
            {sort_link(Sort::Relevance, t.sort_relevance)} {sort_link(Sort::Newest, t.sort_newest)} {sort_link(Sort::Name, t.sort_name)}
        </nav>
        <a class="csv-link" href=format!("/search.csv?{}", req.to_query()) download="listings.csv">{t.search_csv}</a>
    }
}

fn verified_badge(t: &'static Strings, verified: bool) -> impl IntoView {
    verified.then(|| view! { <span class="badge verified" title=t.verified_badge>"✓ " {t.verified_badge}</span> })
}

#[component]
fn ListingList(items: Vec<ListingHit>, from: String, labels: Labels) -> impl IntoView {
    let t = use_strings();
    let link = move |url: &str| crate::catalogue::query::with_from(url, &from);
    view! {
        <ol class="hits">
            {items.into_iter().map(|h| view! {
                <li class="hit" data-listing=h.id>
                    <a class="hit-title" href=link(&h.url)>{h.name.clone()}</a>
                    {(h.name_latin != h.name).then(|| view! { <span class="latin">{h.name_latin.clone()}</span> })}
                    <p class="meta">
                        <span class="hs">{format!("{} {}", t.hs_code, h.hs_code)}</span> " · " {h.hs_description.clone()}
                    </p>
                    <p class="meta">
                        {t.listing_by} " " <a href=link(&format!("/producers/{}", h.producer_id))>{h.producer_name.clone()}</a>
                        " · " {labels.place(&h.region, &h.country)} " " {verified_badge(t, h.verified)}
                    </p>
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn ProducerList(items: Vec<ProducerHit>, from: String, labels: Labels) -> impl IntoView {
    let t = use_strings();
    let link = move |url: &str| crate::catalogue::query::with_from(url, &from);
    view! {
        <ol class="hits">
            {items.into_iter().map(|p| view! {
                <li class="hit" data-producer=p.id>
                    <a class="hit-title" href=link(&p.url)>{p.name.clone()}</a>
                    <span class="latin">{p.name_latin.clone()}</span>
                    <p class="meta">{p.city.clone()} ", " {labels.place(&p.region, &p.country)} " " {verified_badge(t, p.verified)}</p>
                    <p class="meta">{count(use_locale(), "matching_products", "n", p.matching_listings as u64)}</p>
                    <ul class="top-listings">
                        {p.top_listings.into_iter().map(|l| view! {
                            <li><a href=link(&format!("/listings/{}", l.id))>{l.name}</a> " (" {l.hs_code} ")"</li>
                        }).collect_view()}
                    </ul>
                </li>
            }).collect_view()}
        </ol>
    }
}

/// An empty result names the narrowest active filter to remove.
#[component]
fn EmptyHint(req: SearchRequest, labels: Labels) -> impl IntoView {
    let t = use_strings();
    let chips = active_filters(&req, &labels);
    // Narrowest first: regions, HS code, certification, verified, section, country.
    let order = |r: &SearchRequest| {
        if !req.regions.is_empty() && r.regions.len() < req.regions.len() {
            0
        } else if req.hs.is_some() && r.hs.is_none() {
            1
        } else if req.cert.is_some() && r.cert.is_none() {
            2
        } else if req.verified && !r.verified {
            3
        } else if req.section.is_some() && r.section.is_none() {
            4
        } else {
            5
        }
    };
    let narrowest = chips.into_iter().min_by_key(|(_, r)| order(r));
    let mut rfq_href = format!(
        "/rfq/new?product={}",
        crate::foundations::components::layout::encode_component(req.q.trim())
    );
    if let Some(hs) = &req.hs {
        rfq_href.push_str(&format!("&hs={}", hs.as_str()));
    }
    view! {
        <div class="empty" data-testid="empty">
            <p><strong>{t.search_empty}</strong></p>
            {match narrowest {
                Some((label, without)) => view! {
                    <p><a href=without.href() data-testid="remove-narrowest">{fill(t.search_empty_hint, &[("filter", &label)])}</a></p>
                }.into_any(),
                None => view! { <p>{t.search_empty_text}</p> }.into_any(),
            }}
            // Not listed yet is not the end: the producers of the heading can still be asked.
            <p><a href=rfq_href data-testid="ask-for-quotes">{t.rfq_from_search}</a></p>
        </div>
    }
}

#[component]
fn Pager(req: SearchRequest, page: u32, pages: i64) -> impl IntoView {
    let t = use_strings();
    let link = |p: u32| {
        let mut r = req.clone();
        r.page = p;
        r.href()
    };
    (pages > 1).then(|| view! {
        <nav class="pager" aria-label="Pages">
            {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{t.page_previous}</a> })}
            <span>{fill(t.page_of, &[("page", &page), ("pages", &pages)])}</span>
            {((page as i64) < pages && page < crate::catalogue::query::params::MAX_PAGE).then(|| view! { <a rel="next" href=link(page + 1)>{t.page_next}</a> })}
        </nav>
    })
}
