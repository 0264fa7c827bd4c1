//! The HS code field of the listing and request forms. Without JavaScript it is a text box (a
//! code or words; words come back as a list of matching codes to pick from); as an island it
//! suggests codes while typing, as the search box does ([`crate::foundations::components::hs_combobox`]).

use crate::foundations::{
    components::hs_combobox::{HsBoxAttrs, HsCombobox},
    forms::{FormState, Problem},
    i18n::use_strings,
};
use leptos::prelude::*;

/// The HS code field of a form whose state holds `hs_code`: the island, labelled.
#[component]
pub fn HsField(state: FormState) -> impl IntoView {
    let t = use_strings();
    view! {
        <HsCodeInput
            value=state.value("hs_code")
            label=t.field_hs_code.to_owned()
            hint=t.hs_code_hint.to_owned()
            error=state.error("hs_code")
        />
    }
}

/// After a post whose HS field held words: the codes they matched, to choose one (radio buttons
/// `hs_pick`, which win over the box). Words are a step, not a mistake, so the field's error is
/// taken out of `state` (and out of the error summary) unless no code matched.
pub fn hs_pick_step(
    state: &mut FormState,
    candidates: Vec<(String, String)>,
) -> impl IntoView + use<> {
    let t = use_strings();
    let words = state.errors.get("hs_code").is_some_and(|p| p.key == "err_hs_pick");
    if words {
        state.errors.0.retain(|(field, _)| field != "hs_code");
        if candidates.is_empty() {
            state.errors.add("hs_code", Problem::new("hs_no_matches"));
        }
    }
    let typed = state.value("hs_code");
    (words && !candidates.is_empty()).then(|| {
        view! {
            <fieldset class="hs-pick" id="hs-pick">
                <legend>{crate::foundations::i18n::fill(t.hs_choose, &[("words", &typed)])}</legend>
                <p class="hint">{t.hs_levels_hint}</p>
                {candidates
                    .into_iter()
                    .map(|(code, description)| {
                        let id = format!("hs-pick-{code}");
                        let level = if code.len() == 4 { t.hs_heading } else { t.hs_subheading };
                        view! {
                            <div class="radio">
                                <input type="radio" name="hs_pick" id=id.clone() value=code.clone()/>
                                <label for=id>
                                    <code>{code.clone()}</code>" "{description}" "
                                    <span class="hs-level">{level}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    })
}

#[island]
pub fn HsCodeInput(
    value: String,
    label: String,
    hint: String,
    error: Option<String>,
) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let invalid = error.is_some();
    let attrs = HsBoxAttrs {
        id: "f-hs_code",
        name: "hs_code",
        kind: "text",
        value,
        placeholder: None,
        describedby: Some(if invalid { "e-hs_code h-hs_code" } else { "h-hs_code" }),
        invalid,
    };
    view! {
        <div
            class="field"
            class:invalid=invalid
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <label for="f-hs_code">{label}" *"</label>
            {error.map(|e| view! { <p class="field-error" id="e-hs_code">{e}</p> })}
            <HsCombobox attrs hydrated/>
            <p class="hint" id="h-hs_code">{hint}</p>
        </div>
    }
}
