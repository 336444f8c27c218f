import Foundation

/// libFuzzer's entry point: one input through the selected target's reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected.run(size == 0 ? Data() : Data(bytes: data!, count: size))
    return 0
}

#if FUZZING
/// libFuzzer's driver (from libclang_rt.fuzzer, linked by -sanitize=fuzzer). SwiftPM
/// renames an executable's main, so the fuzzer's own main is not used: this one calls
/// the driver with the command line.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
        #else
        // Without libFuzzer (an ordinary build): replays the files named on the command
        // line through SCROLLBUILD_FUZZ_TARGET's reader, to reproduce a crash.
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            _ = data.withUnsafeBytes { raw in
                fuzzOneInput(raw.bindMemory(to: UInt8.self).baseAddress, data.count)
            }
            print("ran \(path): no crash")
        }
        #endif
    }
}
