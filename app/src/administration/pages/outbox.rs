//! `/admin/outbox`: every message the site sends, for administrators: where it is in the queue,
//! how many attempts it took and the last error. With no SMTP server configured this is how a
//! newcomer sees the mail the site would send (the messages themselves are `.eml` files).

use crate::{
    administration::pages::admin::AdminNav,
    foundations::{
        error::AppError,
        forms::query_param,
        i18n::{Strings, use_strings},
        pages::error_view,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub kind: String,
    pub language: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: String,
    pub next_attempt_at: Option<String>,
    pub sent_at: Option<String>,
}

#[server(endpoint = "admin_outbox")]
pub async fn load_outbox(status: Option<String>) -> Result<Vec<OutboxRow>, AppError> {
    use crate::foundations::services::mail::{self, Status};
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    let status = match status.filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            Status::parse(&s).ok_or_else(|| AppError::BadRequest(format!("unknown status {s}")))?,
        ),
    };
    let time = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M:%S").to_string();
    Ok(mail::recent(&state.db, status, 500)
        .await?
        .into_iter()
        .map(|m| OutboxRow {
            id: m.id,
            next_attempt_at: (m.status == Status::Queued.as_str()).then(|| time(m.next_attempt_at)),
            to: m.to_address,
            subject: m.subject,
            kind: m.kind,
            language: m.language,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: time(m.created_at),
            sent_at: m.sent_at.map(time),
        })
        .collect())
}

fn status_label(t: &'static Strings, status: &str) -> &'static str {
    match status {
        "queued" => t.outbox_status_queued,
        "sent" => t.outbox_status_sent,
        _ => t.outbox_status_failed,
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let t = use_strings();
    let status = query_param("status");
    let data = Resource::new_blocking(move || status.clone(), load_outbox);
    let filter = |value: &'static str, label: &'static str| {
        let href = if value.is_empty() {
            "/admin/outbox".to_owned()
        } else {
            format!("/admin/outbox?status={value}")
        };
        view! { <a href=href>{label}</a> " " }
    };
    view! {
        <Title text=t.outbox_title/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.outbox_title}</h1>
            <p>{t.outbox_intro}</p>
            <p class="filters">
                {filter("", t.outbox_filter_all)}
                {filter("queued", t.outbox_status_queued)}
                {filter("sent", t.outbox_status_sent)}
                {filter("failed", t.outbox_status_failed)}
            </p>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t.outbox_empty}</p> }.into_any(),
                        Ok(rows) => view! {
                            <table class="listings-table outbox">
                                <thead><tr>
                                    <th>"#"</th><th>{t.outbox_created}</th><th>{t.outbox_to}</th>
                                    <th>{t.outbox_subject}</th><th>{t.outbox_kind}</th>
                                    <th>{t.outbox_status}</th><th>{t.outbox_attempts}</th>
                                    <th>{t.outbox_next}</th><th>{t.outbox_sent}</th>
                                    <th>{t.outbox_last_error}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let class = format!("status status-{}", r.status);
                                        view! {
                                            <tr data-outbox-id=r.id>
                                                <td>{r.id}</td>
                                                <td>{r.created_at}</td>
                                                <td>{r.to}</td>
                                                <td lang=r.language>{r.subject}</td>
                                                <td>{r.kind}</td>
                                                <td><span class=class>{status_label(t, &r.status)}</span></td>
                                                <td>{r.attempts}</td>
                                                <td>{r.next_attempt_at}</td>
                                                <td>{r.sent_at}</td>
                                                <td class="error">{r.last_error}</td>
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
