//! `/search`: results with facets, chips, sorting and pages. Every state is the URL, every
//! control a link or a GET form, so the page works the same with JavaScript off.

use crate::{
    error::AppError,
    i18n::{Locale, Strings, count, fill, use_locale, use_strings},
    search::{
        ParamError, SearchRequest, Sort,
        params::{View, parse, section_roman},
        results::{Facets, ListingHit, ProducerHit, SearchResults},
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
    let (request, notices) = parse(&query);
    let hits = match request.view {
        View::Listings => Hits::Listings(state.search_listings(&request).await?),
        View::Producers => Hits::Producers(state.search_producers(&request).await?),
    };
    let facets = match &hits {
        Hits::Listings(r) => &r.facets,
        Hits::Producers(r) => &r.facets,
    };
    let names = state.names().await?;
    let pick = |pair: Option<&(String, String)>, key: &str| {
        pair.map(|(en, ru)| locale.pick(en, ru).to_owned()).unwrap_or_else(|| key.to_owned())
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
    for id in 1..=21 {
        if let Some(name) = names.sections.get(&id) {
            labels.section.insert(section_roman(id).to_owned(), name.clone());
        }
    }
    for chapter in facets.hs_chapter.keys() {
        if let Some(name) = names.chapters.get(chapter) {
            labels.chapter.insert(chapter.clone(), name.clone());
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
                    Hits::Listings(r) => view! { <ListingList items=r.items from=req.href()/> }.into_any(),
                    Hits::Producers(r) => view! { <ProducerList items=r.items from=req.href()/> }.into_any(),
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

/// Active filters, each removable.
fn active_filters(req: &SearchRequest, labels: &Labels) -> Vec<(String, SearchRequest)> {
    let mut chips = Vec::new();
    for c in &req.countries {
        let label = labels.country.get(c.as_str()).cloned().unwrap_or(c.as_str().into());
        chips.push((
            label,
            req.with(|r| {
                r.countries.retain(|x| x != c);
                r.regions.retain(|x| x.country() != *c);
            }),
        ));
    }
    for region in &req.regions {
        let label = labels.region.get(region.as_str()).cloned().unwrap_or(region.as_str().into());
        chips.push((label, req.with(|r| r.regions.retain(|x| x != region))));
    }
    if let Some(s) = req.section {
        let roman = section_roman(s);
        chips.push((
            format!("{roman} {}", labels.section.get(roman).cloned().unwrap_or_default()),
            req.with(|r| r.section = None),
        ));
    }
    if let Some(hs) = &req.hs {
        chips.push((format!("HS {}", hs.dotted()), req.with(|r| r.hs = None)));
    }
    if let Some(c) = req.cert {
        chips.push((c.label().to_owned(), req.with(|r| r.cert = None)));
    }
    if req.verified {
        chips.push(("✓".to_owned(), req.with(|r| r.verified = false)));
    }
    chips
}

#[component]
fn Chips(req: SearchRequest, labels: Labels) -> impl IntoView {
    let t = use_strings();
    let chips = active_filters(&req, &labels);
    (!chips.is_empty()).then(|| {
        let clear = SearchRequest { q: req.q.clone(), view: req.view, ..parse("").0 };
        view! {
            <nav class="chips" aria-label=t.filters_active>
                {chips.into_iter().map(|(label, without)| view! {
                    <a class="chip" href=without.href() title=t.filter_remove data-chip="">
                        {label} <span aria-hidden="true">" ×"</span>
                    </a>
                }).collect_view()}
                <a class="chip clear" href=clear.href()>{t.filters_clear}</a>
            </nav>
        }
    })
}

fn facet_list(
    title: &'static str,
    name: &'static str,
    entries: Vec<(String, i64, bool, String)>,
) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        view! {
            <section class="facet" data-facet=name>
                <h2>{title}</h2>
                <ul>
                    {entries.into_iter().map(|(label, n, active, href)| view! {
                        <li>
                            <a href=href aria-current=active.then_some("true") class:active=active>
                                <span class="label">{label}</span>
                                <span class="n">{n}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn FacetPanel(req: SearchRequest, facets: Facets, labels: Labels) -> impl IntoView {
    let t = use_strings();
    let label =
        |map: &BTreeMap<String, String>, k: &str| map.get(k).cloned().unwrap_or(k.to_owned());

    let countries: Vec<_> = facets
        .country
        .iter()
        .map(|(code, n)| {
            let c = crate::domain::CountryCode::parse(code).ok();
            let active = c.is_some_and(|c| req.countries.contains(&c));
            let next = req.with(|r| {
                if let Some(c) = c {
                    if active {
                        r.countries.retain(|x| *x != c);
                        r.regions.retain(|x| x.country() != c);
                    } else {
                        r.countries.push(c);
                    }
                }
            });
            (label(&labels.country, code), *n, active, next.href())
        })
        .collect();

    // Regions only once a country is chosen: 54 at once is a wall, not a filter.
    let mut regions: Vec<_> = if req.countries.is_empty() {
        Vec::new()
    } else {
        facets
            .region
            .iter()
            .map(|(code, n)| {
                let region = crate::domain::RegionCode::parse(code).ok();
                let active = region.as_ref().is_some_and(|r| req.regions.contains(r));
                let next = req.with(|r| {
                    if let Some(region) = &region {
                        if active {
                            r.regions.retain(|x| x != region)
                        } else {
                            r.regions.push(region.clone())
                        }
                    }
                });
                (label(&labels.region, code), *n, active, next.href())
            })
            .collect()
    };
    regions.sort_by_key(|r| std::cmp::Reverse(r.1));

    let sections: Vec<_> = facets
        .hs_section
        .iter()
        .map(|(roman, n)| {
            let id = (1..=21).find(|i| section_roman(*i) == roman);
            let active = req.section.is_some() && req.section == id;
            let next = req.with(|r| {
                r.section = if active { None } else { id };
                r.hs = None;
            });
            (format!("{roman} · {}", label(&labels.section, roman)), *n, active, next.href())
        })
        .collect();

    // Chapters once a section or an HS code narrows the tree (drill-down).
    let chapters: Vec<_> = if req.section.is_none() && req.hs.is_none() {
        Vec::new()
    } else {
        facets
            .hs_chapter
            .iter()
            .map(|(ch, n)| {
                let active = req.hs.as_ref().is_some_and(|h| h.chapter() == ch);
                let code = crate::domain::HsCode::parse(ch).ok();
                let next = req.with(|r| r.hs = if active { None } else { code.clone() });
                (format!("{ch} · {}", label(&labels.chapter, ch)), *n, active, next.href())
            })
            .collect()
    };

    let certs: Vec<_> = facets
        .cert
        .iter()
        .filter_map(|(kind, n)| {
            let kind = crate::domain::CertKind::parse(kind)?;
            let active = req.cert == Some(kind);
            let next = req.with(|r| r.cert = if active { None } else { Some(kind) });
            Some((kind.label().to_owned(), *n, active, next.href()))
        })
        .collect();

    let verified_n = facets.verified.get("true").copied().unwrap_or(0);
    let verified = vec![(
        t.facet_verified.to_owned(),
        verified_n,
        req.verified,
        req.with(|r| r.verified = !r.verified).href(),
    )];

    view! {
        {facet_list(t.facet_verified, "verified", verified)}
        {facet_list(t.facet_country, "country", countries)}
        {facet_list(t.facet_region, "region", regions)}
        {facet_list(t.facet_section, "hs_section", sections)}
        {facet_list(t.facet_chapter, "hs_chapter", chapters)}
        {facet_list(t.facet_cert, "cert", certs)}
    }
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
fn ListingList(items: Vec<ListingHit>, from: String) -> impl IntoView {
    let t = use_strings();
    let link = move |url: &str| crate::search::with_from(url, &from);
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
                        " · " {h.region.clone()} " " {verified_badge(t, h.verified)}
                    </p>
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn ProducerList(items: Vec<ProducerHit>, from: String) -> impl IntoView {
    let t = use_strings();
    let link = move |url: &str| crate::search::with_from(url, &from);
    view! {
        <ol class="hits">
            {items.into_iter().map(|p| view! {
                <li class="hit" data-producer=p.id>
                    <a class="hit-title" href=link(&p.url)>{p.name.clone()}</a>
                    <span class="latin">{p.name_latin.clone()}</span>
                    <p class="meta">{p.city.clone()} ", " {p.region.clone()} " " {verified_badge(t, p.verified)}</p>
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
    view! {
        <div class="empty" data-testid="empty">
            <p><strong>{t.search_empty}</strong></p>
            {match narrowest {
                Some((label, without)) => view! {
                    <p><a href=without.href() data-testid="remove-narrowest">{fill(t.search_empty_hint, &[("filter", &label)])}</a></p>
                }.into_any(),
                None => view! { <p>{t.search_empty_text}</p> }.into_any(),
            }}
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
            {((page as i64) < pages && page < crate::search::params::MAX_PAGE).then(|| view! { <a rel="next" href=link(page + 1)>{t.page_next}</a> })}
        </nav>
    })
}
