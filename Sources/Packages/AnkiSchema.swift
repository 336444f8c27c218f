import Foundation
import Markup

/// The tables of an Anki collection at schema 11 (the legacy `.apkg` format every Anki
/// version imports) and the JSON its `col` row holds: the two note types, the deck and
/// the default deck options. Keys are written sorted, so the same deck gives the same bytes.
enum AnkiSchema {
    static let tables = [
        """
        CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
          ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
          models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL)
        """,
        """
        CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
          usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
          flags integer NOT NULL, data text NOT NULL)
        """,
        """
        CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
          mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
          ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
          odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL)
        """,
        """
        CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
          ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL)
        """,
        "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL)",
        "CREATE INDEX ix_notes_usn ON notes (usn)",
        "CREATE INDEX ix_cards_usn ON cards (usn)",
        "CREATE INDEX ix_revlog_usn ON revlog (usn)",
        "CREATE INDEX ix_cards_nid ON cards (nid)",
        "CREATE INDEX ix_cards_sched ON cards (did, queue, due)",
        "CREATE INDEX ix_revlog_cid ON revlog (cid)",
        "CREATE INDEX ix_notes_csum ON notes (csum)",
    ]

    static func configuration(deck: Int64) -> String {
        json(["activeDecks": [deck], "addToCur": true, "collapseTime": 1200, "curDeck": deck, "curModel": NSNull(),
              "dueCounts": true, "estTimes": true, "newBury": true, "newSpread": 0, "nextPos": 1, "sortBackwards": false,
              "sortType": "noteFld", "timeLim": 0])
    }

    static let style = """
        .card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }
        .explanation { font-size: 16px; color: #555555; }
        pre { white-space: pre-wrap; font-size: 15px; }
        """

    static func models(deck: Int64, modified: Int64) -> String {
        func model(_ id: Int64, _ name: String, fields: [String], front: String, back: String) -> [String: Any] {
            ["id": id, "name": name, "type": 0, "mod": modified, "usn": -1, "sortf": 0, "did": deck, "css": style,
             "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
             "latexPost": "\\end{document}", "tags": [String](), "vers": [Int](), "req": [[0, "any", [0]]],
             "flds": fields.enumerated().map { ord, name in
                 ["name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": [String]()]
             },
             "tmpls": [["name": "Card 1", "ord": 0, "qfmt": front, "afmt": back, "did": NSNull(), "bqfmt": "", "bafmt": ""]]]
        }
        return json([
            String(AnkiDeck.cardModel): model(AnkiDeck.cardModel, "scrollbuild card", fields: ["Front", "Back"],
                                              front: "{{Front}}", back: "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"),
            String(AnkiDeck.questionModel): model(AnkiDeck.questionModel, "scrollbuild question",
                                                  fields: ["Question", "Choices", "Answer", "Explanation"],
                                                  front: "{{Question}}\n{{Choices}}",
                                                  back: "{{FrontSide}}\n\n<hr id=answer>\n\n<p><b>{{Answer}}</b></p>\n<div class=explanation>{{Explanation}}</div>"),
        ])
    }

    static func decks(deck: Int64, name: String, description: String, modified: Int64) -> String {
        func deckValue(_ id: Int64, _ name: String, _ description: String) -> [String: Any] {
            ["id": id, "name": name, "desc": description, "mod": modified, "usn": -1, "collapsed": false, "browserCollapsed": false,
             "dyn": 0, "conf": 1, "extendNew": 10, "extendRev": 50,
             "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0]]
        }
        return json(["1": deckValue(1, "Default", ""), String(deck): deckValue(deck, name, description)])
    }

    static let deckOptions = json(["1": [
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true,
        "dyn": false,
        "new": ["delays": [1, 10], "ints": [1, 4, 0], "initialFactor": 2500, "order": 1, "perDay": 20, "bury": false],
        "lapse": ["delays": [10], "mult": 0, "minInt": 1, "leechFails": 8, "leechAction": 1],
        "rev": ["perDay": 200, "ease4": 1.3, "ivlFct": 1, "maxIvl": 36500, "bury": false, "hardFactor": 1.2],
    ] as [String: Any]])

    private static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Text for Anki's fields, which hold HTML: Markdown rendered (code kept), or plain text for sorting.
enum AnkiText {
    static func html(_ markdown: String) -> String {
        markdown.contains("```") ? MarkdownDocument(markdown).html() : BookMarkup.inline(markdown)
    }

    static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
