import OTKernels

/// A chain of layers applied in order; backward runs them in reverse.
///
/// Layers are held as `any Layer<Scalar>` (one dynamic call per layer per pass; the work inside each
/// call is specialized code). Parameter and buffer names are prefixed with the layer index,
/// `"0.weight"`, `"2.runningMean"`.
public struct Sequential<Scalar: OTScalar>: Layer {
    /// The layers, first applied first.
    public var layers: [any Layer<Scalar>]

    /// A chain of `layers`.
    public init(_ layers: [any Layer<Scalar>]) { self.layers = layers }

    /// `"Sequential[a, b, …]"` from the layers' architectures.
    public var architecture: String {
        "Sequential[" + layers.map(\.architecture).joined(separator: ", ") + "]"
    }

    /// Each layer's forward pass, in order.
    /// - Complexity: the sum of the layers' costs.
    public mutating func forward(_ x: Matrix<Scalar>, training: Bool) -> Matrix<Scalar> {
        var h = x
        for i in layers.indices { h = layers[i].forward(h, training: training) }
        return h
    }

    /// Each layer's backward pass, in reverse order.
    /// - Complexity: the sum of the layers' costs.
    public mutating func backward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> {
        var g = gradOutput
        for i in layers.indices.reversed() { g = layers[i].backward(g) }
        return g
    }

    /// Every layer's parameters in layer order, named `"<index>.<name>"`.
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {
        for i in layers.indices {
            layers[i].updateParameters { name, p in body("\(i).\(name)", &p) }
        }
    }

    /// Every layer's buffers in layer order, named `"<index>.<name>"`.
    public mutating func updateBuffers(_ body: (String, inout Matrix<Scalar>) -> Void) {
        for i in layers.indices {
            layers[i].updateBuffers { name, b in body("\(i).\(name)", &b) }
        }
    }
}
