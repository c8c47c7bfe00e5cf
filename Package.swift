// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Porch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "porch", targets: ["porch"]),
        // Library products for the fuzz package in Tests/Fuzz (it depends on this package by path).
        .library(name: "PCRE2", targets: ["PCRE2"]),
        .library(name: "PorchModel", targets: ["PorchModel"]),
        .library(name: "PorchRules", targets: ["PorchRules"]),
        .library(name: "PorchScreening", targets: ["PorchScreening"]),
        .library(name: "PorchIntake", targets: ["PorchIntake"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C interop: only PCRE2 imports it.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // C interop: only PostgreSQL imports it. libpq is loaded at run time, when a group first uses PostgreSQL.
        .systemLibrary(name: "CLibPQ"),
        // A PostgreSQL connection in plain Swift: statements with parameters, transactions, LISTEN/NOTIFY.
        .target(name: "PostgreSQL", dependencies: ["CLibPQ"]),
        // The shared vocabulary: crisis levels, post states, spam labels, resources. No dependencies.
        .target(name: "PorchModel"),
        // Rule files: TOML reading with source positions, the rule model, loading (built word lists kept by SHA-256).
        .target(
            name: "PorchRules",
            dependencies: ["PorchModel", .product(name: "Crypto", package: "swift-crypto")]),
        // The screening lanes: normalize, scrub, flag crisis, score spam. Pure, no I/O.
        .target(name: "PorchScreening", dependencies: ["PCRE2", "PorchModel", "PorchRules"]),
        // stdin decoders: text, JSON Lines, email, mbox.
        .target(name: "PorchIntake"),
        // The queue: its operations, over an SQLite file or a PostgreSQL database.
        .target(
            name: "PorchQueue",
            dependencies: [
                "PorchModel", "PostgreSQL",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Atom and JSON Feed rendering, atomic publish.
        .target(name: "PorchFeed"),
        // The terminal review UI.
        .target(name: "PorchReview", dependencies: ["PorchModel"]),
        // Where the stages join: submission (intake → ordered parallel screening → queue) and publication (the
        // final screening, the feed written atomically, posts marked published).
        .target(
            name: "PorchPipeline",
            dependencies: [
                "PCRE2", "PorchModel", "PorchRules", "PorchScreening", "PorchIntake", "PorchQueue", "PorchFeed",
                "PorchReview",
            ]
        ),
        // The command line: parses, calls the pipeline, prints.
        .executableTarget(
            name: "porch",
            dependencies: [
                "PorchModel", "PorchRules", "PorchScreening", "PorchIntake", "PorchQueue", "PorchFeed",
                "PorchReview", "PorchPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark: `make bench`.
        .executableTarget(
            name: "porch-bench", dependencies: ["PorchRules", "PorchScreening", "PorchQueue", "PostgreSQL"]),

        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL"]),
        .testTarget(name: "PorchModelTests", dependencies: ["PorchModel"]),
        .testTarget(name: "PorchRulesTests", dependencies: ["PorchRules"]),
        .testTarget(
            name: "PorchScreeningTests", dependencies: ["PorchModel", "PorchScreening", "PorchRules"],
            exclude: ["Fixtures"]),
        .testTarget(name: "PorchIntakeTests", dependencies: ["PorchIntake"]),
        .testTarget(name: "PorchQueueTests", dependencies: ["PorchModel", "PorchQueue", "PostgreSQL"]),
        .testTarget(name: "PorchFeedTests", dependencies: ["PorchFeed"]),
        .testTarget(name: "PorchReviewTests", dependencies: ["PorchModel", "PorchReview"]),
        .testTarget(
            name: "PorchPipelineTests",
            dependencies: ["PorchModel", "PorchRules", "PorchScreening", "PorchIntake", "PorchQueue", "PorchPipeline"]),
        .testTarget(name: "PorchCLITests", dependencies: ["porch", "PorchPipeline", "PostgreSQL"]),
    ],
    swiftLanguageModes: [.v6]
)
