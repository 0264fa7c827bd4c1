//! `/admin/*`: the moderation queue and item view, trust tools on a producer, accounts and roles,
//! the audit log. Every loader checks the administrator role on the server; the middleware also
//! answers 403 to anyone else before a page renders.

use crate::foundations::pages::error_view;
use crate::foundations::{
    error::AppError,
    forms::{CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, TextArea, query_param},
    i18n::{Strings, fill, use_strings},
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

pub use super::admin_review::{ItemPage, ProducerAdminPage};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub country: String,
    pub producer_id: i64,
    pub waiting_since: String,
    pub target_kind: Option<String>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueData {
    pub counts: (u64, u64, u64),
    pub items: Vec<QueueRow>,
    pub oldest_hours: Option<i64>,
}

#[server(endpoint = "admin_queue")]
pub async fn load_queue(
    country: Option<String>,
    kind: Option<String>,
    min_age_days: Option<i64>,
) -> Result<QueueData, AppError> {
    use crate::administration::services::admin;
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    let filter = admin::QueueFilter {
        country: country.filter(|c| !c.is_empty()),
        kind: kind.filter(|k| !k.is_empty()),
        min_age_days: min_age_days.filter(|d| *d > 0),
    };
    let now = state.now();
    let counts = admin::queue_counts(&state.db).await?;
    let items = admin::queue(&state.db, &filter, now, 500).await?;
    let oldest_hours = admin::queue(&state.db, &Default::default(), now, 1)
        .await?
        .first()
        .map(|i| (now - i.waiting_since).num_hours());
    Ok(QueueData {
        counts: (counts.producers, counts.listings, counts.revisions),
        oldest_hours,
        items: items
            .into_iter()
            .map(|i| QueueRow {
                kind: i.kind,
                id: i.id,
                title: i.title,
                country: i.country,
                producer_id: i.producer_id,
                waiting_since: i.waiting_since.format("%Y-%m-%d %H:%M").to_string(),
                target_kind: i.target_kind,
                version: i.version,
            })
            .collect(),
    })
}

pub(crate) fn kind_label(t: &'static Strings, kind: &str) -> &'static str {
    match kind {
        "producer" => t.admin_kind_producer,
        "listing" => t.admin_kind_listing,
        _ => t.admin_kind_revision,
    }
}

fn age(hours: i64) -> String {
    if hours >= 48 { format!("{} d", hours / 24) } else { format!("{hours} h") }
}

/// How many items wait, for the navigation of every administration page.
#[server(endpoint = "admin_counts")]
pub async fn load_admin_counts() -> Result<u64, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    Ok(crate::administration::services::admin::queue_counts(&state.db).await?.total())
}

#[component]
pub fn AdminNav() -> impl IntoView {
    let t = use_strings();
    let waiting = Resource::new_blocking(|| (), |_| load_admin_counts());
    view! {
        <nav class="admin-nav" aria-label=t.admin_title>
            <ul>
                <li>
                    <a href="/admin/queue">
                        {t.admin_queue}
                        <Suspense>
                            {move || Suspend::new(async move {
                                waiting.await.ok().map(|n| view! { " " <span class="count-badge">{fill(t.admin_waiting, &[("n", &n)])}</span> })
                            })}
                        </Suspense>
                    </a>
                </li>
                <li><a href="/admin/users">{t.admin_users}</a></li>
                <li><a href="/admin/audit">{t.admin_audit}</a></li>
                <li><a href="/admin/outbox">{t.outbox_title}</a></li>
                <li><a href="/admin/inquiries">{t.reported_title}</a></li>
                <li><a href="/admin/rfq">{t.rfq_review_title}</a></li>
                <li><a href="/admin/claims">{t.claims_title}</a></li>
                <li><a href="/stats">{t.admin_stats}</a></li>
            </ul>
        </nav>
    }
}

/// `/admin` and `/admin/queue`.
#[component]
pub fn QueuePage() -> impl IntoView {
    let t = use_strings();
    let country = query_param("country");
    let kind = query_param("kind");
    let min_age = query_param("age").and_then(|a| a.parse::<i64>().ok());
    let filter = (country.clone(), kind.clone(), min_age);
    let data = Resource::new_blocking(move || filter.clone(), |(c, k, a)| load_queue(c, k, a));
    view! {
        <Title text=t.admin_queue/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.admin_queue}</h1>
            <DoneNotice/>
            <form method="get" action="/admin/queue" class="filters">
                <label>{t.facet_country}" "
                    <select name="country">
                        <option value="">"—"</option>
                        {["KZ", "KG", "TJ", "TM", "UZ"].into_iter().map(|c| {
                            let selected = country.as_deref() == Some(c);
                            view! { <option value=c selected=selected>{c}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t.admin_kind}" "
                    <select name="kind">
                        <option value="">"—"</option>
                        {["producer", "listing", "revision"].into_iter().map(|k| {
                            let selected = kind.as_deref() == Some(k);
                            view! { <option value=k selected=selected>{kind_label(t, k)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t.admin_min_age}" "
                    <input type="number" name="age" min="0" value=min_age.map(|a| a.to_string())/>
                </label>
                <button type="submit">{t.admin_filter}</button>
            </form>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <QueueTable data=d/> }.into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn QueueTable(data: QueueData) -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("bulk", FormValues::default);
    let (p, l, r) = data.counts;
    let summary = format!(
        "{}: {p} · {}: {l} · {}: {r}",
        t.admin_kind_producer, t.admin_kind_listing, t.admin_kind_revision
    );
    if data.items.is_empty() {
        return view! { <p>{summary}</p><p class="empty">{t.admin_queue_empty}</p> }.into_any();
    }
    let rows = data
        .items
        .into_iter()
        .map(|i| {
            let href = format!("/admin/queue/{}/{}", i.kind, i.id);
            // The version shown travels with the choice: a changed entry is not decided.
            let value = format!("{}:{}:{}", i.kind, i.id, i.version);
            view! {
                <tr>
                    <td><input type="checkbox" name="item" value=value aria-label=t.admin_select/></td>
                    <td>{kind_label(t, &i.kind)}</td>
                    <td><a href=href>{i.title}</a></td>
                    <td>{i.country}</td>
                    <td>{i.waiting_since}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{summary}</p>
        {data.oldest_hours.map(|h| view! { <p>{fill(t.admin_oldest, &[("age", &age(h))])}</p> })}
        <ErrorSummary state=state.clone()/>
        <form method="post" action="/admin/bulk">
            <CsrfField/>
            <table class="listings-table">
                <thead>
                    <tr>
                        <th></th>
                        <th>{t.admin_kind}</th>
                        <th>{t.admin_entry}</th>
                        <th>{t.facet_country}</th>
                        <th>{t.admin_waiting_since}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <fieldset>
                <legend>{t.admin_bulk}</legend>
                <ReasonFields state=state/>
                <p class="actions">
                    <button type="submit" name="decision" value="approve" class="primary">{t.admin_approve}</button>
                    <button type="submit" name="decision" value="reject" class="danger">{t.admin_reject}</button>
                </p>
            </fieldset>
        </form>
    }
    .into_any()
}

pub const REASONS: [&str; 5] = [
    "reason_incomplete",
    "reason_tax_id",
    "reason_duplicate",
    "reason_wrong_hs",
    "reason_not_producer",
];

/// A preset reason and/or free text (both are kept, joined, when both are given).
#[component]
pub(crate) fn ReasonFields(#[prop(optional)] state: Option<FormState>) -> impl IntoView {
    let t = use_strings();
    let state = state.unwrap_or_else(|| FormState::new(FormValues::default(), Default::default()));
    let preset = state.value("reason_preset");
    view! {
        <div class="field">
            <label for="f-reason_preset">{t.admin_reason_preset}</label>
            <select id="f-reason_preset" name="reason_preset">
                <option value="">{t.admin_reason_other}</option>
                {REASONS.into_iter().map(|k| {
                    let text = t.get(k).unwrap_or(k);
                    let selected = preset == text;
                    view! { <option value=text selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
        <TextArea state=state name="reason" label=t.admin_reason maxlength=2000 rows=3/>
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub status: String,
    pub created: String,
    /// The producer this account owns, for a link to its administration page.
    pub producer: Option<(i64, String)>,
}

#[server(endpoint = "admin_users")]
pub async fn load_users(q: Option<String>) -> Result<Vec<UserRow>, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    let users =
        crate::workspace::services::accounts::list_for_admin(&state.db, q.as_deref()).await?;
    Ok(users
        .into_iter()
        .map(|(u, producer)| UserRow {
            id: u.id,
            email: u.email,
            role: u.role,
            status: u.status.to_string(),
            created: u.created_at.format("%Y-%m-%d").to_string(),
            producer: producer.map(|p| (p.id, p.legal_name)),
        })
        .collect())
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let t = use_strings();
    let q = query_param("q");
    let data = Resource::new_blocking(move || q.clone(), load_users);
    view! {
        <Title text=t.admin_users/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.admin_users}</h1>
            <DoneNotice/>
            <ErrorSummary state=FormState::for_form("role", FormValues::default)/>
            <form method="get" action="/admin/users" class="filters">
                <label>{t.field_email}" " <input type="search" name="q" value=query_param("q")/></label>
                <button type="submit">{t.admin_filter}</button>
            </form>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(users) => view! {
                            <table class="listings-table">
                                <thead><tr><th>{t.field_email}</th><th>{t.admin_role}</th><th>{t.account_status}</th><th></th></tr></thead>
                                <tbody>
                                    {users.into_iter().map(|u| {
                                        let (to, label) = if u.role == "admin" { ("producer", t.admin_make_producer) } else { ("admin", t.admin_make_admin) };
                                        view! {
                                            <tr>
                                                <td>
                                                    {u.email}
                                                    {u.producer.map(|(id, name)| view! {
                                                        <br/><a href=format!("/admin/producers/{id}")>{name}</a>
                                                    })}
                                                </td>
                                                <td>{u.role}</td>
                                                <td>{u.status}</td>
                                                <td>
                                                    <form method="post" action=format!("/admin/users/{}/role", u.id) class="inline-form">
                                                        <CsrfField/>
                                                        <input type="hidden" name="role" value=to/>
                                                        <button type="submit">{label}</button>
                                                    </form>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPageData {
    pub total: u64,
    pub rows: Vec<crate::administration::pages::admin::AuditLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub ip: Option<String>,
}

pub const AUDIT_PAGE: u64 = 100;

#[server(endpoint = "admin_audit")]
pub async fn load_audit(query: String) -> Result<AuditPageData, AppError> {
    use crate::administration::services::audit;
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    let (filter, page) = audit::parse_audit_query(&query).map_err(AppError::BadRequest)?;
    let (total, rows) =
        audit::audit_log(&state.db, &filter, (page - 1) * AUDIT_PAGE, AUDIT_PAGE).await?;
    Ok(AuditPageData {
        total,
        rows: rows
            .into_iter()
            .map(|r| AuditLine {
                at: r.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                actor: r.actor,
                action: r.action,
                target: format!(
                    "{} {}",
                    r.target_kind.unwrap_or_default(),
                    r.target_id.unwrap_or_default()
                ),
                before: r.before,
                after: r.after,
                ip: r.ip,
            })
            .collect(),
    })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_strings();
    let query = current_query();
    let q2 = query.clone();
    let data = Resource::new_blocking(move || q2.clone(), load_audit);
    let v = |name: &str| query_param(name).unwrap_or_default();
    let csv = format!("/admin/audit.csv?{query}");
    view! {
        <Title text=t.admin_audit/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.admin_audit}</h1>
            <form method="get" action="/admin/audit" class="filters">
                <label>{t.admin_actor}" " <input type="search" name="actor" value=v("actor")/></label>
                <label>{t.admin_action}" " <input type="search" name="action" value=v("action")/></label>
                <label>{t.admin_target}" " <input type="search" name="target_kind" value=v("target_kind") size="9"/></label>
                <label>"#" <input type="number" name="target_id" value=v("target_id")/></label>
                <label>{t.admin_from}" " <input type="date" name="from" value=v("from")/></label>
                <label>{t.admin_to}" " <input type="date" name="to" value=v("to")/></label>
                <button type="submit">{t.admin_filter}</button>
            </form>
            <p><a href=csv>{t.admin_csv}</a></p>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! {
                            <p>{d.total}</p>
                            <table class="listings-table audit">
                                <thead><tr><th>{t.admin_when}</th><th>{t.admin_actor}</th><th>{t.admin_action}</th><th>{t.admin_target}</th><th>{t.admin_details}</th><th>"IP"</th></tr></thead>
                                <tbody>
                                    {d.rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{r.at}</td>
                                            <td>{r.actor.unwrap_or_default()}</td>
                                            <td><code>{r.action}</code></td>
                                            <td>{r.target}</td>
                                            <td class="hint">{r.before.map(|b| format!("{b} → "))}{r.after}</td>
                                            <td>{r.ip}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn current_query() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<http::request::Parts>() {
        return parts.uri.query().unwrap_or_default().to_owned();
    }
    String::new()
}
