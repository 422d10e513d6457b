//! R11, R12, R17: the merge-suggestions card at the top of the "Contact
//! details" tab. The merge itself comes with its own flow; the card lists
//! the candidates and leaves room for it.

use super::model::DuplicateContact;
use super::state::DrawerState;
use leptos::prelude::*;

/// Other contacts sharing the phone number or e-mail address, each shared
/// value marked with a green check mark.
#[component]
pub fn MergeCard(duplicates: Vec<DuplicateContact>) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    (!duplicates.is_empty()).then(|| {
        let items = duplicates
            .into_iter()
            .map(|duplicate| {
                let mark = |same: bool, label: &'static str| {
                    same.then(|| view! { <span class="duplicate-mark" role="img" aria-label=label>"✓"</span> })
                };
                view! {
                    <li class="duplicate">
                        <a href=state.contact_href(duplicate.id)>{duplicate.name}</a>
                        {duplicate.phone.map(|phone| view! {
                            <span class="duplicate-value">{phone} {mark(duplicate.same_phone, "Duplicate phone number")}</span>
                        })}
                        {duplicate.email.map(|email| view! {
                            <span class="duplicate-value">{email} {mark(duplicate.same_email, "Duplicate email address")}</span>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="merge-card" aria-labelledby="merge-title">
                <h3 id="merge-title">"Merge suggestions"</h3>
                <p class="muted">"These contacts may be the same person."</p>
                <ul>{items}</ul>
            </section>
        }
    })
}
