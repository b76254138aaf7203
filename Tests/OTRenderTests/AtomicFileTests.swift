import Foundation
import OTKernels
import Testing

@Suite struct AtomicFileTests {
    @Test func failedWritesNameThePathAndLeaveNothingBehind() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otrender-atomic-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.path + "/missing/out.txt"
        do {
            try AtomicFile.write("x", to: missing)
            Issue.record("writing into a missing directory succeeded")
        } catch {
            #expect(error.description == "cannot write \(missing): No such file or directory")
        }
        // Renaming over a directory fails after the temporary file was written: it must be removed.
        let blocker = directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(
            at: blocker.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: FileWriteError.self) { try AtomicFile.write([1, 2, 3], to: blocker.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
    }
}
