//! The buyer's side of requests for quotation: `/rfq/new` (one request to every producer of an
//! HS heading, no account needed) and `/rfq/view?key=…` (the private page where quotes arrive
//! side by side). Forms post to `server::routes::rfq`.

use crate::{
    contact::models::rfq::{BuyerRfq, QuoteSort, RfqSummary},
    foundations::{
        components::hs_input::{HsField, hs_pick_step},
        domain::{CountryCode, RfqStatus, inquiry::HONEYPOT, rfq::INCOTERMS, units::UNITS},
        error::AppError,
        forms::{
            Checkbox, CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, SelectField,
            TextArea, TextField, query_param,
        },
        i18n::{Locale, Strings, fill, use_locale, use_strings},
    },
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use serde::{Deserialize, Serialize};

/// What the request form offers: the five countries by name, and the codes the HS field's
/// words matched after a refused post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RfqFormData {
    pub countries: Vec<(String, String)>,
    pub hs_candidates: Vec<(String, String)>,
}

#[server(endpoint = "rfq_form")]
pub async fn load_rfq_form(locale: Locale) -> Result<RfqFormData, AppError> {
    let state = crate::state::app_state()?;
    let names = state.names().await?;
    let countries = CountryCode::ALL
        .into_iter()
        .map(|c| {
            let name = names.countries.get(c.as_str()).map_or(c.name(), |n| n.get(locale));
            (c.as_str().to_owned(), name.to_owned())
        })
        .collect();
    let rejected = crate::foundations::forms::rejected("rfq");
    let hs_candidates =
        crate::foundations::services::hs_lookup::hs_candidates(&state.db, names, locale, rejected)
            .await?;
    Ok(RfqFormData { countries, hs_candidates })
}

#[server(endpoint = "rfq_buyer_view")]
pub async fn load_buyer_rfq(key: String, sort: Option<String>) -> Result<BuyerRfq, AppError> {
    let state = crate::state::app_state()?;
    let sort = match sort.filter(|s| !s.is_empty()) {
        None => QuoteSort::default(),
        Some(s) => QuoteSort::parse(&s)
            .ok_or_else(|| AppError::BadRequest(format!("unknown order {s}")))?,
    };
    crate::contact::services::rfq::buyer_view(&state.db, &key, sort).await
}

pub fn status_label(t: &'static Strings, status: RfqStatus) -> &'static str {
    match status {
        RfqStatus::Unconfirmed => t.rfq_status_unconfirmed,
        RfqStatus::Review => t.rfq_status_review,
        RfqStatus::Open => t.rfq_status_open,
        RfqStatus::Closed => t.rfq_status_closed,
        RfqStatus::Rejected => t.rfq_status_rejected,
    }
}

#[component]
pub fn RfqNewPage() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let data = Resource::new_blocking(move || locale, load_rfq_form);
    view! {
        <Title text=t.rfq_new_title/>
        <section class="form-page wide rfq-form">
            <h1>{t.rfq_new_title}</h1>
            <DoneNotice/>
            <p>{t.rfq_new_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <RfqForm data/> }.into_any(),
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RfqForm(data: RfqFormData) -> impl IntoView {
    let t = use_strings();
    // `?hs=1101&product=…` from a search or a product page fills the first fields.
    let mut state = FormState::for_form("rfq", || {
        let mut v = FormValues::default();
        for (param, field) in [("hs", "hs_code"), ("product", "product")] {
            if let Some(value) = query_param(param) {
                v.set(field, value);
            }
        }
        v.set("incoterm", "DAP");
        v
    });
    let hs_pick = hs_pick_step(&mut state, data.hs_candidates);
    let units: Vec<(String, String)> =
        UNITS.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    let incoterms: Vec<(String, String)> =
        INCOTERMS.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    let countries = data
        .countries
        .into_iter()
        .filter_map(|(code, label)| {
            // Checkbox values are static: the five codes, by way of the domain's list.
            let value = CountryCode::parse(&code).ok()?.as_str();
            Some(view! { <Checkbox state=state.clone() name="country" value label/> })
        })
        .collect_view();
    view! {
        <ErrorSummary state=state.clone()/>
        <p class="hint">{t.form_required_note}</p>
        <form method="post" action="/rfq/new" novalidate>
            <CsrfField/>
            // Hidden from people (style `.hp`), left for bots to fill in.
            <div class="hp" aria-hidden="true">
                <label for="f-hp">"Website"</label>
                <input id="f-hp" type="text" name=HONEYPOT tabindex="-1" autocomplete="off" value=""/>
            </div>
            <HsField state=state.clone()/>
            {hs_pick}
            <TextField state=state.clone() name="product" label=t.field_product_wanted maxlength=300/>
            <div class="field-row">
                <TextField state=state.clone() name="quantity" label=t.field_quantity required=true
                    inputmode="decimal"/>
                <SelectField state=state.clone() name="unit" label=t.field_unit
                    options=units empty_label=t.choose/>
            </div>
            <TextField state=state.clone() name="destination" label=t.field_destination required=true
                maxlength=100 autocomplete="country-name"/>
            <SelectField state=state.clone() name="incoterm" label=t.field_incoterm options=incoterms/>
            <TextField state=state.clone() name="deadline" label=t.field_deadline kind="date" required=true/>
            <TextArea state=state.clone() name="details" label=t.field_details maxlength=5000 rows=6/>
            <fieldset class="checks">
                <legend>{t.rfq_countries}</legend>
                <p class="hint">{t.rfq_countries_hint}</p>
                {countries}
            </fieldset>
            <Checkbox state=state.clone() name="verified_only" label=t.rfq_verified_only.to_owned()/>
            <TextField state=state.clone() name="name" label=t.field_your_name required=true
                autocomplete="name" maxlength=200/>
            <TextField state=state.clone() name="company" label=t.field_your_company
                autocomplete="organization" maxlength=300/>
            <TextField state=state.clone() name="email" label=t.field_email kind="email" required=true
                autocomplete="email" maxlength=254 hint=t.rfq_email_hint.to_owned()/>
            <button type="submit" class="primary">{t.rfq_button}</button>
        </form>
    }
}

/// The request's facts, as every reader sees them.
#[component]
pub fn RfqFacts(rfq: RfqSummary) -> impl IntoView {
    let t = use_strings();
    let countries = if rfq.countries.is_empty() {
        t.rfq_all_countries.to_owned()
    } else {
        rfq.countries.join(", ")
    };
    let buyer = match &rfq.buyer_company {
        Some(c) => format!("{}, {c}", rfq.buyer_name),
        None => rfq.buyer_name.clone(),
    };
    view! {
        <dl class="facts rfq-facts">
            <dt>{t.field_hs_code}</dt>
            <dd><code>{rfq.hs_code.clone()}</code> " " {rfq.hs_description.clone()}</dd>
            <dt>{t.field_product_wanted}</dt><dd>{rfq.product.clone()}</dd>
            <dt>{t.field_quantity}</dt><dd>{rfq.quantity.clone()}</dd>
            <dt>{t.field_destination}</dt><dd>{rfq.destination.clone()}</dd>
            <dt>{t.field_incoterm}</dt><dd>{rfq.incoterm.clone()}</dd>
            <dt>{t.field_deadline}</dt><dd>{crate::foundations::i18n::day(crate::foundations::i18n::use_locale(), rfq.deadline)}</dd>
            <dt>{t.rfq_countries}</dt>
            <dd>{countries} {rfq.verified_only.then_some(format!(" · {}", t.rfq_verified_only))}</dd>
            <dt>{t.rfq_buyer}</dt><dd>{buyer}</dd>
        </dl>
        {(!rfq.details.is_empty()).then(|| view! { <p class="message">{rfq.details.clone()}</p> })}
    }
}

#[component]
pub fn RfqViewPage() -> impl IntoView {
    let t = use_strings();
    let key = query_param("key").unwrap_or_default();
    let sort = query_param("sort");
    let data =
        Resource::new_blocking(move || (key.clone(), sort.clone()), |(k, s)| load_buyer_rfq(k, s));
    view! {
        <Title text=t.rfq_view_title/>
        <Meta name="robots" content="noindex"/>
        <section class="rfq-view">
            <h1>{t.rfq_view_title}</h1>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <BuyerView view/> }.into_any(),
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BuyerView(view: BuyerRfq) -> impl IntoView {
    let t = use_strings();
    let key = query_param("key").unwrap_or_default();
    let rfq = view.rfq.clone();
    let status = format!("{}: {}", t.rfq_status, status_label(t, rfq.status));
    let reason = rfq.status_reason.clone().map(|r| view! { <p class="notice changes">{r}</p> });
    let sent = (rfq.status != RfqStatus::Unconfirmed && rfq.status != RfqStatus::Review)
        .then(|| fill(t.rfq_sent_to, &[("n", &rfq.recipients)]));
    let sorts = QuoteSort::ALL
        .into_iter()
        .map(|s| {
            let label = match s {
                QuoteSort::Price => t.rfq_sort_price,
                QuoteSort::LeadTime => t.rfq_sort_lead_time,
                QuoteSort::ValidUntil => t.rfq_sort_valid_until,
                QuoteSort::Newest => t.rfq_sort_newest,
            };
            let current = (s == view.sort).then_some("page");
            let href = format!("/rfq/view?key={key}&sort={}", s.as_str());
            view! { <a href=href aria-current=current>{label}</a> " " }
        })
        .collect_view();
    let quotes = if view.quotes.is_empty() {
        view! { <p>{t.rfq_no_quotes}</p> }.into_any()
    } else {
        let rows = view
            .quotes
            .into_iter()
            .map(|q| {
                let verified = q.verified.then_some(format!(" ✓ {}", t.verified_badge));
                view! {
                    <tr data-producer=q.producer_id>
                        <td>
                            <a href=format!("/producers/{}", q.producer_id)>{q.producer_name}</a>
                            " (" {q.country_code} ")" {verified}
                        </td>
                        <td class="num">{format!("{} {} / {}", q.price, q.currency, q.unit)}</td>
                        <td class="num">{q.lead_time_days}</td>
                        <td>{crate::foundations::i18n::day(crate::foundations::i18n::use_locale(), q.valid_until)}</td>
                        <td>{q.note.unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="sort">{t.rfq_sort} ": " {sorts}</p>
            <div class="table-scroll">
                <table class="quotes">
                    <thead>
                        <tr>
                            <th scope="col">{t.quote_producer}</th>
                            <th scope="col">{t.field_price}</th>
                            <th scope="col">{t.field_lead_time}</th>
                            <th scope="col">{t.field_valid_until}</th>
                            <th scope="col">{t.field_quote_note}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let close = (rfq.status == RfqStatus::Open).then(|| {
        view! {
            <form method="post" action="/rfq/close" class="inline-form">
                <CsrfField/>
                <input type="hidden" name="key" value=key.clone()/>
                <button type="submit">{t.rfq_close}</button>
            </form>
        }
    });
    view! {
        <p class="notice" role="note">{t.rfq_private_note}</p>
        <p class="status">{status}</p>
        {reason}
        {sent.map(|s| view! { <p>{s}</p> })}
        <RfqFacts rfq=rfq.clone()/>
        <h2>{t.rfq_quotes}</h2>
        {quotes}
        {close}
    }
}
