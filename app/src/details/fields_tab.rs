//! The "Contact details" tab (R11, R18–R23): merge suggestions, the fields
//! in the workspace's order, and the tags.

use super::custom_fields::CustomFieldRow;
use super::field_editor::{Check, Control, FieldEditor, Target};
use super::merge_card::MergeCard;
use super::model::ContactDetails;
use super::state::DrawerState;
use super::tags::TagsSection;
use crate::i18n::{t_string, use_i18n};
use crate::layout::current_language;
use crate::wording::{conversation_status_label, field_label};
use leptos::prelude::*;
use shared::permissions::{assign_to_refusal, Action};
use shared::{Country, FieldKey, Language, StandardField};

/// Every field of the contact, in the workspace's order (R20).
#[component]
pub fn FieldsTab(contact: ContactDetails) -> impl IntoView {
    let state = expect_context::<DrawerState>();
    let may_edit = state.may(Action::EditFields, contact.assignee_id);
    let rows = contact
        .field_order
        .iter()
        .map(|key| match FieldKey::from(key.clone()) {
            FieldKey::Standard(field) => standard_row(&contact, field),
            FieldKey::Custom(key) => contact
                .custom_fields
                .iter()
                .find(|entry| entry.definition.key() == key)
                .map_or_else(
                    || ().into_any(),
                    |entry| {
                        view! {
                            <CustomFieldRow
                                entry=entry.clone()
                                version=contact.version
                                region=contact.country.clone()
                                editable=may_edit
                            />
                        }
                        .into_any()
                    },
                ),
        })
        .collect_view();
    view! {
        <h3 class="visually-hidden">{t_string!(use_i18n(), details.contact_details)}</h3>
        <MergeCard contact_id=contact.id assignee_id=contact.assignee_id duplicates=contact.duplicates.clone()/>
        <div class="field-list">{rows}</div>
        <TagsSection contact=contact.clone()/>
        <CountryOptions/>
        <LanguageOptions/>
    }
    .into_any()
}

fn standard_row(contact: &ContactDetails, field: StandardField) -> AnyView {
    let state = expect_context::<DrawerState>();
    let may_edit = state.may(Action::EditFields, contact.assignee_id);
    let label = field_label(field);
    let version = contact.version;
    let editor = |display: Option<String>,
                  initial: String,
                  control: Control,
                  rule: Check,
                  editable: bool| {
        view! {
            <FieldEditor
                label=label
                display=display
                initial=initial
                control=control
                rule=rule
                target=Target::Standard(field)
                version=version
                editable=editable
            />
        }
        .into_any()
    };
    let read_only = |value: String| {
        view! {
            <div class="field-row" data-field=format!("field-{}", field.key())>
                <span class="field-label">{label}</span>
                <div class="field-value"><span>{value}</span></div>
            </div>
        }
        .into_any()
    };
    match field {
        StandardField::Profile => read_only(if contact.profile_name.trim().is_empty() {
            "—".to_owned()
        } else {
            contact.profile_name.clone()
        }),
        StandardField::FirstName => read_only(contact.first_name.clone()),
        StandardField::LastName => read_only(contact.last_name.clone()),
        StandardField::Country => {
            let country = contact.country.as_deref().and_then(Country::from_code);
            let language = current_language();
            let display = country.map(|c| {
                let name = c.name_in(language);
                if contact.country_manual {
                    name.to_owned()
                } else {
                    t_string!(use_i18n(), details.country_from_phone, country = name)
                }
            });
            let initial = if contact.country_manual {
                country
                    .map(|c| c.name_in(language).to_owned())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            editor(
                display,
                initial,
                Control::Search("country-options"),
                Check::Country,
                may_edit,
            )
        }
        StandardField::Language => {
            let language = contact
                .language
                .as_deref()
                .and_then(|tag| Language::parse_tag(tag).ok());
            let display = language.map(|language| language.name_in(current_language()));
            editor(
                display.clone(),
                display.unwrap_or_default(),
                Control::Search("language-options"),
                Check::Language,
                may_edit,
            )
        }
        StandardField::Email => editor(
            contact.email.clone(),
            contact.email.clone().unwrap_or_default(),
            Control::Input("email"),
            Check::Email,
            may_edit,
        ),
        StandardField::Phone => view! {
            <FieldEditor
                label=label
                display=contact.phone_display.clone()
                link=contact.phone.clone().map(|e164| format!("tel:{e164}"))
                initial=contact.phone_display.clone().unwrap_or_default()
                control=Control::Input("tel")
                rule=Check::Phone(contact.country.clone())
                target=Target::Standard(field)
                version=version
                editable=may_edit
            />
        }
        .into_any(),
        StandardField::Assignee => {
            let display = contact
                .assignee_id
                .and_then(|id| contact.members.iter().find(|m| m.id == id))
                .map(|member| member.name.clone());
            // The same rule the server applies: agents offer only themselves.
            let mut options = vec![(
                String::new(),
                t_string!(use_i18n(), common.unassigned).to_owned(),
            )];
            options.extend(
                contact
                    .members
                    .iter()
                    .filter(|m| {
                        assign_to_refusal(state.role, state.assignment(Some(m.id))).is_none()
                    })
                    .map(|m| (m.id.to_string(), m.name.clone())),
            );
            editor(
                display,
                contact
                    .assignee_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                Control::Choice(options),
                Check::Nothing,
                state.may(Action::Assign, contact.assignee_id),
            )
        }
        StandardField::ConversationStatus => read_only(contact.conversation_status.map_or_else(
            || t_string!(use_i18n(), details.no_conversation).to_owned(),
            |status| conversation_status_label(status).to_owned(),
        )),
    }
}

/// The countries the country input searches.
#[component]
fn CountryOptions() -> impl IntoView {
    view! {
        <datalist id="country-options">
            {Country::by_name_in(current_language()).into_iter().map(|c| view! { <option value=c.name_in(current_language())></option> }).collect_view()}
        </datalist>
    }
    .into_any()
}

/// The languages the language input searches.
#[component]
fn LanguageOptions() -> impl IntoView {
    view! {
        <datalist id="language-options">
            {Language::by_name_in(current_language()).into_iter().map(|l| view! { <option value=l.name_in(current_language())></option> }).collect_view()}
        </datalist>
    }
    .into_any()
}
