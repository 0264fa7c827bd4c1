//! The producer's side of requests for quotation: `/account/rfq` (the requests its company
//! received, because it has a published product in their HS heading) and `/account/rfq/{id}`
//! (one request and the company's own quote). The quote form posts to `server::routes::rfq`.

use crate::{
    contact::{
        models::rfq::{ProducerRfq, ProducerRfqRow, ProducerRfqs},
        pages::rfq::{RfqFacts, status_label},
    },
    foundations::{
        domain::{rfq::CURRENCIES, units::UNITS},
        error::AppError,
        forms::{CsrfField, DoneNotice, ErrorSummary, FormState, SelectField, TextArea, TextField},
        i18n::use_strings,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(endpoint = "producer_rfqs")]
pub async fn load_producer_rfqs() -> Result<ProducerRfqs, AppError> {
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    let today = state.now().date_naive();
    Ok(crate::contact::services::rfq::for_producer(&state.db, user.id, today).await?)
}

#[server(endpoint = "producer_rfq")]
pub async fn load_producer_rfq(id: i64) -> Result<ProducerRfq, AppError> {
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    let today = state.now().date_naive();
    crate::contact::services::rfq::producer_view(&state.db, user.id, id, today).await
}

fn row_state(t: &'static crate::foundations::i18n::Strings, row: &ProducerRfqRow) -> &'static str {
    match (row.quotable, row.quoted) {
        (true, true) => t.rfq_quoted,
        (true, false) => t.rfq_not_quoted,
        (false, _) => t.rfq_past,
    }
}

#[component]
pub fn ProducerRfqListPage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new_blocking(|| (), |_| load_producer_rfqs());
    view! {
        <Title text=t.rfq_list_title/>
        <section class="account rfq-list">
            <h1>{t.rfq_list_title}</h1>
            <p><a href="/account">"← " {t.nav_account}</a></p>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.producer_name.is_none() => view! {
                            <p>{t.account_no_company}</p>
                            <a class="button primary" href="/account/company">{t.account_create_company}</a>
                        }
                        .into_any(),
                        Ok(list) if list.rows.is_empty() => view! { <p>{t.rfq_list_empty}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="cards">
                                {list
                                    .rows
                                    .into_iter()
                                    .map(|row| {
                                        let state = row_state(t, &row);
                                        let r = row.rfq;
                                        view! {
                                            <li class="card" data-rfq=r.id>
                                                <h2><a href=format!("/account/rfq/{}", r.id)>{r.product}</a></h2>
                                                <p class="meta">
                                                    <code>{r.hs_code}</code> " · " {r.quantity} " · " {r.destination}
                                                    " · " {r.incoterm} " · " {t.field_deadline} ": " {crate::foundations::i18n::day(crate::foundations::i18n::use_locale(), r.deadline)}
                                                </p>
                                                <p class="status">{state}</p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ProducerRfqPage() -> impl IntoView {
    let t = use_strings();
    let data = crate::foundations::pages::by_path_id(load_producer_rfq);
    view! {
        <Title text=t.rfq_list_title/>
        <section class="account rfq-item">
            <p><a href="/account/rfq">"← " {t.rfq_list_title}</a></p>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(item) => view! { <QuoteForm item/> }.into_any(),
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn QuoteForm(item: ProducerRfq) -> impl IntoView {
    let t = use_strings();
    let row = item.row;
    let values = item.quote.clone();
    let state = FormState::for_form("quote", move || values);
    let units: Vec<(String, String)> =
        UNITS.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    let currencies: Vec<(String, String)> =
        CURRENCIES.iter().map(|c| ((*c).to_owned(), (*c).to_owned())).collect();
    let action = format!("/account/rfq/{}/quote", row.rfq.id);
    let button = if row.quoted { t.quote_change_button } else { t.quote_button };
    let form = row.quotable.then(|| {
        view! {
            <h2>{t.quote_title}</h2>
            <p class="hint">{t.quote_private_hint}</p>
            <ErrorSummary state=state.clone()/>
            <form method="post" action=action novalidate>
                <CsrfField/>
                <div class="field-row">
                    <TextField state=state.clone() name="price" label=t.field_price required=true
                        inputmode="decimal"/>
                    <SelectField state=state.clone() name="currency" label=t.field_currency
                        options=currencies empty_label=t.choose/>
                    <SelectField state=state.clone() name="unit" label=t.field_unit
                        options=units empty_label=t.choose/>
                </div>
                <TextField state=state.clone() name="lead_time_days" label=t.field_lead_time required=true
                    inputmode="numeric"/>
                <TextField state=state.clone() name="valid_until" label=t.field_valid_until kind="date"
                    required=true/>
                <TextArea state=state.clone() name="note" label=t.field_quote_note maxlength=2000 rows=4/>
                <button type="submit" class="primary">{button}</button>
            </form>
        }
    });
    let closed = (!row.quotable).then(|| view! { <p class="notice">{t.rfq_past}</p> });
    view! {
        <h1>{row.rfq.product.clone()}</h1>
        <p class="status">{format!("{}: {}", t.rfq_status, status_label(t, row.rfq.status))}</p>
        <RfqFacts rfq=row.rfq.clone()/>
        {closed}
        {form}
    }
}
