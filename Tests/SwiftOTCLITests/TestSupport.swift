import Foundation
@testable import SwiftOTCLI

/// A `TextStream` that keeps what is written, for checking in a test.
final class CapturedText: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    /// A stream appending to this buffer.
    var stream: TextStream { TextStream { text in self.lock.withLock { self.buffer += text } } }

    /// Everything written so far.
    var text: String { lock.withLock { buffer } }

    /// The newline-terminated lines written so far (a trailing partial line is dropped).
    var lines: [String] { Array(text.components(separatedBy: "\n").dropLast()) }
}

/// A clock the test moves by hand.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double

    init(_ seconds: Double = 1000) { self.seconds = seconds }

    /// Moves the clock forward by `delta` seconds.
    func advance(_ delta: Double) { lock.withLock { seconds += delta } }

    /// Reads the clock.
    var read: @Sendable () -> Double { { self.lock.withLock { self.seconds } } }
}

/// A fresh empty temporary folder.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("SwiftOTCLITests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
