// swift-tools-version:5.4
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM links a Swift executable with its entry point renamed
// to `<Target>_main`, which a libFuzzer target (whose `main` comes from the fuzzer runtime) does not have.
// The targets are still compiled in the Swift 6 language mode (`swiftLanguageVersions` below).
//
// Build and run with `scripts/fuzz.sh [SECONDS]` from the repository root (`make fuzz`).
import PackageDescription

let package = Package(
    name: "PorchFuzz",
    dependencies: [
        .package(name: "Porch", path: "../..")
    ],
    targets: [
        // Invariant checks, the rules folder and the byte helpers every fuzz target shares.
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzEmail",
            dependencies: ["FuzzSupport", .product(name: "PorchIntake", package: "Porch")]
        ),
        .executableTarget(
            name: "FuzzJSONLines",
            dependencies: ["FuzzSupport", .product(name: "PorchIntake", package: "Porch")]
        ),
        .executableTarget(
            name: "FuzzRuleFile",
            dependencies: [
                "FuzzSupport", .product(name: "PorchRules", package: "Porch"),
                .product(name: "PorchScreening", package: "Porch"),
            ]
        ),
        .executableTarget(
            name: "FuzzNormalizer",
            dependencies: [
                "FuzzSupport", .product(name: "PorchScreening", package: "Porch"),
                .product(name: "PCRE2", package: "Porch"),
            ]
        ),
        .executableTarget(
            name: "FuzzScrubber",
            dependencies: [
                "FuzzSupport", .product(name: "PorchRules", package: "Porch"),
                .product(name: "PorchScreening", package: "Porch"), .product(name: "PCRE2", package: "Porch"),
            ]
        ),
    ],
    swiftLanguageVersions: [.version("6")]
)
