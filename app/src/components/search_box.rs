//! The catalogue search form.
//!
//! Underneath it is a plain GET form, so every search is a URL and works without JavaScript.
//! As an island it adds HS-code suggestions while typing (an ARIA combobox, see
//! [`super::hs_combobox`]).

use crate::error::AppError;
use crate::models::catalogue::HsSuggestion;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// HS codes whose code starts with the query or whose description contains it.
#[server(endpoint = "suggest_hs")]
pub async fn suggest_hs(q: String) -> Result<Vec<HsSuggestion>, AppError> {
    let state = crate::state::app_state()?;
    let (names, locale) = (state.names().await?, crate::i18n::resolve_request_locale());
    let mut found = crate::services::catalogue::suggest_hs(&state.db, &q, 8).await?;
    for s in &mut found {
        s.description = names.hs_text(&s.code, std::mem::take(&mut s.description), locale);
    }
    Ok(found)
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
    let attrs = super::hs_combobox::HsBoxAttrs {
        id: "q",
        name: "q",
        kind: "search",
        value,
        placeholder: Some(text.placeholder),
        ..Default::default()
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
            <super::hs_combobox::HsCombobox attrs hydrated/>
            <button type="submit">{text.button}</button>
        </form>
    }
}
