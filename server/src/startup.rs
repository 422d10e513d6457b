//! Building the whole application (router, sessions, layers) in a library
//! function, so the binary and the tests start exactly the same thing.

use crate::config::Config;
use crate::http::imports::FilesState;
use crate::http::{assets, export, imports, policy, renders, security};
use crate::inbox::live::{inbox_events, LiveState, LiveUpdates};
use crate::inbox::merge_events::PublishingMerges;
use crate::inbox::outbound::LogOnlyOutbound;
use crate::inbox::InboxService;
use crate::ingress::{self, IngressState};
use crate::storage::sessions::Sessions;
use crate::storage::Store;
use app::ssr::Services;
use app::{shell, App};
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::{middleware, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "contacts_session";

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
    #[error("seeding the demo data: {0}")]
    Seed(String),
    #[error("listening on {address}: {source}")]
    Listen {
        address: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// The whole server, ready to serve: storage opened, demo data seeded when
/// asked, background jobs running and the listener bound. `main` and the
/// tests build it with this one function.
pub struct Application {
    listener: TcpListener,
    router: Router,
    backend: Backend,
}

impl Application {
    /// Starts everything the configuration asks for and binds the site's
    /// address (port 0 picks a free one).
    pub async fn build(config: &Config, options: LeptosOptions) -> Result<Self, StartupError> {
        let backend = Backend::open(config).await?;
        if config.demo {
            crate::demo::seed_if_empty(&backend.store, config.demo_password.clone())
                .await
                .map_err(StartupError::Seed)?;
        }
        tokio::spawn(ExpiredDeletion::continuously_delete_expired(
            backend.sessions.clone(),
            std::time::Duration::from_secs(3600),
        ));
        crate::jobs::spawn_runners(backend.store.clone(), config.jobs.clone());
        let address = options.site_addr;
        let listener = TcpListener::bind(address)
            .await
            .map_err(|source| StartupError::Listen { address, source })?;
        let router = router(options, &backend, config);
        Ok(Application {
            listener,
            router,
            backend,
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The storage the server runs on.
    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        serve(self.listener, self.router).await
    }
}

/// Opened storage plus the session store and live updates over it.
#[derive(Clone)]
pub struct Backend {
    pub store: Store,
    pub sessions: Sessions,
    pub live: LiveUpdates,
}

impl Backend {
    /// Opens the database named by the configuration and prepares sessions.
    pub async fn open(config: &Config) -> Result<Self, crate::storage::StorageError> {
        let store = Store::open(&config.database_url).await?;
        let sessions = Sessions::open(&store).await?;
        let live = store.live_updates().await?;
        Ok(Backend {
            store,
            sessions,
            live,
        })
    }
}

/// The complete router: pages, server functions, static files and every
/// layer around them.
fn router(options: LeptosOptions, backend: &Backend, config: &Config) -> Router {
    let live = backend.live.clone();
    let accounts: Arc<dyn app::ssr::AccountsPort> = Arc::new(backend.store.clone());
    let services = Services {
        accounts: accounts.clone(),
        contacts: Arc::new(backend.store.clone()),
        details: Arc::new(backend.store.clone()),
        imports: Arc::new(backend.store.clone()),
        merges: Arc::new(PublishingMerges::new(
            Arc::new(backend.store.clone()),
            live.clone(),
        )),
        inbox: Arc::new(InboxService::new(
            Arc::new(backend.store.clone()),
            live.clone(),
            Arc::new(LogOnlyOutbound),
        )),
        usage: Arc::new(backend.store.clone()),
        channels: Arc::new(backend.store.clone()),
        clock: backend.store.clock(),
    };
    let export_services = services.clone();
    let page_accounts = accounts.clone();
    let ingress = ingress::routes(IngressState {
        store: Arc::new(backend.store.clone()),
        live: live.clone(),
        clock: backend.store.clock(),
    });
    // Routes answered outside Leptos word their refusals in the reader's
    // language.
    let readers_language =
        middleware::from_fn_with_state(accounts.clone(), security::answer_in_readers_language);
    let files = imports::routes(FilesState {
        accounts: accounts.clone(),
        files: Arc::new(backend.store.clone()),
    });
    let events = Router::new()
        .route(app::inbox::EVENTS_PATH, get(inbox_events))
        .with_state(LiveState { live, accounts });
    let secure_cookies = app::ssr::device::SecureCookies(config.secure_cookies);
    let context = move || {
        provide_context(services.clone());
        provide_context(secure_cookies);
        policy::provide_request_nonce();
    };
    let routes = generate_route_list(App);
    let session_layer = SessionManagerLayer::new(backend.sessions.clone())
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(7)));

    let export = Router::new()
        .route(
            "/contacts/export.csv",
            get(move |session, headers, selection, table| {
                export::export_csv(export_services.clone(), session, headers, selection, table)
            }),
        )
        .route_layer(readers_language.clone());
    Router::new()
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            assets::pkg_files(&options),
        )
        .route(
            app::icons::channel_sprite_path(),
            get(assets::channel_sprite),
        )
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options)
        .merge(ingress)
        .merge(files.route_layer(readers_language))
        .merge(export)
        .merge(events)
        .layer(middleware::from_fn(renders::finish_page_renders))
        .layer(middleware::from_fn_with_state(
            page_accounts,
            security::require_session_for_pages,
        ))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(
            security::SiteScheme {
                https: config.secure_cookies,
            },
            security::refuse_cross_site,
        ))
        .layer(middleware::from_fn(assets::cache_static_files))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(middleware::from_fn(policy::content_security_policy))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Serves the router until Ctrl-C or SIGTERM, letting requests in flight finish.
async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    // Small responses go out at once instead of waiting for the client's
    // acknowledgement of the previous packet (Nagle's algorithm).
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
