//! `/account/claim/{producer}`: an account claims a company that came into the registry by
//! import (or disputes who manages one). The form posts to the same address
//! (`server::routes::claims`); the evidence is an address at the company's web domain.

use crate::{
    contact::models::claim::ClaimTarget,
    foundations::{
        domain::ClaimStatus,
        error::AppError,
        forms::{DoneNotice, ErrorSummary, FormState, FormValues, TextField, csrf_token},
        i18n::{fill, use_strings},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(endpoint = "claim_target")]
pub async fn load_claim_target(id: i64) -> Result<ClaimTarget, AppError> {
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    crate::contact::services::claims::target(&state.db, user.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[component]
pub fn ClaimPage() -> impl IntoView {
    let t = use_strings();
    let data = crate::foundations::pages::by_path_id(load_claim_target);
    view! {
        <Title text=t.claim_title/>
        <section class="form-page claim-form">
            <h1>{t.claim_title}</h1>
            <DoneNotice/>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(target) => view! { <ClaimForm target/> }.into_any(),
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ClaimForm(target: ClaimTarget) -> impl IntoView {
    let t = use_strings();
    let state = FormState::for_form("claim", FormValues::default);
    let back = view! {
        <p><a href=format!("/producers/{}", target.producer_id)>"← " {target.producer_name.clone()}</a></p>
    };
    let blocked = if target.mine {
        Some(t.claim_mine)
    } else if target.has_company {
        Some(t.claim_has_company)
    } else {
        None
    };
    if let Some(message) = blocked {
        return view! { {back} <p role="status">{message}</p> }.into_any();
    }
    let waiting = matches!(target.pending, Some(ClaimStatus::Pending)).then(|| {
        view! { <p class="notice" role="status">{t.claim_waiting}</p> }
    });
    // Multipart (for the document): the same-origin token rides in the address.
    let action = format!("/account/claim/{}?_csrf={}", target.producer_id, csrf_token());
    let document_error = state.error("document");
    let email = target.domain.clone().map(|domain| {
        view! {
            <TextField state=state.clone() name="email" label=t.field_claim_email kind="email"
                maxlength=254 hint=fill(t.claim_email_hint, &[("domain", &domain)])/>
            <p class="or">{t.claim_or}</p>
        }
    });
    let intro = match &target.domain {
        Some(domain) => {
            fill(t.claim_intro, &[("company", &target.producer_name), ("domain", domain)])
        }
        None => fill(t.claim_intro_document, &[("company", &target.producer_name)]),
    };
    view! {
        {back}
        {waiting}
        <p>{intro}</p>
        {target.owned_by_other.then(|| view! { <p class="notice">{t.claim_dispute_note}</p> })}
        <ErrorSummary state=state.clone()/>
        <form method="post" action=action enctype="multipart/form-data" novalidate>
            <TextField state=state.clone() name="role" label=t.field_claim_role required=true maxlength=200
                autocomplete="organization-title"/>
            {email}
            <div class="field" class:invalid=document_error.is_some()>
                <label for="f-document">{t.field_claim_document}</label>
                {document_error.clone().map(|e| view! { <p class="field-error" id="e-document">{e}</p> })}
                <input type="file" id="f-document" name="document"
                    accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-invalid=document_error.is_some().then_some("true")
                    aria-describedby=if document_error.is_some() { "e-document h-document" } else { "h-document" }/>
                <p class="hint" id="h-document">{t.claim_document_hint}</p>
            </div>
            <button type="submit" class="primary">{t.claim_button}</button>
        </form>
    }
    .into_any()
}
