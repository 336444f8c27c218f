import CCrypto
import Foundation
import GRDB

/// A course's flashcards and questions as an Anki deck (`.apkg`, Anki's legacy package:
/// a zip of an SQLite `collection.anki2` at schema 11 and a `media` map). Two note types:
/// "scrollbuild card" (front, back) and "scrollbuild question" (question, choices, answer,
/// explanation). Each note's GUID comes from the course and the card's place (its module
/// and its front, or its module and number), so importing a rebuilt deck updates the notes
/// it already holds instead of adding copies; a note's modification time is the book's, so
/// a deck rebuilt from changed material is newer. Ids and times are fixed, never the clock.
public struct AnkiDeck {
    public let book: Book

    public init(book: Book) { self.book = book }

    /// A note as Anki stores it.
    struct Note {
        var guid: String
        var model: Int64
        var fields: [String]
    }

    static let cardModel: Int64 = 1_731_000_000_001
    static let questionModel: Int64 = 1_731_000_000_002

    var notes: [Note] {
        var notes: [Note] = []
        for part in book.parts {
            for card in part.flashcards {
                notes.append(Note(guid: AnkiDeck.guid("\(book.id)\u{0}\(part.slug)\u{0}card\u{0}\(card.front)"),
                                  model: AnkiDeck.cardModel, fields: [AnkiText.html(card.front), AnkiText.html(card.back)]))
            }
            for (number, question) in part.questions.enumerated() {
                let choices = (question.choices ?? []).map { "<li>\(AnkiText.html($0))</li>" }.joined()
                notes.append(Note(guid: AnkiDeck.guid("\(book.id)\u{0}\(part.slug)\u{0}question\u{0}\(number + 1)"),
                                  model: AnkiDeck.questionModel,
                                  fields: [AnkiText.html(question.prompt), choices.isEmpty ? "" : "<ol type=\"a\">\(choices)</ol>",
                                           AnkiText.html(question.answer), AnkiText.html(question.explanation)]))
            }
        }
        return notes
    }

    public func bytes() throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scrollbuild-anki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("collection.anki2").path
        try write(to: path)
        var zip = ZipFile()
        zip.add("collection.anki2", try Data(contentsOf: URL(fileURLWithPath: path)))
        zip.add("media", "{}")
        return try zip.bytes()
    }

    private func write(to path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .default
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let modified = AnkiDeck.seconds(book.date)
        let deck = AnkiDeck.identifier("deck\u{0}\(book.id)")
        try queue.write { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            for statement in AnkiSchema.tables { try db.execute(sql: statement) }
            try db.execute(sql: """
                INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')
                """, arguments: [AnkiDeck.dayStart(modified), modified * 1000, modified * 1000, AnkiSchema.configuration(deck: deck),
                                 AnkiSchema.models(deck: deck, modified: modified),
                                 AnkiSchema.decks(deck: deck, name: book.title, description: book.description, modified: modified),
                                 AnkiSchema.deckOptions])
            for (position, note) in notes.enumerated() {
                let id = AnkiDeck.identifier("note\u{0}" + note.guid)
                let sortField = AnkiText.plain(note.fields[0])
                try db.execute(sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, '', ?, ?, ?, 0, '')",
                               arguments: [id, note.guid, note.model, modified, note.fields.joined(separator: "\u{1F}"),
                                           sortField, AnkiDeck.checksum(sortField)])
                try db.execute(sql: "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                               arguments: [AnkiDeck.identifier("card\u{0}" + note.guid), id, deck, modified, position + 1])
            }
        }
    }

    /// The note's GUID: ten characters of the identity's SHA-256 in Anki's base-91 alphabet.
    static func guid(_ identity: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~")
        var value = digest(identity).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var out = ""
        for _ in 0..<10 {
            out.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return out
    }

    /// A stable id in Anki's range (milliseconds since 2001 and on), from a name.
    static func identifier(_ name: String) -> Int64 {
        let value = digest(name).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return 1_000_000_000_000 + Int64(value % 900_000_000_000)
    }

    /// Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as a number.
    static func checksum(_ text: String) -> Int64 {
        var hash = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        let bytes = Array(text.utf8)
        _ = SHA1(bytes, bytes.count, &hash)
        return hash.prefix(4).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    private static func digest(_ text: String) -> [UInt8] {
        var hash = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let bytes = Array(text.utf8)
        _ = SHA256(bytes, bytes.count, &hash)
        return hash
    }

    /// `YYYY-MM-DDThh:mm:ssZ` as seconds since the epoch (0 when unreadable).
    static func seconds(_ timestamp: String) -> Int64 {
        let numbers = timestamp.split { !$0.isNumber }.compactMap { Int($0) }
        guard numbers.count >= 6 else { return 0 }
        var parts = tm()
        parts.tm_year = Int32(numbers[0] - 1900)
        parts.tm_mon = Int32(numbers[1] - 1)
        parts.tm_mday = Int32(numbers[2])
        parts.tm_hour = Int32(numbers[3])
        parts.tm_min = Int32(numbers[4])
        parts.tm_sec = Int32(numbers[5])
        return Int64(timegm(&parts))
    }

    static func dayStart(_ seconds: Int64) -> Int64 { seconds - seconds % 86_400 }
}
