import Foundation
import OTRender
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
        } catch let error as RenderError {
            #expect(error.message == "cannot write '\(missing)': directory '\(directory.path)/missing' does not exist")
        }
        // Renaming over a directory fails after the temporary file was written: it must be removed.
        let blocker = directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(
            at: blocker.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: RenderError.self) { try AtomicFile.write([1, 2, 3], to: blocker.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
    }
}
