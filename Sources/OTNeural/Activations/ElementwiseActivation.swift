import OTKernels

/// A layer applying one scalar function `y = f(x)` to every element; backward multiplies the
/// incoming gradient by `f′(x)`, which each activation computes from `x` and the cached `y`.
///
/// Conforming types state the math (``activate(_:)`` and ``derivative(input:output:)``); the
/// forward and backward loops are written once here (``elementwiseForward(_:)``,
/// ``elementwiseBackward(_:)``), over contiguous buffers, split across cores for large batches.
/// Each activation's `forward`/`backward` calls them under `@_specialize` for `Float` and `Double`,
/// so the loops run specialized even when reached through `any Layer` (see ``Layer``).
public protocol ElementwiseActivation: Layer {
    /// `f(x)`.
    func activate(_ x: Scalar) -> Scalar
    /// `f′(x)`, given `x` and `y = f(x)`.
    func derivative(input x: Scalar, output y: Scalar) -> Scalar
    /// The input and output of the latest forward pass.
    var cache: ActivationCache<Scalar> { get set }
}

/// The input and output of an activation's latest forward pass (shared copy-on-write, not copied).
public struct ActivationCache<Scalar: OTScalar>: Sendable {
    @usableFromInline var input = Matrix<Scalar>(rows: 0, columns: 0)
    @usableFromInline var output = Matrix<Scalar>(rows: 0, columns: 0)
    /// An empty cache.
    @inlinable public init() {}
}

/// Below this many elements an elementwise pass stays on one thread.
@usableFromInline let elementwiseParallelThreshold = 1 << 15

extension ElementwiseActivation {
    /// `f` applied to every element; caches `x` and `f(x)`.
    /// - Complexity: O(x.count) evaluations of `f`.
    @inlinable
    public mutating func elementwiseForward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        var y = Matrix<Scalar>(rows: x.rows, columns: x.columns)
        let layer = self  // the worker threads read a copy, not the `inout self` of this method
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                let src = px.baseAddress!, dst = py.baseAddress!
                Parallel.forEachBlock(count: px.count, minimumBlock: elementwiseParallelThreshold) { block in
                    for i in block { dst[i] = layer.activate(src[i]) }
                }
            }
        }
        cache.input = x
        cache.output = y
        return y
    }

    /// `gradOutput ⊙ f′(x)`.
    /// - Complexity: O(x.count).
    @inlinable
    public mutating func elementwiseBackward(_ gradOutput: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(gradOutput.rows == cache.input.rows && gradOutput.columns == cache.input.columns,
                     "\(architecture): gradient shape differs from the forward input")
        var gradInput = Matrix<Scalar>(rows: gradOutput.rows, columns: gradOutput.columns)
        let layer = self
        layer.cache.input.withUnsafeBufferPointer { px in
            layer.cache.output.withUnsafeBufferPointer { py in
                gradOutput.withUnsafeBufferPointer { pg in
                    gradInput.withUnsafeMutableBufferPointer { pd in
                        let x = px.baseAddress!, y = py.baseAddress!, g = pg.baseAddress!, d = pd.baseAddress!
                        Parallel.forEachBlock(count: px.count, minimumBlock: elementwiseParallelThreshold) { block in
                            for i in block { d[i] = g[i] * layer.derivative(input: x[i], output: y[i]) }
                        }
                    }
                }
            }
        }
        return gradInput
    }

    /// No parameters.
    @inlinable
    public mutating func updateParameters(_ body: (String, inout Parameter<Scalar>) -> Void) {}
}
