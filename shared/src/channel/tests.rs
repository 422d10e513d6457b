use super::*;
use proptest::prelude::*;

fn channel(id: i64, kind: ChannelKind) -> WorkspaceChannel {
    WorkspaceChannel {
        id,
        kind,
        name: format!("{} #{id}", kind.label()),
    }
}

fn link(channel_id: i64, connected_at: i64) -> ChannelLink {
    ChannelLink {
        channel_id,
        connected_at,
        has_interactions: true,
    }
}

/// One workspace channel of every kind, with ids 1 to 11.
fn every_kind() -> Vec<WorkspaceChannel> {
    ChannelKind::ALL
        .into_iter()
        .zip(1..)
        .map(|(kind, id)| channel(id, kind))
        .collect()
}

fn availability_of(statuses: &[ChannelStatus], kind: ChannelKind) -> Availability {
    statuses
        .iter()
        .find(|s| s.channel.kind == kind)
        .map(|s| s.availability)
        .expect("listed")
}

#[test]
fn channel_kinds_have_stable_keys_and_labels() {
    let keys: Vec<_> = ChannelKind::ALL.iter().map(|k| k.key()).collect();
    assert_eq!(
        keys,
        [
            "whatsapp",
            "sms",
            "email",
            "facebook",
            "instagram",
            "telegram",
            "line",
            "viber",
            "wechat",
            "webchat",
            "custom"
        ]
    );
    for kind in ChannelKind::ALL {
        assert_eq!(kind.key().parse(), Ok(kind));
        assert_eq!(
            serde_json::to_string(&kind).ok(),
            Some(format!("\"{}\"", kind.key()))
        );
        assert!(!kind.label().is_empty());
    }
    assert_eq!("fax".parse::<ChannelKind>(), Err(UnknownChannelKind));
    assert_eq!(ChannelKind::FacebookMessenger.label(), "Facebook Messenger");
}

#[test]
fn r5_every_workspace_channel_is_listed_in_order() {
    let channels = every_kind();
    let statuses = classify(&channels, &[], true, true);
    let ids: Vec<_> = statuses.iter().map(|s| s.channel.id).collect();
    assert_eq!(ids, (1..=11).collect::<Vec<_>>());
    assert!(classify(&[], &[link(1, 0)], true, true).is_empty());
}

#[test]
fn r6_linked_channel_with_interactions_is_active_with_connected_at() {
    let channels = every_kind();
    let telegram = 6;
    let statuses = classify(&channels, &[link(telegram, 1_700_000_000)], false, false);
    assert_eq!(
        availability_of(&statuses, ChannelKind::Telegram),
        Availability::Active {
            connected_at: 1_700_000_000
        }
    );
}

#[test]
fn r6_earliest_link_counts_and_links_without_interactions_do_not() {
    let channels = vec![
        channel(1, ChannelKind::WhatsApp),
        channel(2, ChannelKind::Viber),
    ];
    let links = [
        link(1, 300),
        link(1, 100),
        ChannelLink {
            channel_id: 2,
            connected_at: 50,
            has_interactions: false,
        },
    ];
    let statuses = classify(&channels, &links, false, false);
    assert_eq!(
        statuses[0].availability,
        Availability::Active { connected_at: 100 }
    );
    assert_eq!(statuses[1].availability, Availability::Unavailable);
}

#[test]
fn r6_links_to_other_channels_are_ignored() {
    let channels = vec![channel(1, ChannelKind::Line)];
    let statuses = classify(&channels, &[link(99, 10)], false, false);
    assert_eq!(statuses[0].availability, Availability::Unavailable);
}

#[test]
fn r7_only_an_active_facebook_card_shows_the_facebook_link() {
    let channels = vec![
        channel(1, ChannelKind::FacebookMessenger),
        channel(2, ChannelKind::FacebookMessenger),
        channel(3, ChannelKind::Instagram),
    ];
    let statuses = classify(&channels, &[link(1, 5), link(3, 5)], true, true);
    assert!(statuses[0].shows_facebook_link());
    assert!(!statuses[1].shows_facebook_link(), "not connected");
    assert!(!statuses[2].shows_facebook_link(), "not Facebook");
}

#[test]
fn r8_whatsapp_and_sms_are_inactive_when_the_contact_has_a_phone() {
    let statuses = classify(&every_kind(), &[], true, false);
    assert_eq!(
        availability_of(&statuses, ChannelKind::WhatsApp),
        Availability::Inactive
    );
    assert_eq!(
        availability_of(&statuses, ChannelKind::Sms),
        Availability::Inactive
    );
    assert_eq!(
        availability_of(&statuses, ChannelKind::Email),
        Availability::Unavailable
    );
}

#[test]
fn r8_email_is_inactive_when_the_contact_has_an_email_address() {
    let statuses = classify(&every_kind(), &[], false, true);
    assert_eq!(
        availability_of(&statuses, ChannelKind::Email),
        Availability::Inactive
    );
    assert_eq!(
        availability_of(&statuses, ChannelKind::WhatsApp),
        Availability::Unavailable
    );
    assert_eq!(
        availability_of(&statuses, ChannelKind::Sms),
        Availability::Unavailable
    );
}

#[test]
fn r8_inactive_cards_offer_send_first_message_and_can_start_agrees() {
    let statuses = classify(&every_kind(), &[link(1, 9)], true, true);
    for status in &statuses {
        let expected = matches!(status.channel.kind, ChannelKind::Sms | ChannelKind::Email);
        assert_eq!(
            status.can_send_first_message(),
            expected,
            "{:?}",
            status.channel.kind
        );
    }
    assert!(can_start_conversation(ChannelKind::WhatsApp, true, false));
    assert!(!can_start_conversation(ChannelKind::WhatsApp, false, true));
    assert!(can_start_conversation(ChannelKind::Email, false, true));
    assert!(!can_start_conversation(ChannelKind::Telegram, true, true));
}

#[test]
fn r9_every_other_channel_is_unavailable_without_a_link() {
    let statuses = classify(&every_kind(), &[], true, true);
    for status in statuses {
        let startable = matches!(
            status.channel.kind,
            ChannelKind::WhatsApp | ChannelKind::Sms | ChannelKind::Email
        );
        if !startable {
            assert_eq!(
                status.availability,
                Availability::Unavailable,
                "{:?}",
                status.channel.kind
            );
            assert!(!status.can_send_first_message());
            assert!(!status.is_removable());
        }
    }
}

#[test]
fn r9_nothing_can_be_started_without_phone_or_email() {
    let statuses = classify(&every_kind(), &[], false, false);
    assert!(statuses
        .iter()
        .all(|s| s.availability == Availability::Unavailable));
}

#[test]
fn r10_only_active_channels_can_be_removed() {
    let statuses = classify(&every_kind(), &[link(1, 9)], true, true);
    let removable: Vec<_> = statuses
        .iter()
        .filter(|s| s.is_removable())
        .map(|s| s.channel.id)
        .collect();
    assert_eq!(removable, [1]);
}

#[test]
fn channel_status_serializes_for_the_drawer() {
    let statuses = classify(
        &[channel(1, ChannelKind::WhatsApp)],
        &[link(1, 42)],
        false,
        false,
    );
    let json = serde_json::to_string(&statuses[0]).expect("serializes");
    assert_eq!(
        json,
        r#"{"channel":{"id":1,"kind":"whatsapp","name":"WhatsApp #1"},"availability":{"state":"active","connected_at":42}}"#
    );
    assert_eq!(
        serde_json::from_str::<ChannelStatus>(&json).ok().as_ref(),
        statuses.first()
    );
}

proptest! {
    #[test]
    fn channel_kind_parse_never_panics(input in any::<String>()) {
        if let Ok(kind) = input.parse::<ChannelKind>() {
            prop_assert_eq!(kind.key().parse(), Ok(kind));
        }
    }

    #[test]
    fn r5_classify_lists_each_channel_once(
        kinds in proptest::collection::vec(0usize..11, 0..12),
        linked in proptest::collection::vec((0i64..14, 0i64..1_000, any::<bool>()), 0..10),
        has_phone in any::<bool>(),
        has_email in any::<bool>(),
    ) {
        let channels: Vec<_> = kinds.iter().zip(0..).map(|(k, id)| channel(id, ChannelKind::ALL[*k])).collect();
        let links: Vec<_> = linked
            .iter()
            .map(|&(channel_id, connected_at, has_interactions)| ChannelLink { channel_id, connected_at, has_interactions })
            .collect();
        let statuses = classify(&channels, &links, has_phone, has_email);
        prop_assert_eq!(statuses.len(), channels.len());
        for status in statuses {
            let active = links.iter().any(|l| l.channel_id == status.channel.id && l.has_interactions);
            let startable = can_start_conversation(status.channel.kind, has_phone, has_email);
            let expected_inactive = !active && startable;
            prop_assert_eq!(matches!(status.availability, Availability::Active { .. }), active);
            prop_assert_eq!(status.availability == Availability::Inactive, expected_inactive);
        }
    }
}
