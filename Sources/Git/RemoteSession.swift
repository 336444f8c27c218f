import CGit2
import Foundation

/// Objects received so far while fetching.
public struct FetchProgress: Sendable, Equatable {
    public var received: Int
    public var total: Int
    public var bytes: Int
}

/// What the C callbacks of one fetch reach through their payload pointer.
final class CallbackBox {
    let token: String?
    let scope: TokenScope
    let location: String
    let progress: (FetchProgress) -> Void
    var credentialAttempts = 0

    init(token: String?, scope: TokenScope, location: String, progress: @escaping (FetchProgress) -> Void) {
        self.token = token
        self.scope = scope
        self.location = location
        self.progress = progress
    }
}

/// One remote of a bare repository: list its references, fetch some of them.
/// The token goes (as `x-access-token`, once) only where its `TokenScope` allows.
final class RemoteSession {
    private let remote: OpaquePointer
    private let box: CallbackBox

    init(_ repository: BareRepository, location: String, token: String?, scope: TokenScope,
         progress: @escaping (FetchProgress) -> Void) throws {
        var remote: OpaquePointer?
        try LibGit2.check(git_remote_create_anonymous(&remote, repository.pointer, location), "cannot use remote \(location)")
        self.remote = remote!
        box = CallbackBox(token: token, scope: scope, location: location, progress: progress)
    }

    deinit { git_remote_free(remote) }

    /// The remote's references and the commit (or tag) each points at; a peeled tag
    /// appears as `refs/tags/<name>^{}`.
    func list() throws -> [String: String] {
        var callbacks = self.callbacks()
        try LibGit2.check(git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil), "cannot reach the remote")
        defer { git_remote_disconnect(remote) }
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try LibGit2.check(git_remote_ls(&heads, &count, remote), "cannot list the remote's references")
        var result: [String: String] = [:]
        for i in 0..<count {
            guard let head = heads?[i]?.pointee, let name = head.name else { continue }
            result[String(cString: name)] = hex(head.oid)
        }
        return result
    }

    /// Fetches `refspecs` (`+src:dst`) into the repository.
    func fetch(_ refspecs: [String]) throws {
        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.callbacks = callbacks()
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        var strings = refspecs.map { strdup($0) }
        defer { strings.forEach { free($0) } }
        try strings.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            try LibGit2.check(git_remote_fetch(remote, &array, &options, "scrollbuild fetch"), "cannot fetch")
        }
    }

    private func callbacks() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(box).toOpaque()
        callbacks.transfer_progress = { stats, payload in
            guard let stats, let payload else { return 0 }
            let box = Unmanaged<CallbackBox>.fromOpaque(payload).takeUnretainedValue()
            box.progress(FetchProgress(received: Int(stats.pointee.received_objects), total: Int(stats.pointee.total_objects),
                                       bytes: Int(stats.pointee.received_bytes)))
            return 0
        }
        callbacks.credentials = { out, url, _, allowed, payload in
            guard let payload else { return GIT_PASSTHROUGH.rawValue }
            let box = Unmanaged<CallbackBox>.fromOpaque(payload).takeUnretainedValue()
            box.credentialAttempts += 1
            // `url` is who asks: after a redirect, the new host.
            let asking = url.map { String(cString: $0) } ?? ""
            guard let token = box.token, box.credentialAttempts == 1, box.scope.allows(url: asking, location: box.location),
                  allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return GIT_PASSTHROUGH.rawValue }
            return git_credential_userpass_plaintext_new(out, "x-access-token", token)
        }
        return callbacks
    }
}
