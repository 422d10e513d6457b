//! Settings → "Channels": the workspace's channels with the endpoint that
//! receives their incoming messages; owners see and rotate the tokens.

use super::api::{channels_list, ChannelsRotateToken};
use super::model::ChannelRow;
use leptos::prelude::*;
use leptos_meta::Title;

/// The channels page.
#[component]
pub fn ChannelsPage() -> impl IntoView {
    let rotate = ServerAction::<ChannelsRotateToken>::new();
    let channels = Resource::new(move || rotate.version().get(), |_| channels_list());
    let rotate_error = move || {
        rotate
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    view! {
        <Title text="Channels · Settings · Contacts"/>
        <h1>"Channels"</h1>
        <p class="muted">
            "Each channel posts its incoming messages as JSON to its endpoint, with its token "
            "in the header " <code>"Authorization: Bearer <token>"</code> "."
        </p>
        <p class="form-error" role="alert">{rotate_error}</p>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match channels.await {
                    Ok(rows) => view! {
                        <ul class="channel-settings" aria-label="Channels">
                            {rows.into_iter().map(|row| view! { <ChannelCard row rotate/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ChannelCard(row: ChannelRow, rotate: ServerAction<ChannelsRotateToken>) -> impl IntoView {
    let token_label = format!("Token of {}", row.name);
    let token_id = format!("channel-token-{}", row.id);
    view! {
        <li class="channel-setting">
            <h2>{row.name.clone()}</h2>
            <p class="muted">{row.kind.label()}</p>
            <p>"Endpoint: " <code>{row.endpoint_url.clone()}</code></p>
            {row.token.map(|token| view! {
                <label for=token_id.clone()>{token_label.clone()}</label>
                <input id=token_id.clone() class="token" readonly value=token/>
                <ActionForm action=rotate>
                    <input type="hidden" name="channel_id" value=row.id.to_string()/>
                    <button type="submit" class="button">
                        "Rotate token"
                        <span class="visually-hidden">" of " {row.name.clone()}</span>
                    </button>
                </ActionForm>
            })}
        </li>
    }
}
