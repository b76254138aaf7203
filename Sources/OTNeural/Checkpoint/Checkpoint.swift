import OTKernels

/// A snapshot of a training run: model tensors, optional optimizer state, step and RNG state,
/// stamped with the model's architecture fingerprint.
///
/// File format, version 1 (all integers little-endian):
/// ```
/// offset 0   8 bytes  magic "SWOTCKPT"
///        8   UInt32   format version (1)
///        12  UInt32   CRC-32 of the payload
///        16  UInt64   payload byte count
///        24  payload:
///            string   fingerprint                 (string = UInt32 byte count + UTF-8)
///            UInt64   training step
///            UInt32   RNG word count, then that many UInt64 words
///            tensors  model tensors               (tensors = UInt32 count + tensor*)
///            UInt8    1 if optimizer state follows, else 0
///            [string  optimizer kind, UInt64 optimizer step count, tensors]
/// tensor:    string name, UInt8 scalar type (1 = float32, 2 = float64), UInt32 rank (2),
///            UInt64 rows, UInt64 columns, rows·columns raw IEEE-754 values
/// ```
/// Files are written atomically (temporary file in the same directory, fsync, rename), so a crash
/// leaves either the old or the new checkpoint, never a mix.
public struct Checkpoint<Scalar: OTScalar>: Equatable, Sendable {
    /// The format version this build writes and reads.
    public static var formatVersion: UInt32 { 1 }

    /// The architecture description of the model (``Layer/architecture``).
    public var fingerprint: String
    /// The training step at which it was taken.
    public var step: Int
    /// The random generator's state words (e.g. ``Xoshiro256``'s four), for exact resumption.
    public var randomState: [UInt64]
    /// The model's parameters, then its buffers, with their names.
    public var tensors: [NamedTensor<Scalar>]
    /// The optimizer's state, if one was saved.
    public var optimizer: OptimizerState<Scalar>?
    /// The file it was read from (`"(in memory)"` otherwise); errors when restoring name it. Not part of
    /// the content: `==` ignores it.
    public var origin = "(in memory)"

    /// A checkpoint from its parts.
    /// - Precondition: `step ≥ 0`.
    public init(
        fingerprint: String, step: Int, randomState: [UInt64], tensors: [NamedTensor<Scalar>],
        optimizer: OptimizerState<Scalar>? = nil
    ) {
        precondition(step >= 0, "Checkpoint: negative step \(step)")
        self.fingerprint = fingerprint
        self.step = step
        self.randomState = randomState
        self.tensors = tensors
        self.optimizer = optimizer
    }

    /// Whether the contents agree bit for bit (fingerprint, step, RNG state, tensors, optimizer
    /// state); ``origin`` is ignored.
    public static func == (a: Checkpoint, b: Checkpoint) -> Bool {
        a.fingerprint == b.fingerprint && a.step == b.step && a.randomState == b.randomState
            && a.tensors == b.tensors && a.optimizer == b.optimizer
    }
}

/// A named matrix in a checkpoint.
public struct NamedTensor<Scalar: OTScalar>: Equatable, Sendable {
    /// The name, e.g. `"0.weight"`.
    public var name: String
    /// The values.
    public var value: Matrix<Scalar>

    /// A named tensor.
    public init(name: String, value: Matrix<Scalar>) {
        self.name = name
        self.value = value
    }
}

/// An optimizer's saved state: its kind, its step count and its slot tensors, named
/// `"<slot>.<parameter>"` (e.g. `"firstMoment.0.weight"`).
public struct OptimizerState<Scalar: OTScalar>: Equatable, Sendable {
    /// ``Optimizer/kind``.
    public var kind: String
    /// ``Optimizer/stepCount``.
    public var stepCount: Int
    /// The slot tensors, slot by slot, each in parameter order.
    public var tensors: [NamedTensor<Scalar>]

    /// An optimizer state.
    public init(kind: String, stepCount: Int, tensors: [NamedTensor<Scalar>]) {
        self.kind = kind
        self.stepCount = stepCount
        self.tensors = tensors
    }
}

extension Xoshiro256 {
    /// The four state words, for ``Checkpoint/randomState``.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    /// A generator restored from ``stateWords``; `nil` unless there are four words, not all zero.
    public init?(stateWords w: [UInt64]) {
        guard w.count == 4, w.contains(where: { $0 != 0 }) else { return nil }
        self.init(state: (w[0], w[1], w[2], w[3]))
    }
}
