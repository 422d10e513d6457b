//! Settings → "Channels": the workspace's channels with the endpoint that
//! receives their incoming messages; owners see, copy and rotate the tokens.

use super::api::{channels_list, ChannelsRotateToken};
use super::model::ChannelRow;
use super::page_title;
use crate::details::browser::focus_id;
use crate::i18n::{t_string, tu_string, use_i18n};
use crate::layout::{FormFields, PageTitle, ServerForm};
use crate::wording::channel_kind_label;
use leptos::prelude::*;

/// The channels page.
#[component]
pub fn ChannelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let rotate = ServerAction::<ChannelsRotateToken>::new();
    let channels = Resource::new(move || rotate.version().get(), |_| channels_list());
    // Effects run only in the browser, so this turns true once the page's
    // code is running; until then the controls stay plain forms.
    let scripted = RwSignal::new(false);
    Effect::new(move || scripted.set(true));
    let rotate_error = move || {
        rotate
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    };
    view! {
        <PageTitle text=page_title(t_string!(i18n, settings.channels.title))/>
        <h1>{t_string!(i18n, settings.channels.title)}</h1>
        <p class="muted">
            {t_string!(i18n, settings.channels.intro)} " " <code>"Authorization: Bearer <token>"</code> "."
        </p>
        <p class="form-error" role="alert">{rotate_error}</p>
        <Transition fallback=move || view! { <p class="loading">{t_string!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match channels.await {
                    Ok(rows) => view! {
                        <ul class="channel-settings" aria-label=t_string!(i18n, settings.channels.title)>
                            {rows.into_iter().map(|row| view! { <ChannelCard row rotate scripted/> }).collect_view()}
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
fn ChannelCard(
    row: ChannelRow,
    rotate: ServerAction<ChannelsRotateToken>,
    scripted: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let token_label = t_string!(i18n, settings.channels.token_of, name = &row.name);
    let token_id = format!("channel-token-{}", row.id);
    let channel_id = row.id;
    let name = row.name.clone();
    let token_controls = row.token.map(|token| {
        let copy_name = name.clone();
        let copied_token = token.clone();
        let rotate_controls = move || {
            let name = name.clone();
            if scripted.get() {
                view! { <ConfirmedRotate channel_id name rotate/> }.into_any()
            } else {
                view! {
                    <ServerForm action=rotate read=move |_: &FormFields| Some(ChannelsRotateToken { channel_id })>
                        <input type="hidden" name="channel_id" value=channel_id.to_string()/>
                        <button type="submit" class="button">
                            {t_string!(i18n, settings.channels.rotate)}
                            <span class="visually-hidden">" " {t_string!(i18n, settings.channels.rotate_of, name)}</span>
                        </button>
                    </ServerForm>
                }
                .into_any()
            }
        };
        view! {
            <label for=token_id.clone()>{token_label}</label>
            <div class="token-row">
                <input id=token_id class="token" readonly value=token/>
                {move || {
                    scripted
                        .get()
                        .then(|| view! { <CopyButton token=copied_token.clone() name=copy_name.clone()/> })
                }}
            </div>
            {rotate_controls}
        }
    });
    view! {
        <li class="channel-setting">
            <h2>{row.name.clone()}</h2>
            <p class="muted">{channel_kind_label(row.kind)}</p>
            <p>{t_string!(i18n, settings.channels.endpoint)} " " <code>{row.endpoint_url.clone()}</code></p>
            {token_controls}
        </li>
    }
}

/// "Copy" and its feedback, announced by screen readers.
#[component]
fn CopyButton(token: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let feedback = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        feedback.set(None);
        let token = token.clone();
        leptos::task::spawn_local(async move {
            let copied = copy_text(&token).await;
            feedback.set(Some(if copied {
                tu_string!(i18n, settings.channels.copied)
            } else {
                tu_string!(i18n, settings.channels.copy_failed)
            }));
        });
    };
    view! {
        <button type="button" class="button" on:click=copy>
            {t_string!(i18n, settings.channels.copy)}
            <span class="visually-hidden">" " {t_string!(i18n, settings.channels.copy_of, name)}</span>
        </button>
        <span class="copy-status" role="status" aria-live="polite">{move || feedback.get()}</span>
    }
}

/// Writes `text` to the clipboard; whether it worked.
async fn copy_text(text: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let promise = window().navigator().clipboard().write_text(text);
        wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = text;
        false
    }
}

/// "Rotate token" that asks first, saying what rotating breaks.
#[component]
fn ConfirmedRotate(
    channel_id: i64,
    name: String,
    rotate: ServerAction<ChannelsRotateToken>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let opener_id = format!("rotate-token-{channel_id}");
    let cancel_id = format!("rotate-cancel-{channel_id}");
    let question_id = format!("rotate-question-{channel_id}");
    let warning_id = format!("rotate-warning-{channel_id}");
    let question = t_string!(i18n, settings.channels.rotate_question, name = &name);
    let back_to_opener = opener_id.clone();
    let cancel = move || {
        asking.set(false);
        focus_id(&back_to_opener);
    };
    let cancel_on_escape = cancel.clone();
    let focus_cancel = cancel_id.clone();
    view! {
        <button
            type="button"
            class="button"
            id=opener_id
            aria-haspopup="dialog"
            on:click=move |_| {
                asking.set(true);
                focus_id(&focus_cancel);
            }
        >
            {t_string!(i18n, settings.channels.rotate)}
            <span class="visually-hidden">" " {t_string!(i18n, settings.channels.rotate_of, name)}</span>
        </button>
        <Show when=move || asking.get()>
            <div
                class="confirm"
                role="alertdialog"
                aria-labelledby=question_id.clone()
                aria-describedby=warning_id.clone()
                on:keydown={
                    let cancel = cancel_on_escape.clone();
                    move |event: leptos::ev::KeyboardEvent| {
                        if event.key() == "Escape" {
                            event.prevent_default();
                            cancel();
                        }
                    }
                }
            >
                <p id=question_id.clone()><strong>{question.clone()}</strong></p>
                <p id=warning_id.clone()>{t_string!(i18n, settings.channels.rotate_warning)}</p>
                <button
                    type="button"
                    class="button danger"
                    disabled=move || rotate.pending().get()
                    on:click=move |_| {
                        asking.set(false);
                        rotate.dispatch(ChannelsRotateToken { channel_id });
                    }
                >
                    {t_string!(i18n, settings.channels.rotate)}
                </button>
                <button
                    type="button"
                    class="button"
                    id=cancel_id.clone()
                    on:click={
                        let cancel = cancel.clone();
                        move |_| cancel()
                    }
                >
                    {t_string!(i18n, common.cancel)}
                </button>
            </div>
        </Show>
    }
}
