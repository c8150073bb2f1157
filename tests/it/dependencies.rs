//! postlint reads files from strangers' pull requests: it must never reach the network. No
//! crate that speaks HTTP, TLS or sockets, or an async runtime that would host one, may enter
//! `Cargo.lock`, dev-dependencies included (the SARIF validator is built without its network
//! features for this reason).

/// Crates that open connections, or exist to.
const NETWORKING: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "tokio",
    "async-std",
    "mio",
    "socket2",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
];

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock");
    let packages: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(
        packages.len() > 50,
        "Cargo.lock was read: {}",
        packages.len()
    );
    assert!(packages.contains(&"pulldown-cmark"), "names are parsed");
    let found: Vec<&&str> = packages.iter().filter(|p| NETWORKING.contains(p)).collect();
    assert!(
        found.is_empty(),
        "networking crates in Cargo.lock: {found:?}"
    );
}
