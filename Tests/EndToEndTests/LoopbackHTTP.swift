import Foundation

/// One HTTP/1.0 exchange with a test server on 127.0.0.1 over a plain socket (no client
/// library between the test and what it checks): the response body.
enum LoopbackHTTP {
    static func request(port: Int, _ path: String, body: Data? = nil) throws -> Data {
        let fd = try connect(port: port, timeoutSeconds: 10)  // never hang a test on a silent server
        defer { close(fd) }
        var message = Data("\(body == nil ? "GET" : "POST") \(path) HTTP/1.0\r\nContent-Length: \(body?.count ?? 0)\r\n\r\n".utf8)
        message.append(body ?? Data())
        _ = message.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw TestFailure("no HTTP response") }
        return response[split.upperBound...]
    }

    /// A socket connected to 127.0.0.1:`port`, whose reads give up after `timeoutSeconds`.
    static func connect(port: Int, timeoutSeconds: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw TestFailure("cannot connect to 127.0.0.1:\(port)") }
        return fd
    }

    /// Starts a Python test server that writes its port to `--port-file`; waits up to 5 s.
    static func startServer(_ process: Process, script: String, arguments: [String]) throws -> Int {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("port-\(UUID().uuidString)").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--port-file", portFile] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), text.hasSuffix("\n"),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                try? FileManager.default.removeItem(atPath: portFile)
                return port
            }
            usleep(25_000)
        }
        throw TestFailure("\(script) did not start within 5 s")
    }
}
