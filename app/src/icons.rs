//! The app's icons: inline SVG from Lucide (interface) and Simple Icons
//! (channel brands), both through `icondata`, so no icon depends on the
//! reader's fonts. Each icon is its own static, so only the ones named here
//! end up in the browser's code.

use leptos::prelude::*;
use shared::channel::ChannelKind;

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
/// symbol for SMS, e-mail, website chat and custom channels.
#[component]
pub fn ChannelIcon(kind: ChannelKind) -> impl IntoView {
    view! { <Icon icon=channel_icon(kind) class="channel-mark"/> }
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
    fn brand_marks_are_filled_with_the_text_colour() {
        let html = view! { <ChannelIcon kind=ChannelKind::WhatsApp/> }.to_html();
        assert!(html.contains("class=\"icon channel-mark\""), "{html}");
        assert!(html.contains("fill=\"currentColor\""), "{html}");
    }
}
