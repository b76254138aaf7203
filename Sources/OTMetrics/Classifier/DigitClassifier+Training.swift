import OTKernels
import OTNeural

extension DigitClassifier {
    /// Trains the classifier with Adam on softmax cross-entropy for `settings.epochs` epochs of
    /// `settings.stepsPerEpoch(count:)` minibatches each.
    ///
    /// `nextBatch` returns the row indices of the next minibatch (e.g. `MinibatchSampler.nextIndices`
    /// from `OTData`, created with the same batch size); it decides the shuffling, so a seeded
    /// sampler makes the run reproducible. `progress` is called after every step.
    /// - Throws: ``MetricsInputError`` for invalid settings, images that are not `n x 784`, or labels
    ///   outside `0..<10` or not one per image; nothing is trained then.
    /// - Complexity: about 2.7 M multiply-adds per image per epoch (forward and backward).
    public mutating func train(
        images: Matrix<Float>, labels: [Int], settings: ClassifierTrainingSettings,
        nextBatch: () -> [Int], progress: (ClassifierTrainingProgress) -> Void = { _ in }
    ) throws(MetricsInputError) -> ClassifierTrainingHistory {
        try settings.validate()
        try Self.validate(images: images, labels: labels)
        var optimizer = Adam<Float>(learningRate: Float(settings.learningRate))
        let stepsPerEpoch = settings.stepsPerEpoch(count: images.rows)
        var history = ClassifierTrainingHistory()
        for epoch in 0..<settings.epochs {
            var epochTotal = 0.0
            for _ in 0..<stepsPerEpoch {
                let indices = nextBatch()
                precondition(!indices.isEmpty && indices.allSatisfy { (0..<images.rows).contains($0) },
                             "DigitClassifier.train: nextBatch returned an empty batch or a row outside the images")
                let loss = Double(trainingStep(images.rows(at: indices), labels: indices.map { labels[$0] },
                                               optimizer: &optimizer))
                history.stepLosses.append(loss)
                epochTotal += loss
                progress(ClassifierTrainingProgress(epoch: epoch, step: history.stepLosses.count,
                                                    totalSteps: stepsPerEpoch * settings.epochs, loss: loss))
            }
            history.epochLosses.append(epochTotal / Double(stepsPerEpoch))
        }
        return history
    }

    /// One Adam step on the mean cross-entropy of a minibatch; returns that loss (before the step).
    /// - Complexity: about 2.7 M multiply-adds per image.
    mutating func trainingStep(_ x: Matrix<Float>, labels: [Int], optimizer: inout Adam<Float>) -> Float {
        zeroGradients()
        let (loss, gradient) = Loss.softmaxCrossEntropy(forward(x, training: true), labels: labels)
        _ = backward(gradient)
        optimizer.step(&self)
        return loss
    }
}
