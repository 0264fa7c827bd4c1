//! The HS code field of the listing form. Without JavaScript it is a text box (a code or words;
//! words come back as a list of matching codes to pick from); as an island it suggests codes
//! while typing, from the same endpoint as the search box.

use crate::{
    components::search_box::suggest_hs,
    forms::{FormState, Problem},
    i18n::use_strings,
    models::catalogue::HsSuggestion,
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
                <legend>{crate::i18n::fill(t.hs_choose, &[("words", &typed)])}</legend>
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
    let suggestions = RwSignal::new(Vec::<HsSuggestion>::new());
    let latest = StoredValue::new(0u64);
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        if q.trim().chars().count() < 2 {
            suggestions.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = suggest_hs(q).await
                && latest.get_value() == ticket
            {
                suggestions.set(found);
            }
        });
    };
    let invalid = error.is_some();
    let describedby = if invalid { "e-hs_code h-hs_code" } else { "h-hs_code" };
    view! {
        <div
            class="field"
            class:invalid=invalid
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <label for="f-hs_code">{label}" *"</label>
            {error.map(|e| view! { <p class="field-error" id="e-hs_code">{e}</p> })}
            <input
                id="f-hs_code"
                name="hs_code"
                type="text"
                value=value
                maxlength="200"
                autocomplete="off"
                list="hs-code-suggestions"
                aria-invalid=invalid.then_some("true")
                aria-describedby=describedby
                on:input=on_input
            />
            <datalist id="hs-code-suggestions">
                <For each=move || suggestions.get() key=|s| s.code.clone() let:s>
                    <option value=s.code.clone()>{format!("{} {}", s.code, s.description)}</option>
                </For>
            </datalist>
            <p class="hint" id="h-hs_code">{hint}</p>
        </div>
    }
}
