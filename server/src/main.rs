// The drawer's views nest deeply; release builds need more room to lay them out.
#![recursion_limit = "256"]
use server::config::Config;
use server::startup::{self, Backend};
use std::process::ExitCode;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env();
    let leptos = leptos::config::get_configuration(None)
        .map_err(|error| format!("reading the Leptos configuration: {error}"))?
        .leptos_options;
    let address = leptos.site_addr;

    let backend = Backend::open(&config)
        .await
        .map_err(|error| error.to_string())?;
    if config.demo {
        server::demo::seed_if_empty(&backend.store, config.demo_password.clone())
            .await
            .map_err(|error| format!("seeding the demo data: {error}"))?;
    }
    tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            backend.sessions.clone(),
            std::time::Duration::from_secs(3600),
        ),
    );

    server::jobs::spawn_runners(backend.store.clone(), server::jobs::JobSettings::from_env());

    let router = startup::router(leptos, &backend, &config);
    let listener = TcpListener::bind(address)
        .await
        .map_err(|error| format!("listening on {address}: {error}"))?;
    println!("Contacts is running at http://{address}");
    startup::serve(listener, router)
        .await
        .map_err(|error| format!("serving: {error}"))
}
