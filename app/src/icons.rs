//! The app's icons: SVG from Lucide (interface) and Simple Icons (channel
//! brands), both through `icondata`, so no icon depends on the reader's
//! fonts. Each icon is its own static, so only the ones named here end up
//! in the browser's code.
//!
//! Interface icons are inline. Channel marks repeat on every row of the
//! contacts table and a brand's path is a kilobyte or two, so they come
//! from one sprite the browser caches ([`channel_sprite`]) and each mark is
//! a short `<use>` of it.

use leptos::prelude::*;
use shared::channel::ChannelKind;
use std::fmt::Write;
use std::hash::Hasher;
use std::sync::OnceLock;

pub use icondata::{
    LuArrowLeft, LuCheck, LuEllipsisVertical, LuGripVertical, LuIdCard, LuInfo, LuMessagesSquare,
    LuPencil, LuX,
};

/// One icon as inline `<svg>`, sized by the `icon` class (plus `class`).
/// Decorative: the control or text around it carries the name.
#[component]
pub fn Icon(icon: icondata::Icon, #[prop(optional)] class: &'static str) -> impl IntoView {
    let class = if class.is_empty() {
        "icon".to_owned()
    } else {
        format!("icon {class}")
    };
    view! {
        <svg
            class=class
            viewBox=icon.view_box
            width="1em"
            height="1em"
            fill=icon.fill.unwrap_or("currentColor")
            stroke=icon.stroke
            stroke-width=icon.stroke_width
            stroke-linecap=icon.stroke_linecap
            stroke-linejoin=icon.stroke_linejoin
            aria-hidden="true"
            focusable="false"
            inner_html=icon.data
        ></svg>
    }
}

/// The mark of a channel kind: the brand's logo for messengers, a generic
/// symbol for SMS, e-mail, website chat and custom channels. Decorative,
/// like [`Icon`].
#[component]
pub fn ChannelIcon(kind: ChannelKind) -> impl IntoView {
    let href = format!("{}#{}", channel_sprite_path(), kind.key());
    view! {
        <svg
            class="icon channel-mark"
            width="1em"
            height="1em"
            aria-hidden="true"
            focusable="false"
        >
            <use href=href></use>
        </svg>
    }
}

/// Every channel mark as a `<symbol>` named by its kind's key, in one SVG
/// document, built once.
pub fn channel_sprite() -> &'static str {
    static SPRITE: OnceLock<String> = OnceLock::new();
    SPRITE.get_or_init(build_channel_sprite)
}

fn build_channel_sprite() -> String {
    let mut sprite = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg">"#);
    for kind in ChannelKind::ALL {
        let icon = channel_icon(kind);
        let _ = write!(
            sprite,
            r#"<symbol id="{}" viewBox="{}" fill="{}""#,
            kind.key(),
            icon.view_box.unwrap_or("0 0 24 24"),
            icon.fill.unwrap_or("currentColor"),
        );
        let strokes = [
            ("stroke", icon.stroke),
            ("stroke-width", icon.stroke_width),
            ("stroke-linecap", icon.stroke_linecap),
            ("stroke-linejoin", icon.stroke_linejoin),
        ];
        for (name, value) in strokes {
            if let Some(value) = value {
                let _ = write!(sprite, r#" {name}="{value}""#);
            }
        }
        let _ = write!(sprite, ">{}</symbol>", icon.data);
    }
    sprite.push_str("</svg>");
    sprite
}

/// Where the sprite is served: the path names a hash of its content, so
/// browsers keep it for good and a changed sprite gets a new path. The
/// server and the browser compute the same path from the same icons.
pub fn channel_sprite_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(channel_sprite().as_bytes());
        format!("/icons/channels.{:016x}.svg", hasher.finish())
    })
}

fn channel_icon(kind: ChannelKind) -> icondata::Icon {
    match kind {
        ChannelKind::WhatsApp => icondata::SiWhatsapp,
        ChannelKind::Sms => icondata::LuMessageSquare,
        ChannelKind::Email => icondata::LuMail,
        ChannelKind::FacebookMessenger => icondata::SiMessenger,
        ChannelKind::Instagram => icondata::SiInstagram,
        ChannelKind::Telegram => icondata::SiTelegram,
        ChannelKind::Line => icondata::SiLine,
        ChannelKind::Viber => icondata::SiViber,
        ChannelKind::WeChat => icondata::SiWechat,
        ChannelKind::WebsiteChat => icondata::LuGlobe,
        ChannelKind::Custom => icondata::LuCodeXml,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_icon_is_decorative_inline_svg_without_inline_styles() {
        let html = view! { <Icon icon=LuX/> }.to_html();
        assert!(html.starts_with("<svg "), "{html}");
        assert!(html.contains("class=\"icon\""), "{html}");
        assert!(html.contains("viewBox=\"0 0 24 24\""), "{html}");
        assert!(html.contains("aria-hidden=\"true\""), "{html}");
        assert!(html.contains("focusable=\"false\""), "{html}");
        assert!(html.contains("<path"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn a_channel_mark_uses_its_symbol_in_the_sprite() {
        let html = view! { <ChannelIcon kind=ChannelKind::WhatsApp/> }.to_html();
        assert!(html.contains("class=\"icon channel-mark\""), "{html}");
        assert!(html.contains("aria-hidden=\"true\""), "{html}");
        let href = format!("<use href=\"{}#whatsapp\">", channel_sprite_path());
        assert!(html.contains(&href), "{html}");
    }

    #[test]
    fn the_sprite_has_every_kind_and_brands_take_the_text_colour() {
        let sprite = channel_sprite();
        for kind in ChannelKind::ALL {
            let symbol = format!("<symbol id=\"{}\" ", kind.key());
            assert_eq!(sprite.matches(&symbol).count(), 1, "{}", kind.key());
        }
        assert!(
            sprite.contains("<symbol id=\"whatsapp\" viewBox=\"0 0 24 24\" fill=\"currentColor\">")
        );
        assert!(sprite.contains(
            "<symbol id=\"email\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\""
        ));
        let path = channel_sprite_path();
        assert!(
            path.starts_with("/icons/channels.") && path.ends_with(".svg"),
            "{path}"
        );
    }
}
