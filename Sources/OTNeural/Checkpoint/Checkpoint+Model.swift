import OTKernels

extension Checkpoint {
    /// A checkpoint of `model`'s parameters and buffers (shared copy-on-write, not copied), with
    /// the model's architecture as fingerprint and, if given, `optimizer`'s state.
    /// - Complexity: O(number of tensors).
    public init<Model: Layer, Opt: Optimizer>(
        model: Model, optimizer: Opt?, step: Int, randomState: [UInt64] = []
    ) where Model.Scalar == Scalar, Opt.Scalar == Scalar {
        let parameters = model.parameters
        var optimizerState: OptimizerState<Scalar>?
        if let optimizer {
            var tensors = [NamedTensor<Scalar>]()
            for (slot, values) in zip(optimizer.slotNames, optimizer.slots) where !values.isEmpty {
                for (p, value) in zip(parameters, values) {
                    tensors.append(NamedTensor(name: "\(slot).\(p.name)", value: value))
                }
            }
            optimizerState = OptimizerState(kind: optimizer.kind, stepCount: optimizer.stepCount, tensors: tensors)
        }
        self.init(
            fingerprint: model.architecture, step: step, randomState: randomState,
            tensors: parameters.map { NamedTensor(name: $0.name, value: $0.parameter.value) }
                + model.buffers.map { NamedTensor(name: $0.name, value: $0.value) },
            optimizer: optimizerState)
    }

    /// A checkpoint of `model` without optimizer state.
    /// - Complexity: O(number of tensors).
    public init<Model: Layer>(model: Model, step: Int, randomState: [UInt64] = []) where Model.Scalar == Scalar {
        self.init(model: model, optimizer: SGD<Scalar>?.none, step: step, randomState: randomState)
    }

    /// Copies the checkpoint's tensors into `model` after checking the fingerprint, the names, order
    /// and shapes of every parameter and buffer; on any mismatch nothing is changed.
    /// Gradients are left as they are.
    /// - Throws: ``CheckpointError`` (`.fingerprintMismatch`, `.missingTensor`, `.unexpectedTensor`,
    ///   `.shapeMismatch`).
    /// - Complexity: O(number of tensors); values are shared copy-on-write.
    public func restore<Model: Layer>(into model: inout Model) throws(CheckpointError) where Model.Scalar == Scalar {
        try validate(model)
        assign(to: &model)
    }

    /// Restores `model` as ``restore(into:)`` does and `optimizer`'s slots and step count, after
    /// checking that the checkpoint holds state of the same optimizer kind with one tensor per slot and
    /// parameter (or none before the first step); on any mismatch neither is changed.
    /// - Throws: ``CheckpointError``, including `.optimizerMismatch`.
    /// - Complexity: O(number of tensors).
    public func restore<Model: Layer, Opt: Optimizer>(
        into model: inout Model, optimizer: inout Opt
    ) throws(CheckpointError) where Model.Scalar == Scalar, Opt.Scalar == Scalar {
        try validate(model)
        guard let state = self.optimizer, state.kind == optimizer.kind else {
            throw CheckpointError(path: origin,
                                  reason: .optimizerMismatch(expected: optimizer.kind, found: self.optimizer?.kind ?? "none"))
        }
        let parameters = model.parameters
        var expected = [(name: String, shape: [Int])]()
        if !state.tensors.isEmpty {
            for slot in optimizer.slotNames {
                for p in parameters {
                    expected.append(("\(slot).\(p.name)", [p.parameter.value.rows, p.parameter.value.columns]))
                }
            }
        }
        try check(state.tensors, against: expected)
        assign(to: &model)
        let perSlot = parameters.count
        optimizer.slots = optimizer.slotNames.indices.map { k in
            state.tensors.isEmpty ? [] : state.tensors[(k * perSlot)..<((k + 1) * perSlot)].map(\.value)
        }
        optimizer.stepCount = state.stepCount
    }

    /// Throws unless the fingerprint, names, order and shapes match `model`.
    func validate<Model: Layer>(_ model: Model) throws(CheckpointError) where Model.Scalar == Scalar {
        guard fingerprint == model.architecture else {
            throw CheckpointError(path: origin,
                                  reason: .fingerprintMismatch(expected: model.architecture, found: fingerprint))
        }
        let expected = model.parameters.map { ($0.name, [$0.parameter.value.rows, $0.parameter.value.columns]) }
            + model.buffers.map { ($0.name, [$0.value.rows, $0.value.columns]) }
        try check(tensors, against: expected)
    }

    /// Throws unless `tensors` has exactly the `expected` names, in order, with the expected shapes.
    func check(_ tensors: [NamedTensor<Scalar>], against expected: [(name: String, shape: [Int])])
        throws(CheckpointError)
    {
        func fail(_ reason: CheckpointError.Reason) -> CheckpointError { CheckpointError(path: origin, reason: reason) }
        for (i, e) in expected.enumerated() {
            guard i < tensors.count else { throw fail(.missingTensor(e.name)) }
            guard tensors[i].name == e.name else { throw fail(.unexpectedTensor(tensors[i].name)) }
            let shape = [tensors[i].value.rows, tensors[i].value.columns]
            guard shape == e.shape else { throw fail(.shapeMismatch(tensor: e.name, expected: e.shape, found: shape)) }
        }
        if tensors.count > expected.count { throw fail(.unexpectedTensor(tensors[expected.count].name)) }
    }

    /// Copies the (validated) tensors into the model's parameters, then its buffers.
    func assign<Model: Layer>(to model: inout Model) where Model.Scalar == Scalar {
        var index = 0
        model.updateParameters { _, p in
            p.value = tensors[index].value
            index += 1
        }
        model.updateBuffers { _, b in
            b = tensors[index].value
            index += 1
        }
    }
}
