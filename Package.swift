// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "gibson-hook",
    platforms: [.macOS(.v13)],
    products: [
        // Its own product so `swift package generate-manual` and install.sh find it.
        .executable(name: "gibson-hook", targets: ["gibson-hook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libgit2's headers only: Git2Loader defines the functions the core calls and opens libgit2 at run
        // time, so a process that never reads a repository (a warm pre-commit) does not load libgit2 and its
        // fifteen dependencies (about 4 ms per process). No pkgConfig here: it would put -lgit2 on the link line.
        .systemLibrary(
            name: "Clibgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        // The executable's mbedtls_x509_crt_parse_file (CertificateBundleSkip) must stay visible to the libgit2
        // it opens: nothing on the link line references it any more, so it is exported by name.
        .target(
            name: "Git2Loader", dependencies: ["Clibgit2", "LoaderSupport"],
            linkerSettings: [
                .linkedLibrary("dl"),
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=mbedtls_x509_crt_parse_file"], .when(platforms: [.linux])),
            ]),
        // libcurl's headers only: CurlLoader opens the library at run time, so the hooks that never make a
        // request do not load libcurl and its ~35 dependencies (about 7 ms per process). No pkgConfig here:
        // it would put -lcurl on the link line, ahead of any --as-needed.
        .systemLibrary(
            name: "Clibcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .target(name: "CurlLoader", dependencies: ["Clibcurl", "LoaderSupport"], linkerSettings: [.linkedLibrary("dl")]),
        // The dlopen and dlsym steps the three loaders share, with their error messages.
        .target(name: "LoaderSupport", linkerSettings: [.linkedLibrary("dl")]),
        // librdkafka, opened at run time by the processes that deliver to Kafka natively (no -dev headers).
        .target(name: "KafkaLoader", linkerSettings: [.linkedLibrary("dl")]),
        // SQLite's headers only, for the same reason: SQLiteLoader opens libsqlite3 when the outbox is opened.
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .target(name: "SQLiteLoader", dependencies: ["LoaderSupport"], linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "GibsonHookCore",
            dependencies: ["Clibgit2", "Git2Loader", "CurlLoader", "KafkaLoader", "CSQLite", "SQLiteLoader", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "GibsonHookCLI",
            dependencies: ["GibsonHookCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "gibson-hook", dependencies: ["GibsonHookCLI"]),
        .testTarget(name: "GibsonHookCoreTests", dependencies: ["GibsonHookCore"]),
        // Snapshots are read by their source path (re-recorded with GIBSON_HOOK_RECORD_SNAPSHOTS=1), not resources.
        .testTarget(name: "GibsonHookCLITests", dependencies: ["GibsonHookCLI", "GibsonHookCore"], exclude: ["Snapshots"]),
        .testTarget(
            name: "GibsonHookIntegrationTests", dependencies: ["GibsonHookCore"],
            // Fixtures are scripts the tests run by their source path, not resources.
            exclude: ["Transport/Fixtures", "Snapshots"]),
    ]
)

// libFuzzer targets (Fuzz/), declared only for scripts/fuzz.sh (GIBSON_HOOK_FUZZ=1, its own scratch path and
// -sanitize=fuzzer): without libFuzzer's main they cannot link, so ordinary builds never see them.
if ProcessInfo.processInfo.environment["GIBSON_HOOK_FUZZ"] == "1" {
    for name in ["FuzzEventInput", "FuzzConfigLoader", "FuzzHookInput"] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["GibsonHookCore"], path: "Fuzz/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
