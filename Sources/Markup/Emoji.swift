/// GitHub's emoji shortcodes that documentation uses most, as the emoji. A shortcode not
/// in the table is dropped rather than shown as `:name:`.
enum Emoji {
    static let table: [String: String] = [
        "+1": "👍", "-1": "👎", "thumbsup": "👍", "thumbsdown": "👎", "smile": "😄", "smiley": "😃", "wink": "😉",
        "tada": "🎉", "rocket": "🚀", "sparkles": "✨", "fire": "🔥", "bug": "🐛", "warning": "⚠️", "memo": "📝",
        "books": "📚", "book": "📖", "bulb": "💡", "heart": "❤️", "star": "⭐", "zap": "⚡", "wrench": "🔧",
        "hammer": "🔨", "gear": "⚙️", "lock": "🔒", "key": "🔑", "mag": "🔍", "link": "🔗", "package": "📦",
        "construction": "🚧", "white_check_mark": "✅", "heavy_check_mark": "✔️", "x": "❌", "question": "❓",
        "exclamation": "❗", "information_source": "ℹ️", "point_right": "👉", "eyes": "👀", "clap": "👏",
        "art": "🎨", "recycle": "♻️", "arrow_right": "➡️", "arrow_left": "⬅️", "arrow_up": "⬆️", "arrow_down": "⬇️",
        "twisted_rightwards_arrows": "🔀", "globe_with_meridians": "🌐", "computer": "💻", "calendar": "📅",
        "pencil": "📝", "pencil2": "✏️", "heavy_plus_sign": "➕", "heavy_minus_sign": "➖", "boom": "💥",
        "lipstick": "💄", "pushpin": "📌", "chart_with_upwards_trend": "📈", "bookmark": "🔖", "bell": "🔔",
        "no_entry_sign": "🚫", "stop_sign": "🛑", "hourglass": "⌛", "100": "💯", "ok_hand": "👌",
        "wave": "👋", "raised_hands": "🙌", "pray": "🙏", "muscle": "💪", "speech_balloon": "💬", "mega": "📣",
        "loudspeaker": "📢", "new": "🆕", "free": "🆓", "checkered_flag": "🏁", "triangular_flag_on_post": "🚩",
    ]
}
