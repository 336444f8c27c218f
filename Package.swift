// swift-tools-version:6.0
// The layering is declared here and only here: each target imports only the
// targets on its own line, and dependencies point downward.
import PackageDescription

let package = Package(
    name: "scrollbuild",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scrollbuild", targets: ["scrollbuild"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C libraries, wrapped as system-library targets (module.modulemap + shim.h).
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // Layers, lowest first. Each module's README.md says what it is for.
        .target(name: "Diagnostics", exclude: ["README.md"]),
        .target(name: "JSONSyntax", exclude: ["README.md"]),
        .target(name: "Effects", dependencies: ["Diagnostics"], exclude: ["README.md"]),
        .target(name: "EffectsTesting", dependencies: ["Effects"], exclude: ["README.md"]),
        .target(name: "Store", dependencies: [
            "Effects", "Diagnostics", "CCrypto",
        ], exclude: ["README.md"]),
        .target(name: "Engine", dependencies: ["Store", "Effects", "Diagnostics"], exclude: ["README.md"]),
        .target(name: "LLM", dependencies: [
            "Store", "Effects", "Diagnostics", "JSONSyntax", "CCurl", .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["README.md"]),
        .target(name: "RemoteCache", dependencies: ["Store", "LLM"], exclude: ["README.md"]),
        .target(name: "Discovery", dependencies: ["Store", "LLM", "Catalog", "Effects", "CXML2"], exclude: ["README.md"]),
        .target(name: "OfflineAuthor", dependencies: ["LLM", "Markup"], exclude: ["README.md"]),
        .target(name: "Git", dependencies: ["CGit2", "Effects"], exclude: ["README.md"]),
        .target(name: "Catalog", dependencies: ["Diagnostics", "JSONSyntax", "Yams"], exclude: ["README.md"]),
        .target(name: "Markup", dependencies: ["CCmarkGFM", "CXML2", "Diagnostics"], exclude: ["README.md"]),
        .target(name: "Render", dependencies: [
            "Catalog", "Markup", "Diagnostics", .product(name: "Mustache", package: "swift-mustache"),
        ], exclude: ["README.md"]),
        .target(name: "Packages", dependencies: [
            "Markup", "Render", "Effects", "CCrypto", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["README.md"]),
        .target(name: "Pipeline", dependencies: [
            "Engine", "Store", "LLM", "RemoteCache", "OfflineAuthor", "Git", "Catalog", "Markup", "Render", "Packages", "Effects",
            "Diagnostics", "Discovery",
        ], exclude: ["README.md"]),
        .executableTarget(name: "scrollbuild", dependencies: [
            "Pipeline", "Engine", "Catalog", "Store", "LLM", "RemoteCache", "Discovery", "Effects", "Diagnostics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),
        // The readers of outside bytes under libFuzzer (`make fuzz`); a replay tool otherwise.
        .executableTarget(name: "scrollbuild-fuzz", dependencies: [
            "Catalog", "Markup", "LLM", "OfflineAuthor", "Diagnostics",
        ], exclude: ["README.md"]),

        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Effects"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Store", "Effects", "EffectsTesting"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Diagnostics"]),
        .testTarget(name: "RenderTests", dependencies: ["Render"]),
        .testTarget(name: "MarkupTests", dependencies: ["Markup", "CGit2", "CCurl", "CXML2"]),
        .testTarget(name: "LLMTests", dependencies: ["LLM", "Diagnostics", "OfflineAuthor", "Markup", "Store", "Effects", "EffectsTesting"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Catalog", "Engine", "LLM", "OfflineAuthor", "Effects", "EffectsTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Store", "Effects", "Markup", "LLM", "Git", "Discovery"],
                    exclude: ["llm_server.py", "site_browser.py", "site_server.py"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "Catalog", "Effects", "EffectsTesting", "LLM"]),
    ],
    swiftLanguageModes: [.v6]
)
