//! Accounts: `/register`, `/login`, `/terms`, the producer's dashboard `/account`, and
//! `/account/password`. Forms post to the server's handlers (`server::routes::forms`).

use crate::foundations::domain::EntryStatus;
use crate::foundations::{
    error::AppError,
    forms::{
        Checkbox, CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, PostButton,
        TextField, query_param,
    },
    i18n::{fill, status_label, use_strings},
};
use crate::workspace::models::account::AccountData;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("register", FormValues::default);
    view! {
        <Title text=t.register_title/>
        <section class="form-page">
            <h1>{t.register_title}</h1>
            <p>{t.register_intro}</p>
            <ErrorSummary state=state.clone()/>
            <form method="post" action="/register" novalidate>
                <CsrfField/>
                <TextField state=state.clone() name="email" label=t.field_email kind="email"
                    required=true autocomplete="email" maxlength=254/>
                <TextField state=state.clone() name="password" label=t.field_password
                    kind="password" required=true autocomplete="new-password"
                    hint=t.password_hint.to_owned()/>
                <TextField state=state.clone() name="password_confirm"
                    label=t.field_password_confirm kind="password" required=true
                    autocomplete="new-password"/>
                <Checkbox state=state.clone() name="accept_terms" label=t.field_accept_terms.to_owned()/>
                <p><a href="/terms" target="_blank">{t.terms_link}</a></p>
                <button type="submit" class="primary">{t.register_button}</button>
            </form>
            <p><a href="/login">{t.register_have_account}</a></p>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_strings();
    let next = query_param("next").unwrap_or_default();
    let state = FormState::for_form("login", move || {
        let mut v = FormValues::default();
        v.set("next", next);
        v
    });
    let next_value = state.value("next");
    view! {
        <Title text=t.login_title/>
        <section class="form-page">
            <h1>{t.login_title}</h1>
            <DoneNotice/>
            <ErrorSummary state=state.clone()/>
            <form method="post" action="/login" novalidate>
                <CsrfField/>
                <input type="hidden" name="next" value=next_value/>
                <TextField state=state.clone() name="email" label=t.field_email kind="email"
                    required=true autocomplete="username" maxlength=254/>
                <TextField state=state.clone() name="password" label=t.field_password
                    kind="password" required=true autocomplete="current-password"/>
                <button type="submit" class="primary">{t.login_button}</button>
            </form>
            <p><a href="/forgot-password">{t.forgot_link}</a></p>
            <p><a href="/register">{t.login_no_account}</a></p>
        </section>
    }
}

#[component]
pub fn TermsPage() -> impl IntoView {
    let t = use_strings();
    view! {
        <Title text=t.terms_title/>
        <section class="form-page">
            <h1>{t.terms_title}</h1>
            <p>{t.terms_text}</p>
        </section>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("password", FormValues::default);
    view! {
        <Title text=t.password_title/>
        <section class="form-page">
            <h1>{t.password_title}</h1>
            <ErrorSummary state=state.clone()/>
            <form method="post" action="/account/password" novalidate>
                <CsrfField/>
                <input type="text" name="username" autocomplete="username" hidden=true value=""/>
                <TextField state=state.clone() name="current_password"
                    label=t.field_current_password kind="password" required=true
                    autocomplete="current-password"/>
                <TextField state=state.clone() name="new_password" label=t.field_new_password
                    kind="password" required=true autocomplete="new-password"
                    hint=t.password_hint.to_owned()/>
                <TextField state=state.clone() name="new_password_confirm"
                    label=t.field_new_password_confirm kind="password" required=true
                    autocomplete="new-password"/>
                <button type="submit" class="primary">{t.form_save}</button>
            </form>
        </section>
    }
}

/// `/account/email`: a new address, confirmed by a link mailed to it (posts to
/// `server::routes::recovery::change_email`).
#[component]
pub fn EmailPage() -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("email_change", FormValues::default);
    view! {
        <Title text=t.email_change_title/>
        <section class="form-page">
            <h1>{t.email_change_title}</h1>
            <p>{t.email_change_intro}</p>
            <ErrorSummary state=state.clone()/>
            <form method="post" action="/account/email" novalidate>
                <CsrfField/>
                <TextField state=state.clone() name="new_email" label=t.field_new_email kind="email"
                    required=true autocomplete="email" maxlength=254/>
                <TextField state=state.clone() name="current_password"
                    label=t.field_current_password kind="password" required=true
                    autocomplete="current-password"/>
                <button type="submit" class="primary">{t.email_change_button}</button>
            </form>
            <p><a href="/account">{t.nav_account}</a></p>
        </section>
    }
}

#[server(endpoint = "account_overview")]
pub async fn load_account() -> Result<AccountData, AppError> {
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    crate::workspace::services::dashboard::overview(&state.db, &user).await
}

/// How an entry's state reads to its producer: a draft that came back with a reason is "Changes
/// requested", not a draft.
pub fn state_label(
    t: &'static crate::foundations::i18n::Strings,
    status: EntryStatus,
    has_reason: bool,
) -> &'static str {
    if status == EntryStatus::Draft && has_reason {
        t.status_changes_requested
    } else {
        status_label(t, status)
    }
}

/// The moderator's reason, as it stays beside the entry until it is submitted again.
pub fn reason_text(
    t: &'static crate::foundations::i18n::Strings,
    status: EntryStatus,
    reason: &str,
) -> String {
    let template = if status == EntryStatus::Rejected {
        t.account_rejected_reason
    } else {
        t.account_changes_reason
    };
    fill(template, &[("reason", &reason)])
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new_blocking(|| (), |_| load_account());
    view! {
        <Title text=t.account_title/>
        <section class="account">
            <h1>{t.account_title}</h1>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Dashboard data=d/> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StatusBadge(status: EntryStatus, #[prop(optional)] has_reason: bool) -> impl IntoView {
    let t = use_strings();
    let changes = status == EntryStatus::Draft && has_reason;
    let class = if changes {
        "status status-changes".to_owned()
    } else {
        format!("status status-{status}")
    };
    view! { <span class=class>{state_label(t, status, has_reason)}</span> }
}

#[component]
fn Dashboard(data: AccountData) -> impl IntoView {
    let t = use_strings();
    let new_inquiries = data.new_inquiries;
    let company = match data.company {
        None => view! {
            <div class="card">
                <p>{t.account_no_company}</p>
                <a class="button primary" href="/account/company">{t.account_create_company}</a>
            </div>
        }
        .into_any(),
        Some(c) => {
            let can_submit = c.status.company_can_submit();
            let public =
                (c.status == EntryStatus::Published).then(|| format!("/producers/{}", c.id));
            view! {
                <div class="card company-card">
                    <h2>{c.name.clone()}</h2>
                    <p>{t.account_status}": " <StatusBadge status=c.status has_reason=c.reason.is_some()/></p>
                    {c.reason.clone().map(|r| view! {
                        <p class="field-error">{reason_text(t, c.status, &r)}</p>
                    })}
                    {c.revision_pending.then(|| view! { <p class="pending">{t.account_pending_revision}</p> })}
                    <p class="actions">
                        <a class="button" href="/account/company">{t.account_edit_company}</a>
                        {public.map(|href| view! { <a href=href>{t.account_view_public}</a> })}
                        <a href="/account/inquiries" data-testid="inbox-link">
                            {t.inbox_title}
                            {(new_inquiries > 0).then(|| view! { " " <span class="badge">{new_inquiries}</span> })}
                        </a>
                        <a href="/account/rfq">{t.rfq_list_title}</a>
                    </p>
                    {can_submit.then(|| view! {
                        <p class="hint">{t.company_submit_note}</p>
                        <PostButton action="/account/company/submit".into() label=t.account_submit class="primary"/>
                    })}
                </div>
            }
            .into_any()
        }
    };
    let empty = data.listings.is_empty();
    let rows = data
        .listings
        .into_iter()
        .map(|l| {
            let id = l.id;
            let can_submit = l.status.listing_can_submit();
            let can_withdraw = l.status.listing_can_withdraw();
            let public = (l.status == EntryStatus::Published).then(|| format!("/listings/{id}"));
            view! {
                <tr>
                    <td data-label=t.field_product_name>{l.name.clone()}</td>
                    <td data-label=t.hs_code>{l.hs_code.clone()}</td>
                    <td data-label=t.account_status>
                        <StatusBadge status=l.status has_reason=l.reason.is_some()/>
                        {l.reason.clone().map(|r| view! {
                            <br/><span class="field-error">{reason_text(t, l.status, &r)}</span>
                        })}
                        {l.revision_pending.then(|| view! { <br/><span class="pending">{t.account_pending_revision}</span> })}
                    </td>
                    <td class="actions">
                        <a href=format!("/account/listings/{id}/edit")>{t.account_edit}</a>
                        {public.map(|href| view! { " " <a href=href>{t.account_view_public}</a> })}
                        {can_submit.then(|| view! {
                            <PostButton action=format!("/account/listings/{id}/submit") label=t.account_submit/>
                        })}
                        {can_withdraw.then(|| view! {
                            <PostButton action=format!("/account/listings/{id}/withdraw") label=t.account_withdraw/>
                        })}
                        " " <a href=format!("/account/listings/{id}/delete") class="danger">{t.account_delete}</a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let unconfirmed = (!data.email_confirmed).then(|| {
        view! {
            <div class="notice confirm-email" role="status">
                <p>{fill(t.confirm_banner, &[("email", &data.email)])}</p>
                <PostButton action="/account/email/resend".into() label=t.confirm_resend_button/>
            </div>
        }
    });
    view! {
        <p>
            {fill(t.account_signed_in_as, &[("email", &data.email)])} " "
            <a href="/account/email">{t.email_change_title}</a>
        </p>
        {unconfirmed}
        {company}
        <h2>{t.account_listings}</h2>
        <p class="actions">
            <a class="button primary" href="/account/listings/new">{t.account_new_listing}</a>
            <a class="button" href="/account/import">{t.account_import}</a>
        </p>
        <table class="listings-table stack-on-phone">
            <thead>
                <tr>
                    <th>{t.field_product_name}</th>
                    <th>{t.hs_code}</th>
                    <th>{t.account_status}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {empty.then(|| view! { <p>{t.account_no_listings}</p> })}
        <p class="actions">
            <a href="/account/password">{t.account_change_password}</a>
            <PostButton action="/logout".into() label=t.nav_logout/>
        </p>
    }
}
