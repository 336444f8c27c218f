import Markup

/// An outline module's notes laid out under its lectures. Notes with headings give each
/// lecture the section whose heading shares most words with it; notes without headings
/// give each sentence, in order, to the lecture it shares most words with. A lecture the
/// notes say nothing about says so: it is never filled with made-up text.
struct OutlineNotes {
    let lectures: [String]
    let title: String
    let notes: String

    static let missing = "The notes for this module do not cover this lecture yet."

    func sections() -> [(heading: String, body: String)] {
        let headings = lectures.isEmpty ? [title] : lectures
        guard !notes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return headings.map { ($0, OutlineNotes.missing) }
        }
        let document = SectionedDocument(notes)
        var bodies = [String](repeating: "", count: headings.count)
        var extra: [(String, String)] = []
        if document.sections.isEmpty {
            var current = 0
            for sentence in Text(notes).sentences {
                let best = bestMatch(sentence, among: headings)
                if let best { current = best }
                bodies[current] += (bodies[current].isEmpty ? "" : " ") + sentence
            }
        } else {
            if !document.opening.isEmpty { bodies[0] = document.opening }
            for section in document.sections {
                if let best = bestMatch(section.heading, among: headings), !bodies[best].contains(section.markdown) {
                    bodies[best] += (bodies[best].isEmpty ? "" : "\n\n") + section.markdown
                } else {
                    extra.append((section.heading, section.markdown))
                }
            }
        }
        return zip(headings, bodies).map { ($0, $1.isEmpty ? OutlineNotes.missing : $1) } + extra
    }

    /// The heading sharing most content words with `text`, if any shares one.
    private func bestMatch(_ text: String, among headings: [String]) -> Int? {
        let words = Set(Text.contentWords(text))
        let scores = headings.map { Set(Text.contentWords($0)).intersection(words).count }
        guard let best = scores.max(), best > 0 else { return nil }
        return scores.firstIndex(of: best)
    }
}
