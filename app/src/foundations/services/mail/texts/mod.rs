//! The words of every mail, one table per interface language. English and Russian were
//! written by the developers; Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek are machine-assisted and
//! NOT yet reviewed by native speakers (terms as in app/locales/GLOSSARY.md): corrections go
//! here. Placeholders in braces are filled by `templates::render`.

use crate::foundations::i18n::Locale;

pub(super) struct Texts {
    pub(super) greeting: &'static str,
    pub(super) signature: &'static str,
    pub(super) ignore: &'static str,
    pub(super) confirm_subject: &'static str,
    pub(super) confirm_body: &'static str,
    pub(super) confirm_action: &'static str,
    pub(super) reset_subject: &'static str,
    pub(super) reset_body: &'static str,
    pub(super) reset_action: &'static str,
    pub(super) what_company: &'static str,
    pub(super) what_listing: &'static str,
    pub(super) what_edit: &'static str,
    pub(super) approved_subject: &'static str,
    pub(super) approved_body: &'static str,
    pub(super) rejected_subject: &'static str,
    pub(super) rejected_body: &'static str,
    pub(super) changes_subject: &'static str,
    pub(super) changes_body: &'static str,
    pub(super) suspended_subject: &'static str,
    pub(super) suspended_body: &'static str,
    pub(super) verified_subject: &'static str,
    pub(super) verified_body: &'static str,
    pub(super) account_action: &'static str,
    pub(super) change_subject: &'static str,
    pub(super) change_body: &'static str,
    pub(super) change_action: &'static str,
    pub(super) changed_subject: &'static str,
    pub(super) changed_body: &'static str,
    pub(super) inquiry_confirm_subject: &'static str,
    pub(super) inquiry_confirm_body: &'static str,
    pub(super) inquiry_confirm_action: &'static str,
    pub(super) inquiry_received_subject: &'static str,
    pub(super) inquiry_received_body: &'static str,
    pub(super) inquiry_received_action: &'static str,
    pub(super) inquiry_reply_subject: &'static str,
    pub(super) inquiry_reply_body: &'static str,
    pub(super) inquiry_reply_action: &'static str,
    pub(super) inquiry_your_message: &'static str,
    pub(super) detail_product: &'static str,
    pub(super) detail_quantity: &'static str,
    pub(super) detail_destination: &'static str,
    pub(super) rfq_confirm_subject: &'static str,
    pub(super) rfq_confirm_body: &'static str,
    pub(super) rfq_confirm_action: &'static str,
    pub(super) rfq_received_subject: &'static str,
    pub(super) rfq_received_body: &'static str,
    pub(super) rfq_received_action: &'static str,
    pub(super) rfq_quoted_subject: &'static str,
    pub(super) rfq_quoted_body: &'static str,
    pub(super) rfq_rejected_subject: &'static str,
    pub(super) rfq_rejected_body: &'static str,
    pub(super) claim_confirm_subject: &'static str,
    pub(super) claim_confirm_body: &'static str,
    pub(super) claim_confirm_action: &'static str,
    pub(super) claim_approved_subject: &'static str,
    pub(super) claim_approved_body: &'static str,
    pub(super) claim_rejected_subject: &'static str,
    pub(super) claim_rejected_body: &'static str,
}

mod en;
mod kk;
mod ky;
mod ru;
mod tg;
mod tk;
mod uz;

pub(super) fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &en::EN,
        Locale::Ru => &ru::RU,
        Locale::Kk => &kk::KK,
        Locale::Ky => &ky::KY,
        Locale::Tg => &tg::TG,
        Locale::Tk => &tk::TK,
        Locale::Uz => &uz::UZ,
    }
}
