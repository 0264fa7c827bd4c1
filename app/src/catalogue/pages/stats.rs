//! `/stats`: what the registry holds, by country and HS section (table and a server-rendered SVG
//! chart, no JavaScript), by region within a country, new accounts per week, and how fast
//! entries are moderated.

use crate::foundations::{
    error::AppError,
    forms::{escape_html, query_param},
    i18n::{Locale, fill, number, use_locale, use_strings},
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatsData {
    pub countries: Vec<(String, String)>,
    /// (section id, roman-free name)
    pub sections: Vec<(i32, String)>,
    /// [country][section] listings, in the order of `countries` and `sections`
    pub cells: Vec<Vec<i64>>,
    pub producers: Vec<i64>,
    pub country: Option<String>,
    pub by_region: Vec<(String, i64, i64)>,
    pub weeks: Vec<(String, i64)>,
    pub median_hours: Option<f64>,
    pub decisions: usize,
}

#[server(endpoint = "stats")]
pub async fn load_stats(locale: Locale, country: Option<String>) -> Result<StatsData, AppError> {
    let state = crate::state::app_state()?;
    let names = state.names().await?;
    let country = country.filter(|c| names.countries.contains_key(c));
    let s = crate::catalogue::services::stats::stats(&state.db, country.as_deref(), state.now())
        .await?;
    let mut countries: Vec<(String, String)> =
        names.countries.iter().map(|(c, n)| (c.clone(), n.get(locale).to_owned())).collect();
    countries.sort();
    let mut sections: Vec<(i32, String)> = names
        .sections
        .keys()
        .filter_map(|id| Some((*id, names.section(*id, locale)?.to_owned())))
        .collect();
    sections.sort();
    let cells = countries
        .iter()
        .map(|(c, _)| {
            sections
                .iter()
                .map(|(id, _)| {
                    s.by_country_section
                        .iter()
                        .find(|(cc, sid, _)| cc == c && sid == id)
                        .map_or(0, |(_, _, n)| *n)
                })
                .collect()
        })
        .collect();
    let producers = countries
        .iter()
        .map(|(c, _)| s.producers_by_country.iter().find(|(cc, _)| cc == c).map_or(0, |(_, n)| *n))
        .collect();
    let by_region = s
        .by_region
        .into_iter()
        .map(|(code, p, l)| {
            let name = names.regions.get(&code).map_or(code.clone(), |n| n.get(locale).to_owned());
            (name, p, l)
        })
        .collect();
    Ok(StatsData {
        countries,
        sections,
        cells,
        producers,
        country,
        by_region,
        weeks: s.registrations_per_week,
        median_hours: s.median_decision_hours,
        decisions: s.decisions,
    })
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let country = query_param("country");
    let data = Resource::new_blocking(move || (locale, country.clone()), |(l, c)| load_stats(l, c));
    view! {
        <Title text=t.stats_title/>
        <section class="stats">
            <h1>{t.stats_title}</h1>
            <p>{t.stats_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Stats data=d/> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

const COLOURS: [&str; 5] = ["#1f6f5c", "#c77d12", "#3a62a8", "#a4262c", "#6b4fa0"];

/// Horizontal stacked bars: one per HS section, one colour per country.
fn chart(d: &StatsData) -> String {
    let totals: Vec<i64> =
        (0..d.sections.len()).map(|s| d.cells.iter().map(|row| row[s]).sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (label_w, bar_w, row_h) = (260.0, 520.0, 20.0);
    let height = row_h * d.sections.len() as f64 + 40.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {height}" role="img" aria-labelledby="chart-title" class="chart"><title id="chart-title">Listings by HS section and country</title>"#,
        label_w + bar_w + 70.0
    );
    for (i, (id, name)) in d.sections.iter().enumerate() {
        let y = i as f64 * row_h;
        let label: String = name.chars().take(38).collect();
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="end" font-size="11">{} {}</text>"#,
            label_w - 6.0,
            y + 14.0,
            id,
            escape_html(&label)
        ));
        let mut x = label_w;
        for (c, row) in d.cells.iter().enumerate() {
            let w = row[i] as f64 / max * bar_w;
            if w > 0.0 {
                svg.push_str(&format!(
                    r#"<rect x="{x:.1}" y="{}" width="{w:.1}" height="{}" fill="{}"><title>{}: {}</title></rect>"#,
                    y + 3.0,
                    row_h - 6.0,
                    COLOURS[c % COLOURS.len()],
                    escape_html(&d.countries[c].1),
                    row[i]
                ));
            }
            x += w;
        }
        svg.push_str(&format!(
            r#"<text x="{:.1}" y="{}" font-size="11">{}</text>"#,
            x + 4.0,
            y + 14.0,
            totals[i]
        ));
    }
    let legend_y = row_h * d.sections.len() as f64 + 20.0;
    for (c, (code, _)) in d.countries.iter().enumerate() {
        let x = label_w + c as f64 * 70.0;
        svg.push_str(&format!(
            r#"<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="11">{code}</text>"#,
            COLOURS[c % COLOURS.len()],
            x + 16.0,
            legend_y + 10.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[component]
fn Stats(data: StatsData) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let svg = chart(&data);
    let header = data
        .countries
        .iter()
        .map(|(code, name)| {
            let href = format!("/stats?country={code}");
            view! { <th scope="col"><a href=href title=name.clone()>{code.clone()}</a></th> }
        })
        .collect_view();
    let rows = data
        .sections
        .iter()
        .enumerate()
        .map(|(s, (id, name))| {
            let cells = data.cells.iter().map(|row| view! { <td>{number(locale, row[s])}</td> }).collect_view();
            let total: i64 = data.cells.iter().map(|row| row[s]).sum();
            view! { <tr><th scope="row">{*id}" "{name.clone()}</th>{cells}<td>{number(locale, total)}</td></tr> }
        })
        .collect_view();
    let producers =
        data.producers.iter().map(|n| view! { <td>{number(locale, *n)}</td> }).collect_view();
    let column_totals: Vec<i64> = data.cells.iter().map(|row| row.iter().sum()).collect();
    let grand_total: i64 = column_totals.iter().sum();
    let totals =
        column_totals.into_iter().map(|n| view! { <td>{number(locale, n)}</td> }).collect_view();
    let regions = data.country.clone().map(|c| {
        let rows = data
            .by_region
            .iter()
            .map(|(name, p, l)| view! { <tr><td>{name.clone()}</td><td>{number(locale, *p)}</td><td>{number(locale, *l)}</td></tr> })
            .collect_view();
        view! {
            <h2>{t.stats_by_region}": "{c}</h2>
            <table class="listings-table">
                <thead><tr><th>{t.stats_region}</th><th>{t.count_producers}</th><th>{t.count_listings}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let max_week = data.weeks.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let weeks = data
        .weeks
        .iter()
        .map(|(w, n)| {
            let width = format!("width: {}%", n * 100 / max_week);
            view! { <tr><td>{w.clone()}</td><td>{number(locale, *n)}</td><td class="bar-cell"><span class="bar" style=width></span></td></tr> }
        })
        .collect_view();
    view! {
        <h2>{t.stats_by_section}</h2>
        <div class="chart-wrap" inner_html=svg></div>
        <div class="table-scroll">
            <table class="listings-table stats-table">
                <thead><tr><th></th>{header}<th>{t.stats_total}</th></tr></thead>
                <tbody>
                    {rows}
                    <tr class="total"><th scope="row">{t.stats_total}</th>{totals}<td>{number(locale, grand_total)}</td></tr>
                    <tr><th scope="row">{t.count_producers}</th>{producers}<td></td></tr>
                </tbody>
            </table>
        </div>
        {regions}
        <h2>{t.stats_registrations}</h2>
        <table class="listings-table">
            <thead><tr><th>{t.stats_week}</th><th>{t.stats_total}</th><th></th></tr></thead>
            <tbody>{weeks}</tbody>
        </table>
        <h2>{t.stats_throughput}</h2>
        <p>{match data.median_hours {
            Some(h) => fill(t.stats_median, &[("hours", &format!("{h:.1}")), ("n", &data.decisions)]),
            None => t.stats_no_decisions.to_owned(),
        }}</p>
    }
}
