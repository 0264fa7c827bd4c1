//! The filters beside `/search` results: facet lists with counts and the chips of the filters in
//! force, each a link to the same search with one thing changed.

use super::search::Labels;
use crate::{
    catalogue::query::{
        SearchRequest,
        params::{parse, section_roman},
        results::Facets,
    },
    foundations::i18n::use_strings,
};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Active filters, each removable.
pub(super) fn active_filters(req: &SearchRequest, labels: &Labels) -> Vec<(String, SearchRequest)> {
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
pub(super) fn Chips(req: SearchRequest, labels: Labels) -> impl IntoView {
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
    let locale = crate::foundations::i18n::use_locale();
    (!entries.is_empty()).then(|| {
        view! {
            <section class="facet" data-facet=name>
                <h2>{title}</h2>
                <ul>
                    {entries.into_iter().map(|(label, n, active, href)| view! {
                        <li>
                            <a href=href aria-current=active.then_some("true") class:active=active>
                                <span class="label">{label}</span>
                                <span class="n">{crate::foundations::i18n::number(locale, n)}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub(super) fn FacetPanel(req: SearchRequest, facets: Facets, labels: Labels) -> impl IntoView {
    let t = use_strings();
    let label =
        |map: &BTreeMap<String, String>, k: &str| map.get(k).cloned().unwrap_or(k.to_owned());

    let countries: Vec<_> = facets
        .country
        .iter()
        .map(|(code, n)| {
            let c = crate::foundations::domain::CountryCode::parse(code).ok();
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
                let region = crate::foundations::domain::RegionCode::parse(code).ok();
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
                let code = crate::foundations::domain::HsCode::parse(ch).ok();
                let next = req.with(|r| r.hs = if active { None } else { code.clone() });
                (format!("{ch} · {}", label(&labels.chapter, ch)), *n, active, next.href())
            })
            .collect()
    };

    let certs: Vec<_> = facets
        .cert
        .iter()
        .filter_map(|(kind, n)| {
            let kind = crate::foundations::domain::CertKind::parse(kind)?;
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
