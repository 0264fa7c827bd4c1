//! The catalogue search form.
//!
//! Underneath it is a plain GET form, so every search is a URL and works without JavaScript.
//! As an island it adds HS-code suggestions while typing (a native `<datalist>`, so keyboard and
//! screen-reader behaviour come from the browser).

use crate::error::AppError;
use crate::models::catalogue::HsSuggestion;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// HS codes whose code starts with the query or whose description contains it.
#[server(endpoint = "suggest_hs")]
pub async fn suggest_hs(q: String) -> Result<Vec<HsSuggestion>, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::services::catalogue::suggest_hs(&state.db, &q, 8).await?)
}

/// Translated strings the island shows, passed as props (islands get no server context).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchBoxText {
    pub label: String,
    pub placeholder: String,
    pub button: String,
}

#[island]
pub fn SearchBox(value: String, text: SearchBoxText) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let suggestions = RwSignal::new(Vec::<HsSuggestion>::new());
    // Answers can arrive out of order: only the latest request may fill the list.
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
    view! {
        <form
            class="search-box"
            method="get"
            action="/search"
            role="search"
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <label for="q" class="visually-hidden">{text.label}</label>
            <input
                id="q"
                name="q"
                type="search"
                value=value
                maxlength="200"
                placeholder=text.placeholder
                autocomplete="off"
                list="q-suggestions"
                on:input=on_input
            />
            <datalist id="q-suggestions">
                <For each=move || suggestions.get() key=|s| s.code.clone() let:s>
                    <option value=s.code.clone()>{format!("{} {}", s.code, s.description)}</option>
                </For>
            </datalist>
            <button type="submit">{text.button}</button>
        </form>
    }
}
