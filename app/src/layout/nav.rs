use crate::auth::{LogOut, SetLanguage, SwitchWorkspace, Viewer};
use crate::i18n::{t_string, use_i18n};
use crate::layout::{current_language, FormFields, ServerForm};
use crate::wording::role_label;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::UiLanguage;

/// The side navigation: the product's pages, who is signed in, where, and
/// the way out.
#[component]
pub fn SideNav(viewer: Viewer) -> impl IntoView {
    let log_out = ServerAction::<LogOut>::new();
    let switch = ServerAction::<SwitchWorkspace>::new();
    let set_language = ServerAction::<SetLanguage>::new();
    Effect::new(move || {
        if let Some(Ok(())) = set_language.value().get() {
            let _ = window().location().reload();
        }
    });
    Effect::new(move || {
        if let Some(Ok(())) = log_out.value().get() {
            let _ = window().location().set_href("/login");
        }
    });
    Effect::new(move || {
        if let Some(Ok(_)) = switch.value().get() {
            let _ = window().location().set_href("/");
        }
    });
    let switch_error = move || {
        switch
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    let current_workspace = viewer.workspace.id;
    let has_several = viewer.workspaces.len() > 1;
    let workspaces = viewer.workspaces.clone();

    let read_switch = |fields: &FormFields| {
        let workspace_id = fields.number("workspace_id")?;
        Some(SwitchWorkspace { workspace_id })
    };
    let read_language = |fields: &FormFields| {
        Some(SetLanguage {
            language: fields.text("language"),
        })
    };

    let i18n = use_i18n();

    view! {
        <nav class="side-nav" aria-label=t_string!(i18n, nav.main)>
            <p class="brand">{t_string!(i18n, nav.contacts)}</p>
            <ul>
                <li><A href="/" exact=true>{t_string!(i18n, nav.dashboard)}</A></li>
                <li><A href="/inbox">{t_string!(i18n, nav.inbox)}</A></li>
                <li><A href="/contacts">{t_string!(i18n, nav.contacts)}</A></li>
                <li><A href="/settings">{t_string!(i18n, nav.settings)}</A></li>
            </ul>
            <section class="who" aria-label=t_string!(i18n, nav.signed_in)>
                <p class="who-name">{viewer.name.clone()}</p>
                <p class="who-meta">
                    <span data-testid="workspace-name">{viewer.workspace.name.clone()}</span>
                    " · "
                    <span data-testid="role">{role_label(viewer.role())}</span>
                </p>
                {has_several.then(|| view! {
                    <ServerForm action=switch read=read_switch class="switch-workspace">
                        <label for="workspace-switch">{t_string!(i18n, nav.workspace)}</label>
                        <select id="workspace-switch" name="workspace_id">
                            {workspaces
                                .iter()
                                .map(|workspace| {
                                    view! {
                                        <option
                                            value=workspace.id.to_string()
                                            selected=workspace.id == current_workspace
                                        >
                                            {workspace.name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <button type="submit" class="button">{t_string!(i18n, nav.switch_workspace)}</button>
                        <p class="form-error" role="alert">{switch_error}</p>
                    </ServerForm>
                })}
                <ServerForm action=set_language read=read_language class="language-choice">
                    <label for="language-choice">{t_string!(i18n, nav.language)}</label>
                    <select id="language-choice" name="language">
                        {UiLanguage::ALL
                            .into_iter()
                            .map(|language| {
                                view! {
                                    <option
                                        value=language.code()
                                        lang=language.code()
                                        selected=language == current_language()
                                    >
                                        {language.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button">{t_string!(i18n, nav.change_language)}</button>
                </ServerForm>
                <ServerForm action=log_out read=|_: &FormFields| Some(LogOut {})>
                    <button type="submit" class="button">{t_string!(i18n, nav.sign_out)}</button>
                </ServerForm>
            </section>
        </nav>
    }
}
