import ArgumentParser

/// The solver `swiftot ot --method` runs.
enum OTMethod: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Entropic OT by log-domain Sinkhorn (``OptimalTransport/Sinkhorn``).
    case sinkhorn
    /// The debiased Sinkhorn divergence (``OptimalTransport/SinkhornDivergence``).
    case divergence
    /// Exact transport by the network simplex (``OptimalTransport/NetworkSimplex``), in Double.
    case exact
    /// Sliced Wasserstein over random directions (``OptimalTransport/SlicedWasserstein``).
    case sliced

    /// Whether the method produces one transport plan and a pair of potentials that
    /// `--plan` and `--potentials` can write.
    var hasPlan: Bool {
        switch self {
        case .sinkhorn, .exact: true
        case .divergence, .sliced: false
        }
    }

    /// Whether the method is entropic (takes `--epsilon` and the Sinkhorn options).
    var isEntropic: Bool {
        switch self {
        case .sinkhorn, .divergence: true
        case .exact, .sliced: false
        }
    }
}

/// The floating-point type `swiftot ot` reads the points into and solves in.
enum OTPrecision: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// 32-bit `Float`.
    case float
    /// 64-bit `Double`.
    case double
}
