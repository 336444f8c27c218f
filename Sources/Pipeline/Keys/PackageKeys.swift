import Catalog
import Engine
import Packages

// The keys of a course's packages (EPUB, PDF, cartridge, deck) and of the project's
// SQLite catalog. Each package is made from the course's data (`api/courses/<id>.json`).

/// `book:<id>` — the course as its packages read it: `api/courses/<id>.json`, decoded.
struct BookKey: CourseIDKey {
    typealias Value = Book
    static let kind = "book"
    static let stage: CourseStage? = .package
    var course: String
}

/// `packages:<id>` — every package the course asks for (its `outputs:`, narrowed by
/// `--outputs`); its value lists the files, by their paths in the site folder.
struct PackagesKey: CourseIDKey {
    typealias Value = [String]
    static let kind = "packages"
    static let stage: CourseStage? = .package
    var course: String
}

/// `epub:<id>` — `<id>/<id>.epub` (its value: the file's digest).
struct EPUBKey: CourseIDKey {
    typealias Value = String
    static let kind = "epub"
    static let stage: CourseStage? = .package
    var course: String
}

/// `printbook:<id>` — the book as one HTML document for the PDF renderer, in the build's
/// state (its value: the document's digest, which names the PDF it renders to).
struct PrintBookKey: CourseIDKey {
    typealias Value = String
    static let kind = "printbook"
    static let stage: CourseStage? = .package
    var course: String
}

/// `cartridge:<id>` — `<id>/<id>.imscc`, an IMS Common Cartridge (its value: the file's digest).
struct CartridgeKey: CourseIDKey {
    typealias Value = String
    static let kind = "cartridge"
    static let stage: CourseStage? = .package
    var course: String
}

/// `anki:<id>` — `<id>/<id>.apkg`, an Anki deck (its value: the file's digest).
struct AnkiKey: CourseIDKey {
    typealias Value = String
    static let kind = "anki"
    static let stage: CourseStage? = .package
    var course: String
}

/// `pdfs:` — every PDF the build wants that is not made yet, rendered by one WeasyPrint
/// process into the build's state. Its value never changes, so no course's task reruns
/// because another course's PDF was made.
struct PDFsKey: SingletonKey {
    typealias Value = String
    static let kind = "pdfs"
}

/// `pdf:<id>` — `<id>/<id>.pdf`, from the PDF `pdfs:` made of the course's print document
/// (its value: the file's digest); a course whose PDF failed fails here, alone.
struct PDFKey: CourseIDKey {
    typealias Value = String
    static let kind = "pdf"
    static let stage: CourseStage? = .package
    var course: String
}

/// `sqlite:` — `api/catalog.sqlite`, the whole catalog and its generated content (its value: the file's digest).
struct CatalogDatabaseKey: SingletonKey {
    typealias Value = String
    static let kind = "sqlite"
}

/// `outputs:` — which kinds of output this build makes: `--outputs`, or every kind.
struct OutputFilterKey: SingletonKey {
    typealias Value = [Output]
    static let kind = "outputs"
}

/// `bookparts:<id>/<slug>` — a module's textbook parts (the `book-parts` step).
struct BookPartsKey: ModuleKey {
    typealias Value = BookParts
    static let kind = "bookparts"
    static let stage: CourseStage? = .generate
    var course: String
    var slug: String
}
