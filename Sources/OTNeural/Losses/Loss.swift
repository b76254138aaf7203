import OTKernels

/// Training losses: each returns the loss value and its gradient with respect to the prediction
/// (or logits), ready for a network's `backward`.
public enum Loss {}
