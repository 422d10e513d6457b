//! Small browser-only helpers of the drawer: keeping focus inside it and
//! showing times in the user's locale and time zone.

use leptos::prelude::*;

/// Elements that take keyboard focus, for the focus trap.
#[cfg(feature = "hydrate")]
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab and Shift+Tab inside `container`: from the last focusable
/// element Tab goes to the first, and Shift+Tab from the first to the last.
pub fn trap_focus(container: &NodeRef<leptos::html::Aside>, event: &leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(container) = container.get_untracked() else {
            return;
        };
        let Ok(nodes) = container.query_selector_all(FOCUSABLE) else {
            return;
        };
        let elements: Vec<web_sys::HtmlElement> = (0..nodes.length())
            .filter_map(|index| nodes.item(index))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|element| element.offset_parent().is_some())
            .collect();
        let (Some(first), Some(last)) = (elements.first(), elements.last()) else {
            return;
        };
        let active = document().active_element();
        let at = |element: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|active| active == element.unchecked_ref::<web_sys::Element>())
        };
        let inside = active
            .as_ref()
            .is_some_and(|active| container.contains(Some(active)));
        if event.shift_key() && (at(first) || !inside) {
            event.prevent_default();
            let _ = last.focus();
        } else if !event.shift_key() && (at(last) || !inside) {
            event.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (container, event);
}

/// Focuses the element with `id` once the page has updated, if it is there.
pub fn focus_id(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let id = id.to_owned();
        request_animation_frame(move || {
            if let Some(element) = document()
                .get_element_by_id(&id)
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.focus();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Scrolls the element with `id` into view, its bottom edge first (a list
/// that opened below the fold), once the page has updated.
pub fn reveal_id(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        let id = id.to_owned();
        request_animation_frame(move || {
            if let Some(element) = document().get_element_by_id(&id) {
                element.scroll_into_view_with_bool(false);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The id of the element that has focus, if it has one.
pub fn focused_id() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .active_element()
            .map(|element| element.id())
            .filter(|id| !id.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Moves focus `step` places (1 down, -1 up) through the elements of
/// `container_id` that match `selector`, stopping at either end; from
/// outside the list, down goes to the first.
pub fn move_focus(container_id: &str, selector: &str, step: i32) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(container) = document().get_element_by_id(container_id) else {
            return;
        };
        let Ok(nodes) = container.query_selector_all(selector) else {
            return;
        };
        let elements: Vec<web_sys::HtmlElement> = (0..nodes.length())
            .filter_map(|index| nodes.item(index))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let active = document().active_element();
        let at = elements.iter().position(|element| {
            active
                .as_ref()
                .is_some_and(|active| active == element.unchecked_ref::<web_sys::Element>())
        });
        let next = match (at, step) {
            (None, step) if step > 0 => Some(0),
            (None, _) => None,
            (Some(at), step) => at.checked_add_signed(step as isize),
        };
        if let Some(element) = next.and_then(|index| elements.get(index)) {
            let _ = element.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (container_id, selector, step);
}

/// A time as the server renders it: UTC, `2025-03-01 14:05 UTC`.
pub fn utc_label(unix_seconds: i64) -> String {
    format!("{} UTC", shared::timestamp::format_utc(unix_seconds))
}

/// A time in the page's language and the browser's time zone, e.g.
/// "Dec 2, 2026, 2:05 PM" or „2. Dez. 2026, 14:05“ (the server's UTC label
/// until the page is interactive).
pub fn local_label(unix_seconds: i64) -> Signal<String> {
    let label = RwSignal::new(utc_label(unix_seconds));
    #[cfg(feature = "hydrate")]
    {
        let locale = crate::layout::current_language().locale_tag();
        Effect::new(move || {
            let millis = unix_seconds as f64 * 1000.0;
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
            let options = js_sys::Object::new();
            for (key, value) in [
                ("year", "numeric"),
                ("month", "short"),
                ("day", "numeric"),
                ("hour", "numeric"),
                ("minute", "2-digit"),
            ] {
                let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
            }
            let text = date.to_locale_string(locale, &options);
            label.set(String::from(text));
        });
    }
    label.into()
}

#[cfg(test)]
mod tests {
    use super::utc_label;

    #[test]
    fn r6_connection_times_render_in_utc_on_the_server() {
        assert_eq!(utc_label(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_label(1_709_215_500), "2024-02-29 14:05 UTC");
    }
}
