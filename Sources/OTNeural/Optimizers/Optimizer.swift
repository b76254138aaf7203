import OTKernels

/// A first-order optimizer: ``step(_:)`` moves every trainable parameter of a model using its
/// accumulated gradient (it does not zero the gradients; call ``Layer/zeroGradients()`` before the
/// next backward pass).
///
/// The optimizer's state is a set of named *slots* (e.g. Adam's first and second moments), each
/// holding one matrix per parameter in ``Layer/updateParameters(_:)`` order; slots are created on
/// the first step and saved in checkpoints.
public protocol Optimizer<Scalar>: Sendable {
    /// The scalar type of the parameters it updates.
    associatedtype Scalar: OTScalar

    /// The optimizer's kind, stored in checkpoints (`"SGD"`, `"Adam"`, `"AveragedSGD"`).
    var kind: String { get }
    /// Names of the state slots, e.g. `["firstMoment", "secondMoment"]`.
    var slotNames: [String] { get }
    /// `slots[k][i]` is slot `k` for parameter `i`; every `slots[k]` is empty before the first step.
    var slots: [[Matrix<Scalar>]] { get set }
    /// Steps taken so far.
    var stepCount: Int { get set }

    /// Updates the parameters of `model` from their gradients and advances ``stepCount``.
    /// - Precondition: the model has the parameter shapes of earlier steps.
    mutating func step<Model: Layer>(_ model: inout Model) where Model.Scalar == Scalar
}

extension Layer {
    /// Zero matrices shaped like each parameter (fresh optimizer slots).
    /// - Complexity: O(parameterCount).
    func zeroSlots() -> [Matrix<Scalar>] {
        parameters.map { Matrix(rows: $0.parameter.value.rows, columns: $0.parameter.value.columns) }
    }
}
