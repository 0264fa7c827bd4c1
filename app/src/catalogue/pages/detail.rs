//! `/producers/{id}` and `/listings/{id}`: everything public about one entry, with the tags
//! search engines and link previews read (title, description, Open Graph, schema.org JSON-LD).

use crate::foundations::pages::{optional_by_path_id, path_id};
use crate::{
    catalogue::{
        models::detail::{CertView, ListingDetail, ProducerDetail},
        query::results::ListingBrief,
    },
    foundations::{
        error::AppError,
        forms::DoneNotice,
        i18n::{Strings, use_strings},
    },
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The producer, and where it is by name in the page's language.
#[server(endpoint = "producer_detail")]
pub async fn load_producer(
    id: i64,
    locale: crate::foundations::i18n::Locale,
) -> Result<Option<(ProducerDetail, String)>, AppError> {
    let state = crate::state::app_state()?;
    let Some(p) = crate::catalogue::services::detail::producer_detail(&state.db, id).await? else {
        return Ok(None);
    };
    let place = state.names().await?.place(&p.region, &p.country, locale);
    Ok(Some((p, place)))
}

/// Where a producer merged into another one lives now.
#[server(endpoint = "producer_merged_into")]
pub async fn merged_into(id: i64) -> Result<Option<i64>, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::catalogue::services::detail::merged_into(&state.db, id).await?)
}

#[server(endpoint = "listing_detail")]
pub async fn load_listing(
    id: i64,
    locale: crate::foundations::i18n::Locale,
) -> Result<Option<ListingDetail>, AppError> {
    let state = crate::state::app_state()?;
    let mut detail = crate::catalogue::services::detail::listing_detail(&state.db, id).await?;
    if let Some(d) = detail.as_mut()
        && let Some(name) = state.names().await?.heading(&d.hs_code, locale)
    {
        d.hs_description = name.to_owned();
    }
    Ok(detail)
}

fn moved_permanently(to: &str) {
    #[cfg(feature = "ssr")]
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(location) = http::HeaderValue::from_str(to)
    {
        r.set_status(http::StatusCode::MOVED_PERMANENTLY);
        r.insert_header(http::header::LOCATION, location);
    }
    let _ = to;
}

/// JSON for a `<script>` element: `</` must not end the element early.
fn json_ld(value: serde_json::Value) -> String {
    value.to_string().replace("</", "<\\/")
}

fn excerpt(text: &str) -> String {
    let cut: String = text.chars().take(155).collect();
    if cut.len() < text.len() { format!("{cut}…") } else { cut }
}

#[component]
pub fn ProducerPage() -> impl IntoView {
    let id = path_id();
    let locale = crate::foundations::i18n::use_locale();
    let data = optional_by_path_id(move |id| load_producer(id, locale));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some((p, place))) => view! { <Producer p=p place=place/> }.into_any(),
                    Ok(None) => {
                        // A merged duplicate: permanently moved to the producer it was merged into.
                        if let Some(id) = id
                            && let Ok(Some(target)) = merged_into(id).await
                        {
                            let to = format!("/producers/{target}");
                            moved_permanently(&to);
                            let text = to.clone();
                            return view! { <p><a href=to>{text}</a></p> }.into_any();
                        }
                        view! { <crate::foundations::pages::not_found::NotFound/> }.into_any()
                    }
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ListingPage() -> impl IntoView {
    let locale = crate::foundations::i18n::use_locale();
    let data = optional_by_path_id(move |id| load_listing(id, locale));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(l)) => view! { <Listing l=l/> }.into_any(),
                    Ok(None) => view! { <crate::foundations::pages::not_found::NotFound/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A certificate in one line, with only the parts that were given: "Halal — ДУМК, № H-2291".
pub fn cert_line(c: &CertView) -> String {
    let (issuer, number) = (c.issuer.trim(), c.number.trim());
    let mut details = Vec::new();
    if !issuer.is_empty() {
        details.push(issuer.to_owned());
    }
    if !number.is_empty() {
        details.push(format!("№ {number}"));
    }
    if details.is_empty() { String::new() } else { format!(" — {}", details.join(", ")) }
}

/// "← Back to results" when the page was opened from a search (`?from=/search?…`).
fn back_to_results(t: &'static Strings) -> impl IntoView {
    crate::foundations::forms::query_param("from")
        .and_then(|f| crate::catalogue::query::results_link(&f))
        .map(|href| {
            view! { <p class="back-link"><a href=href rel="nofollow">{t.back_to_results}</a></p> }
        })
}

fn cert_list(t: &'static Strings, certs: Vec<CertView>) -> impl IntoView {
    (!certs.is_empty()).then(|| view! {
        <section class="certs">
            <h2>{t.detail_certifications}</h2>
            <ul>
                {certs.into_iter().map(|c| view! {
                    <li>
                        <strong>{c.kind.clone()}</strong> {cert_line(&c)}
                        {c.valid_until.map(|d| view! { " (" {t.detail_valid_until} " " {crate::foundations::i18n::day(crate::foundations::i18n::use_locale(), d)} ")" })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

fn listing_links(title: &'static str, items: Vec<ListingBrief>) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <section class="listing-links">
            <h2>{title}</h2>
            <ul>
                {items.into_iter().map(|l| view! {
                    <li><a href=format!("/listings/{}", l.id)>{l.name}</a> " · HS " {l.hs_code}</li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// The producer's public contacts, and the way to write to it through the registry (about
/// `listing` when the buyer is on a product's page).
fn contact(t: &'static Strings, p: &ProducerDetail, listing: Option<i64>) -> impl IntoView + use<> {
    let any = p.phone.is_some() || p.email.is_some() || p.website.is_some() || p.can_message;
    let write = match listing {
        Some(l) => format!("/producers/{}/contact?listing={l}", p.id),
        None => format!("/producers/{}/contact", p.id),
    };
    view! {
        <section class="contact" data-testid="contact">
            <h2>{t.detail_contact}</h2>
            {p.can_message.then(|| view! {
                <p><a class="button primary" href=write data-testid="write-to-producer">{t.contact_link}</a></p>
            })}
            <p>{t.detail_address} ": " {p.address.clone()} ", " {p.city.clone()}</p>
            {p.website.clone().map(|w| view! { <p>{t.detail_website} ": " <a href=w.clone() rel="nofollow noopener">{w.clone()}</a></p> })}
            {p.phone.clone().map(|ph| view! { <p>{t.detail_phone} ": " <a href=format!("tel:{ph}")>{ph.clone()}</a></p> })}
            {p.email.clone().map(|e| view! { <p>{t.detail_email} ": " <a href=format!("mailto:{e}")>{e.clone()}</a></p> })}
            {(!any).then(|| view! { <p>{t.detail_no_contact}</p> })}
            {listing.is_none().then(|| {
                let text = if p.claimed { t.claim_dispute_link } else { t.claim_link };
                view! { <p class="claim-link"><a href=format!("/account/claim/{}", p.id)>{text}</a></p> }
            })}
        </section>
    }
}

#[component]
fn Producer(p: ProducerDetail, place: String) -> impl IntoView {
    let t = use_strings();
    let description = excerpt(&p.description);
    let ld = json_ld(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": p.name,
        "alternateName": p.name_latin,
        "taxID": p.tax_id,
        "address": { "@type": "PostalAddress", "addressLocality": p.city, "addressRegion": p.region,
                     "addressCountry": p.country, "streetAddress": p.address },
        "url": p.website,
        "foundingDate": p.year_founded.map(|y| y.to_string()),
    }));
    view! {
        <Title text=format!("{} — {}", p.name, t.site_name)/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="profile"/>
        <Meta property="og:title" content=p.name.clone()/>
        <Meta property="og:description" content=description/>
        <script type="application/ld+json" nonce=use_nonce() inner_html=ld></script>
        {back_to_results(t)}
        <DoneNotice/>
        <article class="detail producer" data-producer=p.id>
            <h1>{p.name.clone()} " " {p.verified.then(|| view! { <span class="badge verified">"✓ " {t.verified_badge}</span> })}</h1>
            <p class="latin">{p.name_latin.clone()}</p>
            <p class="meta">{format!("{}, {place}", p.city)}</p>
            <p>{p.description.clone()}</p>
            <dl class="facts">
                <dt>{t.detail_tax_id}</dt><dd>{format!("{}:{}", p.country, p.tax_id)}</dd>
                {p.year_founded.map(|y| view! { <dt>{t.detail_founded}</dt><dd>{y}</dd> })}
                {p.workforce.clone().map(|w| view! { <dt>{t.detail_workforce}</dt><dd>{w}</dd> })}
            </dl>
            {contact(t, &p, None)}
            {cert_list(t, p.certifications.clone())}
            {listing_links(t.detail_products, p.listings.clone())}
        </article>
    }
}

#[component]
fn Listing(l: ListingDetail) -> impl IntoView {
    let t = use_strings();
    let description = excerpt(&format!("{}. {}", l.name, l.description));
    let ld = json_ld(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": l.name,
        "description": l.description,
        "category": format!("HS {} {}", l.hs_code, l.hs_description),
        "manufacturer": { "@type": "Organization", "name": l.producer.name },
    }));
    view! {
        <Title text=format!("{} — {}", l.name, t.site_name)/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=l.name.clone()/>
        <Meta property="og:description" content=description/>
        <script type="application/ld+json" nonce=use_nonce() inner_html=ld></script>
        {back_to_results(t)}
        <article class="detail listing" data-listing=l.id>
            <h1>{l.name.clone()}</h1>
            <p class="meta">{t.hs_code} " " {l.hs_code.clone()} " · " {l.hs_description.clone()}</p>
            <p>
                {t.listing_by} " " <a href=format!("/producers/{}", l.producer.id)>{l.producer.name.clone()}</a>
                " " {l.producer.verified.then(|| view! { <span class="badge verified">"✓ " {t.verified_badge}</span> })}
            </p>
            <p>{l.description.clone()}</p>
            <dl class="facts">
                {l.national_code.clone().map(|c| view! { <dt>{t.detail_national_code}</dt><dd>{c}</dd> })}
                {l.capacity.clone().map(|c| view! { <dt>{t.detail_capacity}</dt><dd>{c}</dd> })}
                {l.min_order.clone().map(|c| view! { <dt>{t.detail_min_order}</dt><dd>{c}</dd> })}
                {l.lead_time_days.map(|d| view! { <dt>{t.detail_lead_time}</dt><dd>{d} " " {t.detail_days}</dd> })}
                {(!l.export_markets.is_empty()).then(|| view! { <dt>{t.detail_export_markets}</dt><dd>{l.export_markets.join(", ")}</dd> })}
            </dl>
            {cert_list(t, l.certifications.clone())}
            {contact(t, &l.producer, Some(l.id))}
            <p class="rfq-link">
                <a href=format!("/rfq/new?hs={}", &l.hs_code[..4.min(l.hs_code.len())])>{t.rfq_from_listing}</a>
            </p>
            {listing_links(t.detail_other_products, l.other_listings.clone())}
        </article>
    }
}
