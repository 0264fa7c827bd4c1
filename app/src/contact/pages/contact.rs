//! `/producers/{id}/contact`: a buyer writes to one producer, without an account. The form
//! posts to the same address (`server::routes::inquiries`); a refused post comes back here with
//! every value kept and a message beside each wrong field.

use crate::{
    contact::models::inquiry::ContactTarget,
    foundations::{
        domain::{inquiry::HONEYPOT, units::UNITS},
        error::AppError,
        forms::{
            CsrfField, DoneNotice, ErrorSummary, FormState, FormValues, SelectField, TextArea,
            TextField, query_param,
        },
        i18n::use_strings,
    },
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[server(endpoint = "contact_target")]
pub async fn load_contact_target(
    id: i64,
    listing: Option<i64>,
) -> Result<Option<ContactTarget>, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::contact::services::inquiries::contact_target(&state.db, id, listing).await?)
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|s| s.parse::<i64>().ok());
    let listing = query_param("listing").and_then(|s| s.parse::<i64>().ok());
    let target = Resource::new_blocking(
        move || (id, listing),
        |(id, listing)| async move {
            match id {
                Some(id) => load_contact_target(id, listing).await,
                None => Ok(None),
            }
        },
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense>
            {move || Suspend::new(async move {
                match target.await {
                    Ok(Some(target)) => view! { <ContactForm target/> }.into_any(),
                    Ok(None) => view! { <crate::foundations::pages::not_found::NotFound/> }.into_any(),
                    Err(e) => crate::foundations::pages::error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ContactForm(target: ContactTarget) -> impl IntoView {
    let t = use_strings();
    let listing = target.listing.clone();
    let state = FormState::for_form("inquiry", {
        let listing = listing.clone();
        move || {
            let mut v = FormValues::default();
            if let Some((id, name)) = listing {
                v.set("listing", id.to_string());
                v.set("product", name);
            }
            v
        }
    });
    let units: Vec<(String, String)> =
        UNITS.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    let title = format!("{} — {}", t.contact_title, target.producer_name);
    let action = format!("/producers/{}/contact", target.producer_id);
    let back = match &listing {
        Some((id, name)) => (format!("/listings/{id}"), name.clone()),
        None => (format!("/producers/{}", target.producer_id), target.producer_name.clone()),
    };
    view! {
        <Title text=title.clone()/>
        <section class="form-page contact-form">
            <p><a href=back.0>"← " {back.1}</a></p>
            <h1>{t.contact_title} " " <span class="nowrap">{target.producer_name.clone()}</span></h1>
            <DoneNotice/>
            {if target.reachable {
                view! {
                    <p>{t.contact_intro}</p>
                    <ErrorSummary state=state.clone()/>
                    <form method="post" action=action novalidate>
                        <CsrfField/>
                        <input type="hidden" name="listing" value=state.value("listing")/>
                        // Hidden from people (style `.hp`), left for bots to fill in.
                        <div class="hp" aria-hidden="true">
                            <label for="f-hp">"Website"</label>
                            <input id="f-hp" type="text" name=HONEYPOT tabindex="-1" autocomplete="off" value=""/>
                        </div>
                        <TextField state=state.clone() name="name" label=t.field_your_name required=true
                            autocomplete="name" maxlength=200/>
                        <TextField state=state.clone() name="email" label=t.field_email kind="email"
                            required=true autocomplete="email" maxlength=254 hint=t.contact_email_hint.to_owned()/>
                        <TextField state=state.clone() name="company" label=t.field_your_company
                            autocomplete="organization" maxlength=300/>
                        <TextField state=state.clone() name="country" label=t.field_your_country
                            autocomplete="country-name" maxlength=100/>
                        <TextField state=state.clone() name="product" label=t.field_product_wanted maxlength=300/>
                        <div class="field-row">
                            <TextField state=state.clone() name="quantity" label=t.field_quantity inputmode="decimal"/>
                            <SelectField state=state.clone() name="unit" label=t.field_unit
                                options=units empty_label=t.choose/>
                        </div>
                        <TextField state=state.clone() name="destination" label=t.field_destination maxlength=100/>
                        <TextArea state=state.clone() name="message" label=t.field_message maxlength=5000 rows=8
                            hint=t.contact_message_hint.to_owned()/>
                        <button type="submit" class="primary">{t.contact_button}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <p role="status">{t.contact_unreachable}</p> }.into_any()
            }}
        </section>
    }
}
