//! The HS-code suggestions of the search box and of the HS field, as one ARIA 1.2 combobox: the
//! text box owns a list of suggested codes that opens while typing; ArrowDown/ArrowUp move
//! through it (`aria-activedescendant`), Enter takes the highlighted code, Escape closes the list,
//! a click takes a code too. Without JavaScript it is a plain text box (the form still works:
//! words come back as a list of codes to choose from).

use crate::foundations::{error::AppError, models::HsSuggestion};
use leptos::prelude::*;

/// HS codes whose code starts with the query or whose description contains it.
#[server(endpoint = "suggest_hs")]
pub async fn suggest_hs(q: String) -> Result<Vec<HsSuggestion>, AppError> {
    let state = crate::state::app_state()?;
    let (names, locale) =
        (state.names().await?, crate::foundations::i18n::resolve_request_locale());
    let mut found = crate::foundations::services::hs_lookup::suggest_hs(&state.db, &q, 8).await?;
    for s in &mut found {
        s.description = names.hs_text(&s.code, std::mem::take(&mut s.description), locale);
    }
    Ok(found)
}

/// What the text box is, besides being a combobox.
#[derive(Clone, Debug, Default)]
pub struct HsBoxAttrs {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub placeholder: Option<String>,
    pub describedby: Option<&'static str>,
    pub invalid: bool,
}

#[component]
pub fn HsCombobox(attrs: HsBoxAttrs, hydrated: RwSignal<bool>) -> impl IntoView {
    let suggestions = RwSignal::new(Vec::<HsSuggestion>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let input = NodeRef::<leptos::html::Input>::new();
    let listbox = format!("{}-listbox", attrs.id);
    let option_id = {
        let listbox = listbox.clone();
        move |i: usize| format!("{listbox}-{i}")
    };
    // Answers can arrive out of order: only the latest request may fill the list.
    let latest = StoredValue::new(0u64);
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        active.set(None);
        if q.trim().chars().count() < 2 {
            suggestions.set(Vec::new());
            open.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = suggest_hs(q).await
                && latest.get_value() == ticket
            {
                open.set(!found.is_empty());
                suggestions.set(found);
            }
        });
    };
    let choose = move |i: usize| {
        if let Some(s) = suggestions.with_untracked(|list| list.get(i).cloned())
            && let Some(el) = input.get_untracked()
        {
            el.set_value(&s.code);
        }
        open.set(false);
        active.set(None);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" if open.get_untracked() && active.get_untracked().is_some() => {
                // Takes the code instead of sending the form.
                ev.prevent_default();
                choose(active.get_untracked().unwrap_or_default());
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let expanded = move || open.get() && !suggestions.with(Vec::is_empty);
    let activedescendant = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| expanded()).map(&option_id)
    };
    // The combobox roles only once the island runs: without JavaScript there is no list.
    let on = move || hydrated.get();
    view! {
        <div class="combobox">
            <input
                node_ref=input
                id=attrs.id
                name=attrs.name
                type=attrs.kind
                value=attrs.value
                maxlength="200"
                placeholder=attrs.placeholder
                autocomplete="off"
                aria-invalid=attrs.invalid.then_some("true")
                aria-describedby=attrs.describedby
                role=move || on().then_some("combobox")
                aria-autocomplete=move || on().then_some("list")
                aria-expanded=move || on().then(|| if expanded() { "true" } else { "false" })
                aria-controls=move || on().then(|| listbox.clone())
                aria-activedescendant=activedescendant
                on:input=on_input
                on:keydown=on_keydown
                on:blur=move |_| open.set(false)
            />
            <ul
                id=format!("{}-listbox", attrs.id)
                role="listbox"
                class="combobox-list"
                hidden=move || !expanded()
            >
                <For
                    each=move || suggestions.get().into_iter().enumerate()
                    key=|(i, s)| (*i, s.code.clone())
                    let:item
                >
                    {
                        let (i, s) = item;
                        let id = option_id(i);
                        view! {
                            <li
                                id=id
                                role="option"
                                data-code=s.code.clone()
                                class:active=move || active.get() == Some(i)
                                aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                // Before the box loses focus (blur closes the list).
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    choose(i);
                                }
                            >
                                <code>{s.code.clone()}</code>
                                " "
                                {s.description.clone()}
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}
