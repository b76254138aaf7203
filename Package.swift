// swift-tools-version:6.1
import PackageDescription

// Build for the local CPU (AVX2/AVX-512 and fused multiply-add) with `SWIFTOT_NATIVE=1`.
// The flag is opt-in because `unsafeFlags` make a package unusable as a versioned dependency;
// the README gives the speed it buys. Kernels stay correct without it, only slower.
// It also defines the condition `SWIFTOT_NATIVE`, so kernels can use fused multiply-add and
// wide registers only when they exist (without a CPU target FMA is a slow library call).
let nativeFlags: [SwiftSetting] =
    Context.environment["SWIFTOT_NATIVE"].map { $0 == "1" || $0 == "true" } == true
    ? [.unsafeFlags(["-target-cpu", "native"]), .define("SWIFTOT_NATIVE")] : []
let release: [SwiftSetting] = nativeFlags

let package = Package(
    name: "SwiftOT",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OTKernels", targets: ["OTKernels"]),
        .library(name: "OptimalTransport", targets: ["OptimalTransport"]),
        .library(name: "OTNeural", targets: ["OTNeural"]),
        .library(name: "OTGenerative", targets: ["OTGenerative"]),
        .library(name: "OTData", targets: ["OTData"]),
        .library(name: "OTMetrics", targets: ["OTMetrics"]),
        .library(name: "OTRender", targets: ["OTRender"]),
        .executable(name: "swiftot", targets: ["swiftot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "OTKernels",
                dependencies: [.product(name: "RealModule", package: "swift-numerics")],
                swiftSettings: release),
        .target(name: "OptimalTransport", dependencies: ["OTKernels"], swiftSettings: release),
        .target(name: "OTNeural", dependencies: ["OTKernels"], swiftSettings: release),
        .target(name: "OTGenerative",
                dependencies: ["OTKernels", "OptimalTransport", "OTNeural"], swiftSettings: release),
        .target(name: "OTData", dependencies: ["OTKernels", "CZlib"], swiftSettings: release),
        .target(name: "OTMetrics", dependencies: ["OTKernels", "OTNeural"], swiftSettings: release),
        .target(name: "OTRender", dependencies: ["OTKernels", "CZlib"], swiftSettings: release),
        .target(name: "_OTTestSupport", dependencies: ["OTKernels"]),
        .target(
            name: "SwiftOTCLI",
            dependencies: [
                "OTKernels", "OptimalTransport", "OTNeural", "OTGenerative", "OTData", "OTMetrics",
                "OTRender", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: release),
        .executableTarget(name: "swiftot", dependencies: ["SwiftOTCLI"], swiftSettings: release),
        .testTarget(name: "OTKernelsTests", dependencies: ["OTKernels", "_OTTestSupport"]),
        .testTarget(name: "OptimalTransportTests",
                    dependencies: ["OptimalTransport", "OTKernels", "_OTTestSupport"]),
        .testTarget(name: "OTNeuralTests", dependencies: ["OTNeural", "OTKernels", "_OTTestSupport"]),
        .testTarget(name: "OTGenerativeTests",
                    dependencies: ["OTGenerative", "OptimalTransport", "OTKernels", "_OTTestSupport"]),
        .testTarget(name: "OTDataTests", dependencies: ["OTData", "OTKernels", "_OTTestSupport"]),
        .testTarget(name: "OTRenderTests", dependencies: ["OTRender", "OTKernels", "CZlib", "_OTTestSupport"]),
        .testTarget(name: "SwiftOTCLITests", dependencies: ["SwiftOTCLI", "swiftot", "OTKernels"]),
    ]
)
