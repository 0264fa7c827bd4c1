//! `/admin/rfq`: requests for quotation waiting for an administrator (only when the site runs
//! with `RFQ_MODERATION=on`). Sending one on matches it to producers; refusing it mails the
//! buyer the reason. Forms post to `server::routes::rfq`.

use crate::{
    administration::pages::admin::AdminNav,
    contact::{models::rfq::RfqSummary, pages::rfq::RfqFacts},
    foundations::{
        error::AppError,
        forms::{CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, PostButton, TextArea},
        i18n::use_strings,
        pages::error_view,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(endpoint = "admin_rfq_queue")]
pub async fn load_rfq_queue() -> Result<Vec<RfqSummary>, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    Ok(crate::contact::services::rfq::review_queue(&state.db).await?)
}

#[component]
pub fn RfqQueuePage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new_blocking(|| (), |_| load_rfq_queue());
    view! {
        <Title text=t.rfq_review_title/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.rfq_review_title}</h1>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t.rfq_review_empty}</p> }.into_any(),
                        Ok(rows) => rows.into_iter().map(|rfq| view! { <Waiting rfq/> }).collect_view().into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Waiting(rfq: RfqSummary) -> impl IntoView {
    let t = use_strings();
    let id = rfq.id;
    let state = FormState::for_form("rfq_decision", FormValues::default);
    let reason = format!("reason_{id}");
    view! {
        <article class="card" data-rfq=id>
            <h2>{rfq.product.clone()}</h2>
            <p class="meta">{crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), rfq.created_at)}</p>
            <RfqFacts rfq=rfq.clone()/>
            <p class="actions">
                <PostButton action=format!("/admin/rfq/{id}/approve") label=t.rfq_approve class="primary"/>
            </p>
            <ErrorSummary state=state.clone()/>
            <form method="post" action=format!("/admin/rfq/{id}/reject")>
                <CsrfField/>
                <TextArea state=state.clone() name=reason label=t.admin_reason maxlength=2000 rows=2/>
                <button type="submit" class="danger">{t.rfq_reject}</button>
            </form>
        </article>
    }
}
