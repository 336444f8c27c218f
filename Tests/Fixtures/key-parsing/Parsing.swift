// A fixture for scripts/check-key-parsing: three ways of taking a key string apart.
func course(of key: BuildKey) -> String {
    let parts = key.rawValue.split(separator: ":")
    if key.rawValue.hasPrefix("generate:") { return String(parts[1]) }
    return key.name
}
