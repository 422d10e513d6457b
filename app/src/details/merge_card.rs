//! R11, R12, R17: the merge-suggestions card at the top of the "Contact
//! details" tab: the candidates, each shared value with a green check mark,
//! "Merge" opening the review (R13) and "Not a duplicate" (R16).

use super::model::DuplicateContact;
use super::state::DrawerState;
use crate::auth::Viewer;
use crate::contacts::format::initials;
use crate::contacts::table::Channels;
use crate::i18n::{t_string, use_i18n};
use crate::icons::{Icon, LuCheck};
use crate::merge::api::merge_dismiss_suggestion;
use crate::merge::model::{merge_refusal, opened_from, review_href, DismissRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::merge::MAX_MERGE_CONTACTS;
use std::collections::BTreeSet;

/// Other contacts sharing the phone number or e-mail address, each shared
/// value marked with a green check mark.
#[component]
pub fn MergeCard(
    contact_id: i64,
    assignee_id: Option<i64>,
    duplicates: Vec<DuplicateContact>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<DrawerState>();
    let viewer = expect_context::<Viewer>();
    let location = use_location();
    let from = opened_from(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    );
    // A candidate marked "Not a duplicate" leaves the card at once; the
    // drawer then reads the contact again, without it.
    let dismissed = RwSignal::new(BTreeSet::<i64>::new());
    let dismiss = Action::new(move |other: &i64| {
        let other = *other;
        let request = DismissRequest {
            contact_ids: vec![contact_id, other],
        };
        async move { (other, merge_dismiss_suggestion(request).await) }
    });
    Effect::new(move |_| match dismiss.value().get() {
        Some((_, Ok(()))) => {
            state
                .notice
                .set(Some(t_string!(i18n, merge.dismissed).to_owned()));
            state.reload();
        }
        Some((other, Err(error))) => {
            dismissed.update(|gone| {
                gone.remove(&other);
            });
            state.notice.set(Some(error.to_string()));
        }
        None => {}
    });
    (!duplicates.is_empty()).then(|| {
        // Agents merge only contacts assigned to them: "Merge" is offered
        // only where the merge would be allowed.
        let may_merge_with =
            |other: Option<i64>| merge_refusal(&viewer, [assignee_id, other]).is_none();
        let may_merge_all = merge_refusal(
            &viewer,
            std::iter::once(assignee_id).chain(duplicates.iter().map(|d| d.assignee_id)),
        )
        .is_none();
        let everyone: Vec<i64> = std::iter::once(contact_id)
            .chain(duplicates.iter().map(|duplicate| duplicate.id))
            .take(MAX_MERGE_CONTACTS)
            .collect();
        let several = duplicates.len() > 1 && may_merge_all;
        let items = duplicates
            .into_iter()
            .map(|duplicate| {
                let mark = |same: bool, label: &'static str| {
                    same.then(|| view! { <span class="duplicate-mark" role="img" aria-label=label><Icon icon=LuCheck/></span> })
                };
                let name_id = format!("duplicate-{}", duplicate.id);
                let other = duplicate.id;
                view! {
                    <li class="duplicate" hidden=move || dismissed.with(|gone| gone.contains(&other))>
                        <span class="duplicate-who">
                            <span class="avatar" aria-hidden="true">{initials(&duplicate.name)}</span>
                            <a id=name_id.clone() href=state.contact_href(duplicate.id)>{duplicate.name.clone()}</a>
                            <Channels channels=duplicate.channels/>
                        </span>
                        {duplicate.phone.map(|phone| view! {
                            <span class="duplicate-value">{phone} {mark(duplicate.same_phone, t_string!(i18n, merge.card.duplicate_phone))}</span>
                        })}
                        {duplicate.email.map(|email| view! {
                            <span class="duplicate-value">{email} {mark(duplicate.same_email, t_string!(i18n, merge.card.duplicate_email))}</span>
                        })}
                        {may_merge_with(duplicate.assignee_id).then(|| view! {
                            <span class="duplicate-actions">
                                <a
                                    class="button small"
                                    href=review_href(&[contact_id, other], &from)
                                    aria-describedby=name_id.clone()
                                >
                                    {t_string!(i18n, merge.merge)}
                                </a>
                                <button
                                    type="button"
                                    class="button small"
                                    aria-describedby=name_id.clone()
                                    on:click=move |_| {
                                        dismissed.update(|gone| {
                                            gone.insert(other);
                                        });
                                        dismiss.dispatch(other);
                                    }
                                >
                                    {t_string!(i18n, merge.not_duplicate)}
                                </button>
                            </span>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="merge-card" aria-labelledby="merge-title">
                <h3 id="merge-title">{t_string!(i18n, merge.suggestions.title)}</h3>
                <p class="muted">{t_string!(i18n, merge.card.intro)}</p>
                <ul>{items}</ul>
                {several.then(|| view! {
                    <a class="button small" href=review_href(&everyone, &from)>{t_string!(i18n, merge.card.merge_all, count = everyone.len())}</a>
                })}
            </section>
        }
    })
}
