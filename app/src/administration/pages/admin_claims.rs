//! `/admin/claims`: confirmed claims on companies, with their evidence. Approving makes the
//! account the company's owner (a dispute hands the company over); refusing mails the reason.
//! Forms post to `server::routes::claims`.

use crate::{
    administration::pages::admin::AdminNav,
    contact::models::claim::ClaimRow,
    foundations::{
        error::AppError,
        forms::{CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, PostButton, TextArea},
        i18n::{fill, use_strings},
        pages::error_view,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(endpoint = "admin_claims")]
pub async fn load_claims() -> Result<Vec<ClaimRow>, AppError> {
    crate::foundations::auth::require_admin()?;
    let state = crate::state::app_state()?;
    Ok(crate::contact::services::claims::queue(&state.db).await?)
}

#[component]
pub fn ClaimsPage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new_blocking(|| (), |_| load_claims());
    view! {
        <Title text=t.claims_title/>
        <section class="admin">
            <AdminNav/>
            <h1>{t.claims_title}</h1>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t.claims_empty}</p> }.into_any(),
                        Ok(rows) => rows.into_iter().map(|claim| view! { <Claim claim/> }).collect_view().into_any(),
                        Err(e) => error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Claim(claim: ClaimRow) -> impl IntoView {
    let t = use_strings();
    let id = claim.id;
    let state = FormState::for_form("claim_decision", FormValues::default);
    let dispute = claim.current_owner.clone().map(|owner| {
        view! { <p class="notice changes"><strong>{t.claim_dispute}</strong> " " {fill(t.claim_current_owner, &[("email", &owner)])}</p> }
    });
    let evidence = match (&claim.evidence_email, &claim.document) {
        (Some(email), _) => {
            fill(t.claim_evidence_email, &[("email", email), ("at", &crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), claim.confirmed_at))])
                .into_any()
        }
        (None, Some((name, kind))) => view! {
            <a href=format!("/admin/claims/{id}/document")>{name.clone()}</a>
            " (" {kind.clone()} ", " {crate::foundations::i18n::minute(crate::foundations::i18n::use_locale(), claim.confirmed_at)} ")"
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <article class="card" data-claim=id>
            <h2><a href=format!("/admin/producers/{}", claim.producer_id)>{claim.producer_name.clone()}</a></h2>
            {dispute}
            <dl class="facts">
                <dt>{t.claim_account}</dt><dd>{claim.account_email.clone()}</dd>
                <dt>{t.field_claim_role}</dt><dd>{claim.role.clone()}</dd>
                <dt>{t.claim_evidence}</dt>
                <dd>{evidence}</dd>
                <dt>{t.detail_website}</dt><dd>{claim.website.clone().unwrap_or_default()}</dd>
                <dt>{t.detail_tax_id}</dt><dd>{claim.tax_id.clone()}</dd>
            </dl>
            <p class="actions">
                <PostButton action=format!("/admin/claims/{id}/approve") label=t.claim_approve class="primary"/>
            </p>
            <ErrorSummary state=state.clone()/>
            <form method="post" action=format!("/admin/claims/{id}/reject")>
                <CsrfField/>
                <TextArea state=state.clone() name=format!("reason_{id}") label=t.admin_reason maxlength=2000 rows=2/>
                <button type="submit" class="danger">{t.rfq_reject}</button>
            </form>
        </article>
    }
}
