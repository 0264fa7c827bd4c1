//! `/account/listings/new` and `/account/listings/{id}/edit`: the product form.

use super::entry_form::{SaveButtons, SentBackNotice, sent_back_reason};
use crate::foundations::domain::EntryStatus;
use crate::foundations::domain::units::UNITS;
use crate::foundations::{
    components::hs_input::{HsField, hs_pick_step},
    domain::CertKind,
    error::AppError,
    forms::{
        Checkbox, CsrfField, ErrorSummary, FormState, FormValues, SelectField, TextArea, TextField,
    },
    i18n::use_strings,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListingFormData {
    pub values: FormValues,
    pub status: Option<EntryStatus>,
    /// Why the moderator sent it back (until it is submitted again).
    pub reason: Option<String>,
    pub revision_pending: bool,
    /// Codes matching the words typed in the HS field of a refused post.
    pub hs_candidates: Vec<(String, String)>,
}

#[server(endpoint = "listing_form")]
pub async fn load_listing_form(id: Option<i64>) -> Result<ListingFormData, AppError> {
    use crate::workspace::services::{company, listings};
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    let db = &state.db;
    let (values, status, reason, revision_pending) = match id {
        None => (FormValues::default(), None, None, false),
        Some(id) => {
            let (_, l) = listings::owned(db, &user, id).await?;
            let pending = company::pending_revision(db, "listing", l.id).await?;
            let proposed = pending.as_ref().and_then(|r| {
                serde_json::from_value::<listings::ListingInput>(r.proposed.clone()).ok()
            });
            let input = match proposed {
                Some(i) => i,
                None => listings::input_of(db, &l).await?,
            };
            (listings::to_form(&input), Some(l.status), l.status_reason, pending.is_some())
        }
    };
    let (names, locale) =
        (state.names().await?, crate::foundations::i18n::resolve_request_locale());
    let rejected = crate::foundations::forms::rejected("listing");
    let hs_candidates =
        crate::foundations::services::hs_lookup::hs_candidates(db, names, locale, rejected).await?;
    Ok(ListingFormData { values, status, reason, revision_pending, hs_candidates })
}

#[component]
pub fn NewListingPage() -> impl IntoView {
    let t = use_strings();
    let data = Resource::new_blocking(|| (), |_| load_listing_form(None));
    view! {
        <Title text=t.listing_new_title/>
        <section class="form-page wide">
            <h1>{t.listing_new_title}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <ListingForm data=d action="/account/listings/new".into()/> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The listing named in the path (`/account/listings/{id}/…`), loaded for its owner.
fn owned_listing() -> (Option<i64>, Resource<Result<ListingFormData, AppError>>) {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => load_listing_form(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    (id, data)
}

#[component]
pub fn EditListingPage() -> impl IntoView {
    let t = use_strings();
    let (id, data) = owned_listing();
    view! {
        <Title text=t.listing_edit_title/>
        <section class="form-page wide">
            <h1>{t.listing_edit_title}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let action = format!("/account/listings/{}/edit", id.unwrap_or_default());
                            view! { <ListingForm data=d action=action/> }.into_any()
                        }
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ListingForm(data: ListingFormData, action: String) -> impl IntoView {
    let t = use_strings();
    let values = data.values.clone();
    let mut state = FormState::for_form("listing", move || values);
    let units: Vec<(String, String)> =
        UNITS.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    let published = data.status == Some(EntryStatus::Published);
    let hs_pick = hs_pick_step(&mut state, data.hs_candidates.clone());
    let certs = CertKind::ALL
        .iter()
        .map(|k| view! { <Checkbox state=state.clone() name="cert" value=k.as_str() label=k.label().to_owned()/> })
        .collect_view();
    let sent_back = sent_back_reason(data.status, data.reason.clone()).is_some();
    view! {
        {published.then(|| view! { <p class="notice">{t.listing_published_note}</p> })}
        {data.revision_pending.then(|| view! { <p class="pending">{t.account_pending_revision}</p> })}
        <SentBackNotice status=data.status reason=data.reason.clone()/>
        <ErrorSummary state=state.clone()/>
        <p class="hint">{t.form_required_note}</p>
        <form method="post" action=action novalidate>
            <CsrfField/>
            <TextField state=state.clone() name="product_name" label=t.field_product_name required=true maxlength=200/>
            <HsField state=state.clone()/>
            {hs_pick}
            <TextField state=state.clone() name="national_code" label=t.field_national_code
                maxlength=20 inputmode="numeric"/>
            <TextArea state=state.clone() name="description" label=t.field_description maxlength=5000/>
            <div class="field-row">
                <TextField state=state.clone() name="capacity" label=t.field_capacity inputmode="decimal"/>
                <SelectField state=state.clone() name="capacity_unit" label=t.field_capacity_unit
                    options=units.clone() empty_label=t.choose/>
            </div>
            <div class="field-row">
                <TextField state=state.clone() name="min_order" label=t.field_min_order inputmode="decimal"/>
                <SelectField state=state.clone() name="min_order_unit" label=t.field_min_order_unit
                    options=units empty_label=t.choose/>
            </div>
            <TextField state=state.clone() name="lead_time_days" label=t.field_lead_time
                kind="number" inputmode="numeric"/>
            <TextField state=state.clone() name="export_markets" label=t.field_export_markets
                maxlength=400 hint=t.export_markets_hint.to_owned()/>
            <fieldset>
                <legend>{t.field_certs}</legend>
                {certs}
            </fieldset>
            <SaveButtons sent_back/>
        </form>
    }
}

/// `/account/listings/{id}/delete`: the confirmation step (a form, so it works without
/// JavaScript); nothing is deleted by a single click.
#[component]
pub fn DeleteListingPage() -> impl IntoView {
    let t = use_strings();
    let (id, data) = owned_listing();
    view! {
        <Title text=t.account_delete/>
        <section class="form-page">
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let name = d.values.get("product_name").to_owned();
                            let action = format!("/account/listings/{}/delete", id.unwrap_or_default());
                            view! {
                                <h1>{crate::foundations::i18n::fill(t.listing_delete_title, &[("name", &name)])}</h1>
                                <p>{t.listing_delete_text}</p>
                                <form method="post" action=action>
                                    <CsrfField/>
                                    <input type="hidden" name="confirm" value="yes"/>
                                    <p class="actions">
                                        <button type="submit" class="danger">{t.listing_delete_confirm}</button>
                                        <a class="button" href="/account">{t.form_cancel}</a>
                                    </p>
                                </form>
                            }.into_any()
                        }
                        Err(e) => crate::foundations::pages::error_view(e),
                    }
                })}
            </Suspense>
        </section>
    }
}
