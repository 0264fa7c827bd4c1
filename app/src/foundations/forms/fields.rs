//! Form controls: a label, the value typed, and the message when it is wrong, wired for screen
//! readers (`aria-invalid`, `aria-describedby`) and linked from the summary at the top.

use super::{FieldErrors, FormValues};
use crate::foundations::i18n::{Strings, use_strings};
use leptos::prelude::*;

/// Values and errors a form renders from.
#[derive(Clone)]
pub struct FormState {
    pub values: FormValues,
    pub errors: FieldErrors,
    pub t: &'static Strings,
}

impl FormState {
    pub fn new(values: FormValues, errors: FieldErrors) -> Self {
        Self { values, errors, t: use_strings() }
    }

    /// The page's own form: the refused post if this render answers one, else `stored`.
    pub fn for_form(form: &str, stored: impl FnOnce() -> FormValues) -> Self {
        match super::rejected(form) {
            Some(r) => Self::new(r.values, r.errors),
            None => Self::new(stored(), FieldErrors::default()),
        }
    }

    pub fn value(&self, name: &str) -> String {
        self.values.get(name).to_owned()
    }

    pub fn error(&self, name: &str) -> Option<String> {
        self.errors.get(name).map(|p| p.message(self.t))
    }
}

/// "Please correct N fields" with a link to each.
#[component]
pub fn ErrorSummary(state: FormState) -> impl IntoView {
    (!state.errors.is_empty()).then(|| {
        let t = state.t;
        let items = state
            .errors
            .0
            .iter()
            .map(|(field, problem)| {
                let href = format!("#f-{field}");
                view! { <li><a href=href>{problem.message(t)}</a></li> }
            })
            .collect_view();
        view! {
            // Focused on load (with or without JavaScript): after a refused post, keyboard and
            // screen-reader users start at the list of what to correct.
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>
                <h2>{crate::foundations::i18n::fill(t.form_error_summary, &[("n", &state.errors.len())])}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn message(state: &FormState, name: &str) -> (Option<String>, Option<String>) {
    let error = state.error(name);
    let described = error.as_ref().map(|_| format!("e-{name}"));
    (error, described)
}

fn error_line(name: &str, error: Option<String>) -> impl IntoView + use<> {
    let id = format!("e-{name}");
    error.map(|e| view! { <p class="field-error" id=id>{e}</p> })
}

#[component]
pub fn TextField(
    state: FormState,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let (error, described) = message(&state, &name);
    // Passwords are never sent back to the browser.
    let value = (kind != "password").then(|| state.value(&name));
    let hint_id = hint.as_ref().map(|_| format!("h-{name}"));
    let describedby = match (&described, &hint_id) {
        (Some(e), Some(h)) => Some(format!("{e} {h}")),
        (e, h) => e.clone().or(h.clone()),
    };
    view! {
        <div class="field" class:invalid=error.is_some()>
            <label for=format!("f-{name}")>{label}{required.then_some(" *")}</label>
            {error_line(&name, error.clone())}
            <input
                id=format!("f-{name}")
                name=name.clone()
                type=kind
                value=value
                required=required
                maxlength=maxlength
                autocomplete=autocomplete
                list=list
                inputmode=inputmode
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=describedby
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        </div>
    }
}

#[component]
pub fn TextArea(
    state: FormState,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let (error, described) = message(&state, &name);
    let hint_id = hint.as_ref().map(|_| format!("h-{name}"));
    view! {
        <div class="field" class:invalid=error.is_some()>
            <label for=format!("f-{name}")>{label}</label>
            {error_line(&name, error.clone())}
            <textarea
                id=format!("f-{name}")
                name=name.clone()
                rows=rows
                maxlength=maxlength
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described.or(hint_id.clone())
            >
                {state.value(&name)}
            </textarea>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        </div>
    }
}

/// A `<select>`; options are (value, label). `groups` puts options under `<optgroup>`s.
#[component]
pub fn SelectField(
    state: FormState,
    #[prop(into)] name: String,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional)] groups: Vec<(String, Vec<(String, String)>)>,
    #[prop(optional)] required: bool,
    #[prop(optional)] empty_label: Option<&'static str>,
) -> impl IntoView {
    let (error, described) = message(&state, &name);
    let current = state.value(&name);
    let option = {
        let current = current.clone();
        move |(value, text): (String, String)| {
            let selected = value == current;
            view! { <option value=value selected=selected>{text}</option> }
        }
    };
    let grouped = groups
        .into_iter()
        .map(|(group, opts)| {
            let option = option.clone();
            view! { <optgroup label=group>{opts.into_iter().map(option).collect_view()}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field" class:invalid=error.is_some()>
            <label for=format!("f-{name}")>{label}{required.then_some(" *")}</label>
            {error_line(&name, error.clone())}
            <select
                id=format!("f-{name}")
                name=name.clone()
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            >
                {empty_label.map(|l| view! { <option value="">{l}</option> })}
                {options.into_iter().map(option.clone()).collect_view()}
                {grouped}
            </select>
        </div>
    }
}

#[component]
pub fn Checkbox(
    state: FormState,
    #[prop(into)] name: String,
    label: String,
    #[prop(default = "on")] value: &'static str,
) -> impl IntoView {
    let (error, described) = message(&state, &name);
    let checked = state.values.all(&name).contains(&value);
    // Checkbox groups share a name: the id tells the boxes apart.
    let id = if value == "on" { format!("f-{name}") } else { format!("f-{name}-{value}") };
    view! {
        <div class="field checkbox" class:invalid=error.is_some()>
            {error_line(&name, error.clone())}
            <label>
                <input
                    type="checkbox"
                    id=id
                    name=name.clone()
                    value=value
                    checked=checked
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=described
                />
                " "
                {label}
            </label>
        </div>
    }
}

/// The same-origin token for browsers that send neither `Origin` nor `Sec-Fetch-Site`.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="_csrf" value=csrf_token()/> }
}

pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<http::request::Parts>()
        && let Some(token) = parts.extensions.get::<crate::foundations::auth::CsrfToken>()
    {
        return token.0.clone();
    }
    String::new()
}

/// A one-button form (POST), for actions such as "Submit for review" or "Log out".
#[component]
pub fn PostButton(
    action: String,
    label: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] confirm_name: Option<String>,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline-form">
            <CsrfField/>
            <button type="submit" class=class aria-label=confirm_name>{label}</button>
        </form>
    }
}
