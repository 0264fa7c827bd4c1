//! `/admin/inquiries`: inquiries producers reported as spam or abuse. Blocking the sender stops
//! every later inquiry from that address; "not abuse" puts it back among the producer's
//! archived ones. Forms post to `server::routes::inquiries`.

use crate::{
    administration::pages::admin::AdminNav,
    contact::models::inquiry::ReportedInquiry,
    foundations::{
        error::AppError,
        forms::{DoneNotice, PostButton},
        i18n::use_strings,
        pages::error_view,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(endpoint = "admin_reported_inquiries")]
pub async fn load_reported() -> Result<Vec<ReportedInquiry>, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    Ok(crate::contact::services::inquiry_reports::reported(&state.db).await?)
}

#[component]
pub fn ReportedPage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new_blocking(|| (), |_| load_reported());
    view! {
        <Title text=t.reported_title/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.reported_title}</h1>
            <DoneNotice/>
            <p>{t.reported_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t.reported_empty}</p> }.into_any(),
                        Ok(rows) => rows
                            .into_iter()
                            .map(|r| {
                                let id = r.id;
                                view! {
                                    <article class="card inquiry" data-inquiry=id>
                                        <h2>{r.buyer_name} " · " {r.buyer_email}</h2>
                                        <p class="meta">
                                            {crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), r.received_at)} " · "
                                            <a href=format!("/admin/producers/{}", r.producer_id)>{r.producer}</a>
                                        </p>
                                        <p class="message">{r.message}</p>
                                        <p class="actions">
                                            <PostButton action=format!("/admin/inquiries/{id}/block")
                                                label=t.reported_block class="danger"/>
                                            <PostButton action=format!("/admin/inquiries/{id}/dismiss")
                                                label=t.reported_dismiss/>
                                        </p>
                                    </article>
                                }
                            })
                            .collect_view()
                            .into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}
