//! `/`: the search box and the ways into the catalogue (by country, by HS section).

use crate::catalogue::models::catalogue::{CountryCount, SectionCount};
use crate::foundations::{
    error::AppError,
    i18n::{Locale, fill, use_locale, use_strings},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub countries: Vec<CountryCount>,
    pub sections: Vec<SectionCount>,
    pub producers: i64,
    pub listings: i64,
}

#[server(endpoint = "home")]
pub async fn load_home(locale: Locale) -> Result<HomeData, AppError> {
    let state = crate::state::app_state()?;
    let generation = state.catalogue_generation().await?;
    let overview = match state.home_cache.get(generation) {
        Some(cached) => cached,
        None => {
            let fresh = crate::catalogue::services::catalogue::home_overview(&state.db).await?;
            state.home_cache.put(generation, fresh.clone());
            fresh
        }
    };
    let names = state.names().await?;
    let sections = overview
        .sections
        .into_iter()
        .map(|mut s| {
            if let Some(name) = names.section(s.id, locale) {
                s.name = name.to_owned();
            }
            s
        })
        .collect();
    Ok(HomeData {
        countries: overview.countries.iter().map(|c| c.localized(locale, names)).collect(),
        sections,
        producers: overview.producers,
        listings: overview.listings,
    })
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let data = Resource::new_blocking(move || locale, load_home);
    view! {
        <section class="hero">
            <h1>{t.site_name}</h1>
            <p class="tagline">{t.site_tagline}</p>
            <crate::catalogue::components::search_box::SearchBox
                value=String::new()
                text=crate::catalogue::components::search_box::SearchBoxText {
                    label: t.search_label.into(),
                    placeholder: t.search_placeholder.into(),
                    button: t.search_button.into(),
                }
            />
        </section>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Overview data=d/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(data: HomeData) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let (producers, listings) = (
        crate::foundations::i18n::number(locale, data.producers),
        crate::foundations::i18n::number(locale, data.listings),
    );
    let totals = fill(t.home_totals, &[("producers", &producers), ("listings", &listings)]);
    view! {
        <p class="totals" data-testid="totals">{totals}</p>
        <section aria-labelledby="by-country">
            <h2 id="by-country">{t.home_by_country}</h2>
            <ul class="country-grid">
                {data
                    .countries
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li data-country=c.code.clone()>
                                <a href=format!("/search?country={}", c.code)>
                                    <span class="flag-code">{c.code.clone()}</span>
                                    <strong>{c.name}</strong>
                                    <span class="count" data-producers=c.producers>
                                        {crate::foundations::i18n::number(locale, c.producers)} " " {t.count_producers}
                                    </span>
                                    <span class="count" data-listings=c.listings>
                                        {crate::foundations::i18n::number(locale, c.listings)} " " {t.count_listings}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="by-section">
            <h2 id="by-section">{t.home_by_section}</h2>
            <ol class="section-list">
                {data
                    .sections
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li data-section=s.roman.clone()>
                                <a href=format!("/search?section={}", s.roman)>
                                    <span class="roman">{s.roman.clone()}</span>
                                    <span class="name">{s.name}</span>
                                    <span class="count" data-producers=s.producers>
                                        {crate::foundations::i18n::number(locale, s.producers)} " " {t.count_producers}
                                    </span>
                                    <span class="count" data-listings=s.listings>
                                        {crate::foundations::i18n::number(locale, s.listings)} " " {t.count_listings}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
