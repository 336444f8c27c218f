import Foundation

/// How many heaps glibc's malloc keeps: one per core's worth of the cooperative pool's
/// threads, halved, not glibc's default of eight per core.
///
/// Every Swift task may resume on another thread, so a build's values are allocated on
/// one thread and freed on another; with a heap per thread, the freed pages are spread
/// over many half-empty heaps that cannot be given back. At 10,000 courses on two cores,
/// one heap instead of sixteen held the build's resident size 20 MB lower, at the same
/// speed (bench/simulate.py). `MALLOC_ARENA_MAX` in the environment still decides.
enum MallocArenas {
    static func limit(environment: [String: String] = ProcessInfo.processInfo.environment,
                      cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        #if os(Linux)
        guard environment["MALLOC_ARENA_MAX"] == nil else { return }
        _ = mallopt(mArenaMax, Int32(max(1, cores / 2)))
        #endif
    }
}

#if os(Linux)
/// `M_ARENA_MAX` of glibc's malloc.h, which Glibc's module leaves out.
private let mArenaMax: Int32 = -8

@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
