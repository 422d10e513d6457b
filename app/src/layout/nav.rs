use crate::auth::{LogOut, SwitchWorkspace, Viewer};
use leptos::prelude::*;
use leptos_router::components::A;

/// The side navigation: the product's pages, who is signed in, where, and
/// the way out.
#[component]
pub fn SideNav(viewer: Viewer) -> impl IntoView {
    let log_out = ServerAction::<LogOut>::new();
    let switch = ServerAction::<SwitchWorkspace>::new();
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

    view! {
        <nav class="side-nav" aria-label="Main">
            <p class="brand">"Contacts"</p>
            <ul>
                <li><A href="/" exact=true>"Dashboard"</A></li>
                <li><A href="/inbox">"Inbox"</A></li>
                <li><A href="/contacts">"Contacts"</A></li>
                <li><A href="/settings">"Settings"</A></li>
            </ul>
            <section class="who" aria-label="Signed in">
                <p class="who-name">{viewer.name.clone()}</p>
                <p class="who-meta">
                    <span data-testid="workspace-name">{viewer.workspace.name.clone()}</span>
                    " · "
                    <span data-testid="role">{viewer.role().label()}</span>
                </p>
                {has_several.then(|| view! {
                    <ActionForm action=switch attr:class="switch-workspace">
                        <label for="workspace-switch">"Workspace"</label>
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
                        <button type="submit" class="button">"Switch"</button>
                        <p class="form-error" role="alert">{switch_error}</p>
                    </ActionForm>
                })}
                <ActionForm action=log_out>
                    <button type="submit" class="button">"Sign out"</button>
                </ActionForm>
            </section>
        </nav>
    }
}
