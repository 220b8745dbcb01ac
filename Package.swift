// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CultureHub",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "culturehub", targets: ["culturehub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .executableTarget(
            name: "culturehub",
            dependencies: ["CultureHub"],
            swiftSettings: strict
        ),
        .target(
            name: "CultureHub",
            dependencies: [
                "KPIMetrics", "SVGCharts", "QRCode", "Scheduling", "OneTimePassword", "XLSXWriter", "TourPlanning", "Volunteering", "Workforce",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/demo-city.json")],
            swiftSettings: strict
        ),
        .target(name: "KPIMetrics", swiftSettings: strict),
        .target(name: "SVGCharts", swiftSettings: strict),
        .target(name: "QRCode", swiftSettings: strict),
        .target(name: "Scheduling", swiftSettings: strict),
        .target(name: "TourPlanning", swiftSettings: strict),
        .target(name: "Volunteering", swiftSettings: strict),
        .target(name: "Workforce", swiftSettings: strict),
        .target(name: "XLSXWriter", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: strict),
        .target(name: "OneTimePassword", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .testTarget(
            name: "CultureHubTests",
            dependencies: [
                "CultureHub",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "KPIMetricsTests", dependencies: ["KPIMetrics"], swiftSettings: strict),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts"], swiftSettings: strict),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"], swiftSettings: strict),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"], swiftSettings: strict),
        .testTarget(name: "TourPlanningTests", dependencies: ["TourPlanning"], swiftSettings: strict),
        .testTarget(name: "VolunteeringTests", dependencies: ["Volunteering"], swiftSettings: strict),
        .testTarget(name: "WorkforceTests", dependencies: ["Workforce"], swiftSettings: strict),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: strict),
        .testTarget(name: "OneTimePasswordTests", dependencies: ["OneTimePassword"], swiftSettings: strict),
    ]
)
