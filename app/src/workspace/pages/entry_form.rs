//! What the company and product forms share: the moderator's reason when the entry was sent
//! back, and the buttons that save (and, after a send-back, save and resubmit in one click).

use crate::foundations::{domain::EntryStatus, i18n::use_strings};
use leptos::prelude::*;

/// The reason the entry was sent back with, while it is a draft or refused again.
pub fn sent_back_reason(status: Option<EntryStatus>, reason: Option<String>) -> Option<String> {
    let status = status.unwrap_or(EntryStatus::Draft);
    reason.filter(|_| matches!(status, EntryStatus::Draft | EntryStatus::Rejected))
}

/// The reason, kept in sight above the form.
#[component]
pub fn SentBackNotice(status: Option<EntryStatus>, reason: Option<String>) -> impl IntoView {
    let t = use_strings();
    let status = status.unwrap_or(EntryStatus::Draft);
    sent_back_reason(Some(status), reason).map(|r| {
        let label = super::account::state_label(t, status, true);
        let text = super::account::reason_text(t, status, &r);
        view! { <div class="notice changes" role="note"><strong>{label}</strong><p>{text}</p></div> }
    })
}

/// Save; after a send-back, "save and resubmit" first.
#[component]
pub fn SaveButtons(sent_back: bool) -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="actions">
            {sent_back.then(|| view! {
                <button type="submit" name="then" value="submit" class="primary">{t.listing_save_resubmit}</button>
            })}
            <button type="submit" class:primary=!sent_back>{t.form_save}</button>
        </p>
    }
}
