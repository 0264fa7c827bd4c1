//! `/admin/queue/{kind}/{id}` and `/admin/producers/{id}`: one queued item to decide on, and the
//! trust tools on one producer (verify, suspend, merge). Assembled by
//! `services::review_item`; forms post to `server::routes::admin`.

use crate::foundations::domain::EntryStatus;
use crate::foundations::{
    error::AppError,
    forms::{CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, TextArea},
    i18n::{fill, status_label, use_strings},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::admin::{AdminNav, ReasonFields, kind_label};
use crate::administration::models::review::{ItemData, ProducerAdminData};
use crate::foundations::pages::error_view;

#[server(endpoint = "admin_item")]
pub async fn load_item(kind: String, id: i64) -> Result<ItemData, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    let t = crate::foundations::i18n::resolve_request_locale().strings();
    crate::administration::services::review_item::item(&state.db, t, &kind, id).await
}

#[component]
pub fn ItemPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let (kind, id) = params.with_untracked(|p| {
        (p.get("kind").unwrap_or_default(), p.get("id").and_then(|i| i.parse::<i64>().ok()))
    });
    let data = Resource::new_blocking(
        move || (kind.clone(), id),
        |(kind, id)| async move {
            match id {
                Some(id) => load_item(kind, id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.admin_queue/>
        <section class="admin">
            <AdminNav/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Item data=d/> }.into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Item(data: ItemData) -> impl IntoView {
    let t = use_strings();
    let is_revision = data.kind == "revision";
    let state = FormState::for_form("decide", FormValues::default);
    let rows = data
        .fields
        .iter()
        .map(|f| {
            let changed = f.proposed.as_ref().is_some_and(|p| *p != f.current);
            view! {
                <tr class:changed=changed>
                    <th scope="row">{f.name.clone()}</th>
                    <td>{f.current.clone()}</td>
                    {is_revision.then(|| view! { <td>{f.proposed.clone().unwrap_or_default()}</td> })}
                </tr>
            }
        })
        .collect_view();
    let history = if data.history.is_empty() {
        view! { <p>{t.admin_no_history}</p> }.into_any()
    } else {
        view! {
            <ul class="history">
                {data.history.iter().map(|h| view! {
                    <li>{crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), h.at)}" · "{h.actor.clone().unwrap_or_default()}" · "<code>{h.action.clone()}</code>
                        {h.detail.clone().map(|d| view! { " " <span class="hint">{d}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let duplicates = if let Some(similar) = &data.similar_products {
        if similar.is_empty() {
            view! { <p>{t.admin_no_similar_products}</p> }.into_any()
        } else {
            view! {
                <ul class="duplicates">
                    {similar.iter().map(|s| {
                        let href = format!("/admin/queue/listing/{}", s.id);
                        view! { <li><a href=href>{s.name.clone()}</a>" (#"{s.id}", "{status_label(t, s.status)}") — "{s.why.clone()}</li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    } else if data.duplicates.is_empty() {
        view! { <p>{t.admin_no_duplicates}</p> }.into_any()
    } else {
        view! {
            <ul class="duplicates">
                {data.duplicates.iter().map(|d| {
                    let href = format!("/admin/producers/{}", d.producer_id);
                    let why = if d.reason == "tax_id" { t.admin_dup_tax_id } else { t.admin_dup_name };
                    view! { <li><a href=href>{d.name.clone()}</a>" (#"{d.producer_id}", "{status_label(t, d.status)}") — "{why}</li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let action = format!("/admin/queue/{}/{}", data.kind, data.id);
    let producer_href = format!("/admin/producers/{}", data.producer_id);
    view! {
        <h1>{kind_label(t, &data.kind)}": "{data.title.clone()}</h1>
        <p>{t.admin_producer}": " <a href=producer_href>{data.producer_name.clone()}</a>" · "{t.account_status}": "{data.status.clone()}</p>
        <ErrorSummary state=state.clone()/>
        <table class="listings-table diff">
            <thead>
                <tr>
                    <th>{t.admin_field}</th>
                    <th>{if is_revision { t.admin_current } else { t.admin_entry }}</th>
                    {is_revision.then(|| view! { <th>{t.admin_proposed}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <h2>{t.admin_duplicates}</h2>
        {duplicates}
        <h2>{t.admin_history}</h2>
        {history}
        <h2>{t.admin_decision}</h2>
        <form method="post" action=action class="decision">
            <CsrfField/>
            <input type="hidden" name="revision" value=data.version.to_string()/>
            <ReasonFields state=state/>
            <p class="actions">
                <button type="submit" name="decision" value="approve" class="primary">{t.admin_approve}</button>
                <button type="submit" name="decision" value="changes">{t.admin_request_changes}</button>
                <button type="submit" name="decision" value="reject" class="danger">{t.admin_reject}</button>
            </p>
        </form>
    }
}

#[server(endpoint = "admin_producer")]
pub async fn load_producer_admin(id: i64) -> Result<ProducerAdminData, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    let t = crate::foundations::i18n::resolve_request_locale().strings();
    crate::administration::services::review_item::producer_admin(&state.db, t, id).await
}

#[component]
pub fn ProducerAdminPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|i| i.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => load_producer_admin(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.admin_producer/>
        <section class="admin">
            <AdminNav/>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <ProducerAdmin data=d/> }.into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProducerAdmin(data: ProducerAdminData) -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("producer-admin", FormValues::default);
    let base = format!("/admin/producers/{}", data.id);
    let suspended = data.status == EntryStatus::Suspended;
    let public = format!("/producers/{}", data.id);
    view! {
        <h1>{data.name.clone()}" (#"{data.id}")"</h1>
        <ErrorSummary state=state.clone()/>
        <dl class="facts">
            <dt>{t.account_status}</dt><dd>{status_label(t, data.status)}{data.status_reason.clone().map(|r| format!(" — {r}"))}</dd>
            <dt>{t.detail_tax_id}</dt><dd>{data.tax_id.clone()}</dd>
            <dt>{t.field_email}</dt><dd>{data.owner.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t.account_listings}</dt><dd>{data.listings}</dd>
            <dt>{t.verified_badge}</dt>
            <dd>{match (&data.verified_at, &data.verified_note) {
                (Some(d), Some(n)) if data.verified => fill(t.admin_verified_on, &[("date", &crate::foundations::i18n::day(crate::foundations::i18n::use_locale(), *d)), ("note", n)]),
                _ => "—".to_owned(),
            }}</dd>
        </dl>
        <p><a href=public>{t.account_view_public}</a></p>
        <h2>{t.admin_trust}</h2>
        <form method="post" action=format!("{base}/verify") class="card">
            <CsrfField/>
            {if data.verified {
                view! {
                    <input type="hidden" name="verified" value="off"/>
                    <button type="submit">{t.admin_unverify}</button>
                }.into_any()
            } else {
                view! {
                    <input type="hidden" name="verified" value="on"/>
                    <crate::foundations::forms::TextField state=state.clone() name="note" label=t.admin_verify_note maxlength=500/>
                    <button type="submit" class="primary">{t.admin_verify}</button>
                }.into_any()
            }}
        </form>
        <form method="post" action=format!("{base}/{}", if suspended { "reinstate" } else { "suspend" }) class="card">
            <CsrfField/>
            <TextArea state=state.clone() name="reason" label=t.admin_reason maxlength=2000 rows=2/>
            <button type="submit" class:danger=!suspended>{if suspended { t.admin_reinstate } else { t.admin_suspend }}</button>
        </form>
        <form method="post" action=format!("{base}/merge") class="card">
            <CsrfField/>
            <crate::foundations::forms::TextField state=state.clone() name="merge_id" label=t.admin_merge_id kind="number" inputmode="numeric"/>
            <button type="submit">{t.admin_merge}</button>
        </form>
        <h2>{t.admin_duplicates}</h2>
        <ul class="duplicates">
            {data.duplicates.iter().map(|d| {
                let href = format!("/admin/producers/{}", d.producer_id);
                let why = if d.reason == "tax_id" { t.admin_dup_tax_id } else { t.admin_dup_name };
                view! { <li><a href=href>{d.name.clone()}</a>" (#"{d.producer_id}") — "{why}</li> }
            }).collect_view()}
        </ul>
        <h2>{t.admin_history}</h2>
        <ul class="history">
            {data.history.iter().map(|h| view! {
                <li>{crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), h.at)}" · "{h.actor.clone().unwrap_or_default()}" · "<code>{h.action.clone()}</code></li>
            }).collect_view()}
        </ul>
    }
}
