//! `/account/company`: the company profile form (create, edit, or propose changes when
//! published). Regions are grouped by country, so the form works without JavaScript.

use super::entry_form::{SaveButtons, SentBackNotice, sent_back_reason};
use crate::foundations::domain::EntryStatus;
use crate::foundations::domain::units::WORKFORCE;
use crate::foundations::{
    domain::{CertKind, transliterate_name},
    error::AppError,
    forms::{
        Checkbox, CsrfField, ErrorSummary, FormState, FormValues, SelectField, TextArea, TextField,
    },
    i18n::{Locale, fill, use_locale, use_strings},
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::workspace::models::forms::BLANK_CERT_ROWS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyFormData {
    pub values: FormValues,
    pub status: Option<EntryStatus>,
    /// Why the moderator sent it back (until it is submitted again).
    pub reason: Option<String>,
    pub revision_pending: bool,
    pub countries: Vec<(String, String)>,
    /// (country name, [(region code, region name)])
    pub regions: Vec<(String, Vec<(String, String)>)>,
}

#[server(endpoint = "company_form")]
pub async fn load_company_form(locale: Locale) -> Result<CompanyFormData, AppError> {
    use crate::workspace::services::company;
    let user = crate::foundations::auth::require_user()?;
    let state = crate::state::app_state()?;
    let db = &state.db;
    let names = state.names().await?;
    let mut countries: Vec<(String, String)> =
        names.countries.iter().map(|(code, n)| (code.clone(), n.get(locale).to_owned())).collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    let regions = countries
        .iter()
        .map(|(code, country_name)| {
            let mut list: Vec<(String, String)> = names
                .regions
                .iter()
                .filter(|(r, _)| r.starts_with(&format!("{code}-")))
                .map(|(r, n)| (r.clone(), n.get(locale).to_owned()))
                .collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            (country_name.clone(), list)
        })
        .collect();
    let (values, status, reason, revision_pending) = match company::own_company(db, user.id).await?
    {
        None => (FormValues::default(), None, None, false),
        Some(p) => {
            let pending = company::pending_revision(db, "producer", p.id).await?;
            let input = match &pending {
                Some(r) => serde_json::from_value(r.proposed.clone()).ok(),
                None => None,
            };
            let input = match input {
                Some(i) => i,
                None => company::input_of(db, &p).await?,
            };
            (company::to_form(&input), Some(p.status), p.status_reason, pending.is_some())
        }
    };
    Ok(CompanyFormData { values, status, reason, revision_pending, countries, regions })
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let data = Resource::new_blocking(move || locale, load_company_form);
    view! {
        <Title text=t.company_title/>
        <section class="form-page wide">
            <h1>{t.company_title}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <CompanyForm data=d/> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn cert_rows(values: &FormValues) -> usize {
    let used = values
        .0
        .iter()
        .filter(|(k, v)| k.starts_with("cert_") && !v.trim().is_empty())
        .filter_map(|(k, _)| k.rsplit('_').next()?.parse::<usize>().ok())
        .max()
        .map_or(0, |i| i + 1);
    used + BLANK_CERT_ROWS
}

/// A region refused as not in the chosen country: say which regions are (the list is grouped by
/// country, but without JavaScript every group stays in the list).
fn name_the_regions_of_the_country(state: &mut FormState, data: &CompanyFormData) {
    let chosen = state.value("country");
    let Some((_, country)) = data.countries.iter().find(|(code, _)| *code == chosen) else {
        return;
    };
    let Some((_, regions)) = data.regions.iter().find(|(name, _)| name == country) else {
        return;
    };
    let names: Vec<&str> = regions.iter().map(|(_, name)| name.as_str()).collect();
    for (field, problem) in state.errors.0.iter_mut() {
        if field == "region" && problem.key == "err_region_not_in_country" {
            *problem = crate::foundations::forms::Problem::new("err_region_choose_from")
                .with("country", country)
                .with("regions", names.join(", "));
        }
    }
}

#[component]
fn CompanyForm(data: CompanyFormData) -> impl IntoView {
    let t = use_strings();
    let values = data.values.clone();
    let mut state = FormState::for_form("company", move || values);
    name_the_regions_of_the_country(&mut state, &data);
    let published = data.status == Some(EntryStatus::Published);
    let legal_name = state.value("legal_name");
    let suggestion = if legal_name.trim().is_empty() {
        "…".to_owned()
    } else {
        transliterate_name(&legal_name)
    };
    let workforce: Vec<(String, String)> =
        WORKFORCE.iter().map(|w| ((*w).to_owned(), (*w).to_owned())).collect();
    let kinds: Vec<(String, String)> =
        CertKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.label().to_owned())).collect();
    let certs = (0..cert_rows(&state.values))
        .map(|i| {
            let field = |name: &str| format!("cert_{name}_{i}");
            view! {
                <fieldset class="cert-row">
                    <legend>{fill(t.cert_row, &[("n", &(i + 1))])}</legend>
                    <SelectField state=state.clone() name=field("kind") label=t.cert_kind
                        options=kinds.clone() empty_label=t.choose/>
                    <TextField state=state.clone() name=field("issuer") label=t.cert_issuer maxlength=200/>
                    <TextField state=state.clone() name=field("number") label=t.cert_number maxlength=100/>
                    <TextField state=state.clone() name=field("from") label=t.cert_from kind="date"/>
                    <TextField state=state.clone() name=field("until") label=t.cert_until kind="date"/>
                </fieldset>
            }
        })
        .collect_view();
    let sent_back = sent_back_reason(data.status, data.reason.clone()).is_some();
    view! {
        {published.then(|| view! { <p class="notice">{t.company_published_note}</p> })}
        {data.revision_pending.then(|| view! { <p class="pending">{t.account_pending_revision}</p> })}
        <SentBackNotice status=data.status reason=data.reason.clone()/>
        <ErrorSummary state=state.clone()/>
        <p class="hint">{t.form_required_note}</p>
        <form method="post" action="/account/company" novalidate>
            <CsrfField/>
            <TextField state=state.clone() name="legal_name" label=t.field_legal_name required=true maxlength=300/>
            <TextField state=state.clone() name="name_latin" label=t.field_name_latin maxlength=300
                hint=fill(t.name_latin_hint, &[("suggestion", &suggestion)])/>
            <SelectField state=state.clone() name="country" label=t.field_country required=true
                options=data.countries.clone() empty_label=t.choose/>
            <TextField state=state.clone() name="tax_id" label=t.field_tax_id required=true
                maxlength=40 inputmode="numeric" hint=t.tax_id_hint.to_owned()/>
            <SelectField state=state.clone() name="region" label=t.field_region required=true
                options=Vec::new() groups=data.regions.clone() empty_label=t.choose/>
            <TextField state=state.clone() name="city" label=t.field_city required=true maxlength=100/>
            <TextField state=state.clone() name="address" label=t.field_address maxlength=300/>
            <TextField state=state.clone() name="website" label=t.field_website kind="url" maxlength=200/>
            <TextField state=state.clone() name="phone" label=t.field_phone kind="tel" maxlength=30 autocomplete="tel"/>
            <Checkbox state=state.clone() name="show_phone" label=t.field_show_phone.to_owned()/>
            <TextField state=state.clone() name="public_email" label=t.field_public_email kind="email" maxlength=254/>
            <Checkbox state=state.clone() name="show_email" label=t.field_show_email.to_owned()/>
            <TextField state=state.clone() name="year_founded" label=t.field_year_founded
                kind="number" inputmode="numeric"/>
            <SelectField state=state.clone() name="workforce" label=t.field_workforce
                options=workforce empty_label=t.choose/>
            <TextArea state=state.clone() name="description" label=t.field_description maxlength=5000 rows=8/>
            <h2>{t.company_certs}</h2>
            {certs}
            <SaveButtons sent_back/>
        </form>
    }
}
