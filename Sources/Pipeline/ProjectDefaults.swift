/// The built-in theme, prompts and schemas as files, for `scrollbuild init --eject`.
public enum ProjectDefaults {
    /// The files of the built-in `folder` (`site-templates`, `prompts`, `schemas`), sorted by name.
    public static func files(in folder: String) -> [(name: String, text: String)] {
        Builtins.files(in: folder).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
