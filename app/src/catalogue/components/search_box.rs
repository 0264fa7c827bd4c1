//! The catalogue search form.
//!
//! Underneath it is a plain GET form, so every search is a URL and works without JavaScript.
//! As an island it adds HS-code suggestions while typing (an ARIA combobox, see
//! [`crate::foundations::components::hs_combobox`]).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    let attrs = crate::foundations::components::hs_combobox::HsBoxAttrs {
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
            <crate::foundations::components::hs_combobox::HsCombobox attrs hydrated/>
            <button type="submit">{text.button}</button>
        </form>
    }
}
