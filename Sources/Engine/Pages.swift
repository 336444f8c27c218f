/// An array that grows a page at a time: appending never copies what it holds, so its
/// memory grows in small steps as a build goes on, where an array or a dictionary doubles
/// (the engine's table of 200,000 outcomes jumped by tens of megabytes at once).
struct Pages<Element> {
    private static var shift: Int { 12 }
    private static var mask: Int { (1 << shift) - 1 }
    private var pages: [[Element]] = []
    private(set) var count = 0

    subscript(index: Int) -> Element {
        get { pages[index >> Self.shift][index & Self.mask] }
        set { pages[index >> Self.shift][index & Self.mask] = newValue }
    }

    mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            var page: [Element] = []
            page.reserveCapacity(Self.mask + 1)
            pages.append(page)
        }
        pages[pages.count - 1].append(element)
        count += 1
    }
}
