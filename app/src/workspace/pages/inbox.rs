//! `/account/inquiries`: what buyers wrote to the producer's company, by state (new, answered,
//! archived), with a reply form under each. Forms post to `server::routes::inquiries`.

use crate::{
    contact::models::inquiry::{Inbox, InquiryRow},
    foundations::{
        domain::{InquiryStatus, inquiry::reply_field},
        error::AppError,
        forms::{
            CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, PostButton, TextArea,
            query_param,
        },
        i18n::{Strings, use_strings},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(endpoint = "inbox")]
pub async fn load_inbox(show: Option<String>) -> Result<Inbox, AppError> {
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    let showing = match show.filter(|s| !s.is_empty()) {
        None => InquiryStatus::New,
        Some(s) => InquiryStatus::parse_delivered(&s)
            .ok_or_else(|| AppError::BadRequest(format!("unknown inbox state {s}")))?,
    };
    Ok(crate::contact::services::inquiries::inbox(&state.db, user.id, showing).await?)
}

fn state_label(t: &'static Strings, status: InquiryStatus) -> &'static str {
    match status {
        InquiryStatus::New | InquiryStatus::Unconfirmed | InquiryStatus::Reported => t.inbox_new,
        InquiryStatus::Answered => t.inbox_answered,
        InquiryStatus::Archived => t.inbox_archived,
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_strings();
    let show = query_param("show");
    let data = Resource::new_blocking(move || show.clone(), load_inbox);
    view! {
        <Title text=t.inbox_title/>
        <section class="account inbox">
            <h1>{t.inbox_title}</h1>
            <p><a href="/account">"← " {t.nav_account}</a></p>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(inbox) => view! { <InboxView inbox/> }.into_any(),
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InboxView(inbox: Inbox) -> impl IntoView {
    let t = use_strings();
    if inbox.producer_name.is_none() {
        return view! {
            <p>{t.account_no_company}</p>
            <a class="button primary" href="/account/company">{t.account_create_company}</a>
        }
        .into_any();
    }
    let showing = inbox.showing;
    let tabs = inbox
        .counts
        .iter()
        .map(|(status, n)| {
            let current = (*status == showing).then_some("page");
            view! {
                <a href=format!("/account/inquiries?show={}", status.as_str()) aria-current=current>
                    {format!("{} ({n})", state_label(t, *status))}
                </a>
            }
        })
        .collect_view();
    let empty = inbox.rows.is_empty();
    view! {
        <nav class="tabs" aria-label=t.inbox_title>{tabs}</nav>
        {empty.then(|| view! { <p>{t.inbox_empty}</p> })}
        {inbox.rows.into_iter().map(|row| view! { <Inquiry row/> }).collect_view()}
    }
    .into_any()
}

#[component]
fn Inquiry(row: InquiryRow) -> impl IntoView {
    let t = use_strings();
    let id = row.id;
    let form = reply_field(id);
    let state = FormState::for_form(&form, FormValues::default);
    let from = [Some(row.buyer_name.clone()), row.buyer_company.clone(), row.buyer_country.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let facts = [
        (t.field_product_wanted, row.product.clone()),
        (t.field_quantity, row.quantity.clone()),
        (t.field_destination, row.destination.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| view! { <dt>{label}</dt><dd>{v}</dd> }))
    .collect_view();
    view! {
        <article class="card inquiry" id=format!("inquiry-{id}") data-inquiry=id>
            <h2>{from}</h2>
            <p class="meta">
                {crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), row.received_at)} " · "
                <a href=format!("mailto:{}", row.buyer_email)>{row.buyer_email.clone()}</a>
                {row.listing.clone().map(|(lid, name)| view! {
                    " · " <a href=format!("/listings/{lid}")>{name}</a>
                })}
            </p>
            <dl class="facts">{facts}</dl>
            <p class="message">{row.message.clone()}</p>
            {row.reply.clone().map(|r| view! {
                <div class="reply">
                    <h3>{t.inbox_your_reply} " · " {row.replied_at.map(|at| crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), at)).unwrap_or_default()}</h3>
                    <p class="message">{r}</p>
                </div>
            })}
            <ErrorSummary state=state.clone()/>
            <form method="post" action=format!("/account/inquiries/{id}/reply") novalidate>
                <CsrfField/>
                <input type="hidden" name="show" value=row.status.as_str()/>
                <TextArea state=state.clone() name=reply_field(id) label=t.inbox_reply_label maxlength=5000 rows=5
                    hint=t.inbox_reply_hint.to_owned()/>
                <button type="submit" class="primary">{t.inbox_reply_button}</button>
            </form>
            <p class="actions">
                {(row.status != InquiryStatus::Archived).then(|| view! {
                    <PostButton action=format!("/account/inquiries/{id}/archive") label=t.inbox_archive_button/>
                })}
                <PostButton action=format!("/account/inquiries/{id}/report") label=t.inbox_report_button/>
            </p>
        </article>
    }
}
