import Foundation
import LLM
import Store
import Testing

/// Issue 12: `kill -9` at random moments of an LLM build (the provider answering in
/// 100–300 ms), then the same build again. Nothing in the store is corrupt, the site is
/// the clean build's byte for byte, an answer is paid for twice only when it was still
/// on its way at the kill, and the call log has a row for every answer that was stored.
/// `SCROLLBUILD_KILL_TRIALS` sets the number of trials (50).
@Suite(.serialized)
struct KillTrialTests {
    static let trials = Int(ProcessInfo.processInfo.environment["SCROLLBUILD_KILL_TRIALS"] ?? "") ?? 50

    /// What the trials found, summed.
    struct Tally: CustomStringConvertible {
        var trials = 0
        /// Trials whose kill fell between the first and the last LLM call.
        var killedMidLLM = 0
        var answersBeforeKill = 0
        /// Requests the rerun sent again: their answer had not arrived whole at the kill.
        var repeatedInFlight = 0
        /// Requests sent again although the server had written their answer whole before
        /// the kill, and how long before.
        var repeatedArrived: [Double] = []
        var corruptFiles: [String] = []
        var differingSites = 0
        var storedAnswers = 0
        var storedWithoutLogRow = 0

        var description: String {
            let latest = repeatedArrived.max().map { String(format: ", at most %.0f ms before the kill", $0 * 1000) } ?? ""
            return "\(trials) kill -9 trials (\(killedMidLLM) during the LLM calls): \(answersBeforeKill) answers written "
                + "before the kills; repeated after a kill: \(repeatedInFlight) still in flight, \(repeatedArrived.count) "
                + "written whole but not yet stored\(latest); \(corruptFiles.count) corrupt files \(corruptFiles.prefix(3)); \(differingSites) sites "
                + "differing from a clean build; \(storedWithoutLogRow) of \(storedAnswers) stored answers missing from the call log"
        }
    }

    @Test func killedLLMBuildsRecoverWithoutCorruptionAndPayOnlyForWhatWasInFlight() async throws {
        let server = try LLMServer()
        try await server.control(["latency_ms": 100, "latency_ms_max": 300])
        let environment = LLMBuildTests.environment

        let reference = try TestProject.sample()
        try reference.useServer(server)
        let started = Date()
        let clean = try reference.run(["all"], environment: environment)
        let duration = Date().timeIntervalSince(started)
        #expect(clean.status == 0, "\(clean.stderr)")
        let expectedSite = try Self.files(under: reference.path("build/site"))
        #expect(expectedSite.count > 20)

        let project = try TestProject.sample()
        try project.useServer(server)
        var tally = Tally()
        var outputs: [String] = []
        for trial in 0..<Self.trials {
            try? FileManager.default.removeItem(atPath: project.path("build"))
            let before = try await server.stats(brief: true).requests.count
            let running = project.start(["all"], environment: environment)
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...Int(duration * 1000))))
            let killedAt = Date().timeIntervalSince1970
            kill(running.pid, SIGKILL)
            let killed = try running.wait()
            #expect(killed.status == SIGKILL || killed.status == 0)
            let killedRequests = Array(try await server.stats(brief: true).requests.dropFirst(before))
            tally.corruptFiles += try Self.corruptFiles(in: project)

            let rerun = try project.run(["all"], environment: environment)
            #expect(rerun.status == 0, "trial \(trial): \(rerun.stderr)")
            outputs += [killed.stdout, killed.stderr, rerun.stdout, rerun.stderr]
            let rerunRequests = Array(try await server.stats(brief: true).requests.dropFirst(before + killedRequests.count))
            tally.trials += 1
            if !killedRequests.isEmpty && !rerunRequests.isEmpty { tally.killedMidLLM += 1 }
            let finished = killedRequests.filter { ($0["done"] as? Double).map { $0 < killedAt } ?? false }
            tally.answersBeforeKill += finished.count
            let asked = Set(rerunRequests.compactMap { $0["hash"] as? String })
            for request in killedRequests where asked.contains(request["hash"] as? String ?? "") {
                if let done = request["done"] as? Double, done < killedAt {
                    tally.repeatedArrived.append(killedAt - done)
                } else {
                    tally.repeatedInFlight += 1
                }
            }
            if try Self.files(under: project.path("build/site")) != expectedSite { tally.differingSites += 1 }
            tally.corruptFiles += try Self.corruptFiles(in: project, afterRecovery: true)
            let log = try Self.storedWithoutLogRow(in: project)
            tally.storedAnswers += log.stored
            tally.storedWithoutLogRow += log.missing
        }
        print(tally)
        #expect(tally.killedMidLLM >= Self.trials / 3, "\(tally)")
        #expect(tally.corruptFiles.isEmpty && tally.differingSites == 0 && tally.storedWithoutLogRow == 0, "\(tally)")
        // What had arrived whole was stored at once: only an answer caught between its last
        // byte and its fsync can be asked for again, never one that arrived earlier. The
        // window is the answer's handoff, decoding and fsync while the other suites load both
        // cores: 107 ms was seen once, so the bound is 250 ms (an answer stored late by a
        // whole LLM call, 100-300 ms here, would still exceed it only sometimes; the count
        // of such answers is printed).
        #expect(tally.repeatedArrived.allSatisfy { $0 < 0.25 }, "\(tally)")
        try LLMBuildTests.expectNoKey(in: project, outputs: outputs)
    }

    /// Every file under `folder`, by relative path.
    static func files(under folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            let full = folder + "/" + path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
        }
        return files
    }

    /// Store objects whose bytes do not hash to their name, and call-cache entries that
    /// do not name a stored object; after the recovering build, also any temporary file
    /// left in the state folder. Their paths, with why.
    static func corruptFiles(in project: TestProject, afterRecovery: Bool = false) throws -> [String] {
        let state = project.path("build/.scrollbuild")
        guard FileManager.default.fileExists(atPath: state) else { return [] }
        var corrupt: [String] = []
        for path in try FileManager.default.subpathsOfDirectory(atPath: state) {
            let parts = path.split(separator: "/")
            if path.contains(".tmp.") {
                if afterRecovery { corrupt.append(path + " (left after the recovering build)") }
                continue
            }
            guard parts.count == 3, parts[0] == "objects" || parts[0] == "calls" else { continue }
            let name = String(parts[1] + parts[2])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: state + "/" + path))
            if parts[0] == "objects" {
                if ContentHash(of: bytes).hex != name { corrupt.append(path + " (\(bytes.count) bytes, not its hash)") }
            } else {
                let object = String(decoding: bytes, as: UTF8.self)
                if ContentHash(hex: object) == nil
                    || !FileManager.default.fileExists(atPath: "\(state)/objects/\(object.prefix(2))/\(object.dropFirst(2))") {
                    corrupt.append(path + " (names no stored object)")
                }
            }
        }
        return corrupt
    }

    /// Stored answers (entries of `calls/`), and how many of them no call-log row with a
    /// fresh answer names.
    static func storedWithoutLogRow(in project: TestProject) throws -> (stored: Int, missing: Int) {
        let calls = project.path("build/.scrollbuild/calls")
        let stored = Set(try FileManager.default.subpathsOfDirectory(atPath: calls).compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count == 2 && !path.contains(".tmp.") ? String(parts[0] + parts[1]) : nil
        })
        let rows = try CallLog(path: project.path("build/.scrollbuild/calls.sqlite")).all()
        let logged = Set(rows.filter { !$0.cacheHit && $0.outcome == .ok }.map(\.requestHash))
        return (stored.count, stored.subtracting(logged).count)
    }
}
